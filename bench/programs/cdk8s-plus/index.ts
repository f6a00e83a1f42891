import { App, Chart } from "cdk8s";
import { Catalog } from "../../catalog";
import { plusService } from "./service";
import { plusStore } from "./store";

/** The catalog in cdk8s-plus: one Chart per team namespace; connections with `allowTo` (egress + ingress policy). */
export function cdk8sPlusCatalog(catalog: Catalog): App {
  const app = new App();
  const charts = new Map<string, Chart>();
  const chartOf = (namespace: string) => {
    let chart = charts.get(namespace);
    if (!chart) charts.set(namespace, (chart = new Chart(app, namespace, { namespace, disableResourceNameHashes: true })));
    return chart;
  };
  const stores = new Map(catalog.stores.map((s) => [s.name, plusStore(chartOf(s.namespace), s)]));
  const deployments = catalog.services.map((s) => plusService(chartOf(s.namespace), s));
  catalog.services.forEach((s, i) => {
    deployments[i].connections.allowTo(deployments[s.calls]);
    deployments[i].connections.allowTo(stores.get(s.store.name)!);
  });
  return app;
}
