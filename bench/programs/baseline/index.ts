import { Catalog, PORT } from "../../catalog";
import { rawConnection } from "./connections";
import { rawService } from "./service";
import { REDIS_PORT, rawStore } from "./store";

/** The baseline: the same Kubernetes objects written directly with @pulumi/kubernetes, no components. */
export function baselineCatalog(catalog: Catalog): void {
  for (const store of catalog.stores) rawStore(store);
  for (const service of catalog.services) rawService(service);
  for (const service of catalog.services) {
    const from = { name: service.name, namespace: service.namespace, port: PORT };
    const next = catalog.services[service.calls];
    rawConnection(from, { name: next.name, namespace: next.namespace, port: PORT });
    rawConnection(from, { name: service.store.name, namespace: service.store.namespace, port: REDIS_PORT });
  }
}
