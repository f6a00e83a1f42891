import * as pulumi from "@pulumi/pulumi";
import { AppService, StatefulApp } from "@slipway/apps";
import { Catalog, GATEWAY, IMAGE, PORT, SCALE, STORE_CLASS, STORE_SIZE } from "../catalog";

/** The catalog as an app team writes it with Slipway: one AppService per service, one StatefulApp per team. */
export function slipwayCatalog(catalog: Catalog): void {
  const stores = new Map(
    catalog.stores.map((s) => [s.name, new StatefulApp(s.name, { namespace: s.namespace, preset: "redis", storage: { size: STORE_SIZE, class: STORE_CLASS } })]),
  );
  const apps = catalog.services.map(
    (s) =>
      new AppService(s.name, {
        namespace: s.namespace,
        image: IMAGE,
        port: PORT,
        config: s.config,
        secrets: { API_TOKEN: pulumi.secret(s.fakeToken) },
        scale: { ...SCALE },
        expose: { host: s.host, gateway: GATEWAY },
      }),
  );
  catalog.services.forEach((s, i) => {
    // The next service may be another team's: declared from its side, the call carries its owner's consent.
    apps[s.calls].allowFrom(apps[i]);
    apps[i].connectTo(stores.get(s.store.name)!);
  });
}
