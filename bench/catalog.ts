/**
 * The app catalog every tool renders, as plain data: N services in teams of ten, one store per team.
 * Each service calls the next service in the catalog and its team's store (two connections).
 */

/** Services per team (one namespace and one StatefulApp store per team). */
export const TEAM_SIZE = 10;
export const IMAGE = "registry.example.test/catalog/service:1.0.0";
export const PORT = 8080;
export const GATEWAY = { gatewayName: "platform", gatewayNamespace: "gateway-system" } as const;
export const SCALE = { min: 2, max: 5, cpuPercent: 70 } as const;
export const STORE_SIZE = "5Gi";
export const STORE_CLASS = "ceph-block";

export interface CatalogStore {
  name: string;
  namespace: string;
  /** In-cluster host of the store's client Service. */
  host: string;
}

export interface CatalogService {
  name: string;
  namespace: string;
  /** External host its route serves. */
  host: string;
  /** Plain settings, stored in a ConfigMap. */
  config: Record<string, string>;
  /** An obviously fake token, passed as a Pulumi secret by the programs. */
  fakeToken: string;
  /** Index of the service it calls (the next one, wrapping around). */
  calls: number;
  /** The team store it calls. */
  store: CatalogStore;
}

export interface Catalog {
  services: CatalogService[];
  stores: CatalogStore[];
}

/** The catalog of `n` services (n >= 2, so every service has another to call). */
export function buildCatalog(n: number): Catalog {
  if (!Number.isInteger(n) || n < 2) throw new Error(`catalog size must be an integer >= 2, got ${n}`);
  const stores: CatalogStore[] = [];
  for (let team = 0; team * TEAM_SIZE < n; team++) {
    const namespace = `team-${team}`;
    const name = `store-${team}`;
    stores.push({ name, namespace, host: `${name}.${namespace}.svc.cluster.local` });
  }
  const services = Array.from({ length: n }, (_, i): CatalogService => {
    const store = stores[Math.floor(i / TEAM_SIZE)];
    const name = `svc-${i}`;
    return {
      name,
      namespace: store.namespace,
      host: `${name}.apps.example.test`,
      config: { LOG_LEVEL: "info", STORE_HOST: store.host, SERVICE_INDEX: String(i) },
      fakeToken: `fake-bench-token-${i}`,
      calls: (i + 1) % n,
      store,
    };
  });
  return { services, stores };
}
