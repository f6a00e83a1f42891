import { AppRef, AppService, appsOutput, CronJob, ExternalService, PlatformStack, StatefulApp, Worker } from "@slipway/apps";

export interface PaymentsConfig {
  /** The platform stack this team deploys onto, e.g. "acme/platform/prod". */
  platformStack: string;
  /** The version every payments image runs. */
  version: string;
  /** The bank's ledger outside the cluster, and the address blocks behind its name. */
  ledgerHost: string;
  ledgerCidrs: string[];
}

/**
 * Payments: an API taking payment requests, a worker settling them against the bank's ledger, a
 * PostgreSQL database, and a nightly reconciliation. The shop's orders service (another tenant,
 * another stack) calls the API: payments consents here, the platform grants shop -> payments.
 */
export async function payments(config: PaymentsConfig) {
  const platform = await PlatformStack.load("platform", { stack: config.platformStack });
  const tenant = platform.tenant("payments");
  const image = (name: string) => platform.registry.image(`payments/${name}`, config.version);

  const db = new StatefulApp("payments-db", { tenant, preset: "postgresql", storage: { size: "20Gi", class: platform.storageClass("block") }, credentials: { user: "payments", database: "payments" } });
  const ledger = new ExternalService("ledger", { tenant, hostname: config.ledgerHost, cidrs: config.ledgerCidrs, ports: { https: 443 } });
  const database = { DB_HOST: db.fqdn, DB_NAME: "payments", DB_USER: db.credentials!.ref("user"), DB_PASSWORD: db.credentials!.ref("password") };

  const api = new AppService("payments-api", {
    tenant,
    image: image("api"),
    port: 8080,
    env: database,
    probes: { readiness: { http: { path: "/ready" } }, liveness: { http: { path: "/live" }, periodSeconds: 20 } },
    scale: { min: 2, max: 6 },
    metrics: {},
  });
  const settler = new Worker("settler", {
    tenant,
    image: image("settler"),
    command: ["payments", "settle"],
    env: { ...database, LEDGER_URL: `https://${config.ledgerHost}` },
    metrics: { port: 9090 },
  });
  const reconcile = new CronJob("nightly-reconcile", {
    tenant,
    image: image("reconcile"),
    command: ["payments", "reconcile", "--yesterday"],
    env: { ...database, LEDGER_URL: `https://${config.ledgerHost}` },
    schedule: "30 2 * * *",
    timeZone: "Europe/Berlin",
    activeDeadlineSeconds: 3600,
  });

  // Who calls whom, and nothing more.
  for (const app of [api, settler, reconcile]) app.connectTo(db);
  for (const app of [settler, reconcile]) app.connectTo(ledger);
  // Across tenants: the shop's orders service may call the API. Declared here, by the owner, it writes
  // the ingress into payments only; the shop's stack writes its own egress (see examples/shop).
  api.allowFrom(new AppRef("orders", { tenant: platform.tenant("shop") }));

  return { api: api.url, database: db.fqdn, apps: appsOutput([api]) };
}
