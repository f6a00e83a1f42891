import { podsOf, PodEndpoint, Reachability, render, Rendered } from "@slipway/testing";
import { Tenant } from "@slipway/apps";
import { shop } from "../../shop/shop";
import { payments } from "../payments";
import { CRD_DIR, PLATFORM, stackReferences } from "./fixture";

const config = { platformStack: "acme/platform/local", version: "2.1.0", ledgerHost: "ledger.bank.example.com", ledgerCidrs: ["203.0.113.0/28"] };
const shopConfig = { platformStack: "acme/platform/local", version: "1.4.2" };
const LEDGER = { ip: "203.0.113.5" };

describe("the payments example", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(() => payments(config), { project: "payments", stack: "dev", stackReferences: stackReferences() });
  });

  it("runs an API, a worker with no Service, a replicated CloudNativePG database and a nightly CronJob in the payments tenant", () => {
    expect(r.filter("Deployment").map((d) => d.metadata.name).sort()).toEqual(["payments-api", "settler"]);
    expect(r.filter("StatefulSet")).toEqual([]);
    expect((r.find("Cluster", "payments-db", "payments").spec as { instances: number }).instances).toBe(2);
    expect(r.filter("CronJob").map((c) => c.metadata.name)).toEqual(["nightly-reconcile"]);
    // The operator creates the database's Services (payments-db-rw and friends).
    expect(r.filter("Service").map((s) => s.metadata.name).sort()).toEqual(["ledger", "payments-api"]);
    for (const m of r.manifests()) if (m.metadata.namespace !== undefined) expect(m.metadata.namespace).toBe("payments");
  });

  it("schedules the reconciliation at 02:30 Berlin time, never overlapping, with no preStop pause", () => {
    const cron = r.find("CronJob", "nightly-reconcile", "payments") as unknown as { spec: { schedule: string; timeZone: string; concurrencyPolicy: string; jobTemplate: { spec: { activeDeadlineSeconds: number; template: { spec: { containers: { lifecycle?: unknown }[] } } } } } };
    expect(cron.spec).toMatchObject({ schedule: "30 2 * * *", timeZone: "Europe/Berlin", concurrencyPolicy: "Forbid" });
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(3600);
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0].lifecycle).toBeUndefined();
  });

  it("reads the database credentials by the preset's typed keys, never copying them", () => {
    const env = (r.find("Deployment", "settler", "payments").spec as { template: { spec: { containers: { env: { name: string; value?: string; valueFrom?: unknown }[] }[] } } }).template.spec.containers[0].env;
    // CloudNativePG's payments-db-app Secret: the password never passes through Pulumi.
    expect(env.find((e) => e.name === "DB_PASSWORD")?.valueFrom).toEqual({ secretKeyRef: { name: "payments-db-app", key: "password" } });
    expect(env.find((e) => e.name === "DB_USER")?.valueFrom).toEqual({ secretKeyRef: { name: "payments-db-app", key: "username" } });
    expect(env.find((e) => e.name === "DB_HOST")?.value).toBe("payments-db-rw.payments.svc.cluster.local");
  });

  it("validates against the schemas and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });

  describe("on the cluster with the shop", () => {
    let net: Reachability;
    let pod: (workload: string) => PodEndpoint;
    beforeAll(async () => {
      // The tenants' default-deny baselines live in the platform stack: render them as the cluster has them.
      const platform = await render(() => {
        new Tenant("shop");
        new Tenant("payments", { accepts: ["shop"] });
      });
      const shopRender = await render(() => shop(shopConfig), { project: "shop", stackReferences: stackReferences() });
      const all = [...platform.manifests(), ...shopRender.manifests(), ...r.manifests()];
      net = new Reachability(all);
      const pods = podsOf(all);
      pod = (workload) => pods.find((p) => p.workload === workload)!;
    });

    it("lets exactly the declared calls through, across tenants only orders -> payments-api", () => {
      const allowed = (from: string, to: string, port: string) => net.allows(pod(from), pod(to), port);
      expect(allowed("Deployment/orders", "Deployment/payments-api", "http")).toBe(true);
      expect(allowed("Deployment/cart", "Deployment/payments-api", "http")).toBe(false);
      expect(allowed("Deployment/payments-api", "Deployment/orders", "http")).toBe(false);
      expect(allowed("Deployment/payments-api", "Cluster/payments-db", "postgresql")).toBe(true);
      expect(allowed("Deployment/settler", "Cluster/payments-db", "postgresql")).toBe(true);
      expect(allowed("CronJob/nightly-reconcile", "Cluster/payments-db", "postgresql")).toBe(true);
      expect(allowed("Deployment/settler", "Deployment/payments-api", "http")).toBe(false);
      expect(allowed("Deployment/orders", "Cluster/payments-db", "postgresql")).toBe(false);
    });

    it("lets the worker and the nightly job reach the ledger, and nothing else leave", () => {
      expect(net.allows(pod("Deployment/settler"), LEDGER, 443)).toBe(true);
      expect(net.allows(pod("CronJob/nightly-reconcile"), LEDGER, 443)).toBe(true);
      expect(net.allows(pod("Deployment/payments-api"), LEDGER, 443)).toBe(false);
      expect(net.allows(pod("Deployment/settler"), { ip: "198.51.100.7" }, 443)).toBe(false);
    });
  });

  describe("the cross-tenant call", () => {
    it("writes each side's policy in its own namespace only", async () => {
      const shopRender = await render(() => shop(shopConfig), { project: "shop", stackReferences: stackReferences() });
      const policies = (x: Rendered) => x.filter("NetworkPolicy").map((p) => `${String(p.metadata.namespace)}/${String(p.metadata.name)}`);
      expect(policies(shopRender).filter((p) => p.includes("payments"))).toEqual(["shop/orders-to-payments-payments-api"]);
      expect(policies(r).filter((p) => p.includes("shop"))).toEqual(["payments/payments-api-from-shop-orders"]);
      expect(policies(shopRender).every((p) => p.startsWith("shop/"))).toBe(true);
      expect(policies(r).every((p) => p.startsWith("payments/"))).toBe(true);
    });

    it("is refused when the platform has not granted shop -> payments, naming both tenants", async () => {
      const ungranted = stackReferences({ ...PLATFORM, grants: { shop: [], payments: [] } });
      await expect(render(() => shop(shopConfig), { project: "shop", stackReferences: ungranted })).rejects.toThrow(
        /Connection "orders-to-payments-payments-api": target \("AppRef \\"payments-api\\""\) is in tenant "payments", not in "shop".*tenants\.payments\.accepts: \["shop"\]/,
      );
    });
  });
});
