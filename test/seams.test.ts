import { Manifest, SlipwayInputError } from "@slipway/core";
import { Rendered, render } from "@slipway/testing";
import { renderExampleOn, EXAMPLES } from "./examples.support";
import { renderStack } from "./stacks.support";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const spec = (m: Manifest) => m.spec as any;
const linkIds = (r: Rendered, cluster: Rendered[] = []) => r.check({ cluster, only: ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"] });
const example = (name: string) => EXAMPLES.find((e) => e.name === name)!;

describe("seams of the local platform (one cluster: platform render and team renders)", () => {
  let local: Rendered;
  beforeAll(async () => {
    local = await renderStack("local");
  }, 120000);

  it("1: the https listener admits Harbor's and Grafana's routes, and tenants' (by a namespace label)", () => {
    const https = spec(local.find("Gateway", "platform", "gateway-system")).listeners.find((l: { name: string }) => l.name === "https");
    const selector = https.allowedRoutes.namespaces.selector.matchLabels as Record<string, string>;
    for (const ns of ["harbor", "monitoring", "shop", "billing", "security"]) {
      const labels = local.find("Namespace", ns).metadata.labels as Record<string, string>;
      expect({ ns, admitted: Object.entries(selector).every(([k, v]) => labels[k] === v) }).toEqual({ ns, admitted: true });
    }
    // Namespaces that route nothing stay out.
    for (const ns of ["cert-manager", "logging"]) expect(Object.entries(selector).every(([k, v]) => (local.find("Namespace", ns).metadata.labels as Record<string, string>)[k] === v)).toBe(false);
    expect(linkIds(local).filter((v) => v.check === "L1")).toEqual([]);
  });

  it("2: the gateway certificate has one wildcard per tenant and one for the platform's hosts", () => {
    const names = spec(local.find("Certificate", "platform-tls", "gateway-system")).dnsNames;
    expect(names).toEqual(["*.10.86.67.11.nip.io", "*.shop.10.86.67.11.nip.io", "*.billing.10.86.67.11.nip.io", "*.security.10.86.67.11.nip.io", "*.payments.10.86.67.11.nip.io", "*.platform.10.86.67.11.nip.io"]);
  });

  it("3: team pods pull with the tenant's pull secret, read from the platform's outputs", async () => {
    expect(local.outputs.tenantDefaults).toMatchObject({ shop: { imagePullSecrets: ["shop-pull"] }, security: { imagePullSecrets: ["security-pull"] } });
    const shop = await renderExampleOn(example("shop"), "local", local);
    for (const d of shop.filter("Deployment")) expect({ d: d.metadata.name, pull: spec(d).template.spec.imagePullSecrets }).toEqual({ d: d.metadata.name, pull: [{ name: "shop-pull" }] });
    const gate = await renderExampleOn(example("gatekeeper"), "local", local);
    expect(spec(gate.find("StatefulSet", "gatekeeper", "security")).template.spec.imagePullSecrets).toEqual([{ name: "security-pull" }]);
    // Without the pull secret the pods could not pull from the private Harbor: L6 says so.
    const noPull = { ...local.outputs, tenantDefaults: {} };
    const bare = await render(() => import("../examples/shop/shop").then((m) => m.shop({ platformStack: "acme/platform/local", version: "1.4.2" })), { stackReferences: { "acme/platform/local": noPull } });
    expect(new Set(linkIds(bare, [local]).map((v) => v.check))).toEqual(new Set(["L6"]));
  }, 120000);

  it("4: the cluster's resolver (NodeLocal DNSCache on KubeKey) is a Cluster fact the tenant DNS policy allows", () => {
    expect(local.outputs.clusterDns).toEqual({ namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, nodeLocal: "169.254.25.10" });
    const to = spec(local.find("NetworkPolicy", "allow-dns", "shop")).egress[0].to;
    expect(to).toContainEqual({ ipBlock: { cidr: "169.254.25.10/32" } });
  });

  it("6: the log sink is the store the stack creates; a sink nothing creates must be declared external, else L8 finds it", async () => {
    expect(local.find("Namespace", "logging").metadata.annotations).toEqual({ "slipway.dev/sink": "opensearch.log-store.svc.cluster.local:9200" });
    local.find("OpenSearchCluster", "opensearch", "log-store");
    expect(linkIds(local).filter((v) => v.check === "L8")).toEqual([]);
    const elsewhere = (external: boolean) => (c: Record<string, unknown>) => {
      delete c["platform:logStore"];
      c["platform:logging"] = { backend: { kind: "opensearch", host: "opensearch.logging.svc.cluster.local", port: 9200, credentials: { username: "fluent-bit" }, ...(external ? { external } : {}) } };
    };
    const undeclared = await renderStack("local", elsewhere(false));
    expect(linkIds(undeclared).map((v) => `${v.check} ${v.object}`)).toEqual(["L8 v1/Namespace logging"]);
    const declared = await renderStack("local", elsewhere(true));
    expect(linkIds(declared).filter((v) => v.check === "L8")).toEqual([]);
  }, 180000);

  it("7: platform:alertWebhookUrl becomes an Alertmanager receiver, its URL only inside the config Secret", async () => {
    const url = "https://hooks.example.com/services/T0/B0/seam-7-token";
    const r = await renderStack("local", (c) => (c["platform:alertWebhookUrl"] = url));
    const secret = r.find("Secret", "monitoring-alertmanager-config", "monitoring");
    expect(JSON.stringify(secret)).toContain("platform-webhook");
    expect(r.toYaml()).not.toContain(url);
    expect(JSON.stringify(r.outputs)).not.toContain(url);
    expect(JSON.stringify(r.charts())).not.toContain(url);
  }, 120000);
});

describe("seam 7: a production stack without an alert receiver", () => {
  it("is refused, naming the key", async () => {
    const error = await renderStack("prod", (c) => delete (c["platform:monitoring"] as { alerting?: unknown }).alerting).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlipwayInputError);
    expect((error as SlipwayInputError).path).toBe("platform:alertWebhookUrl");
    expect((error as Error).message).toContain('Stack config "prod": platform:alertWebhookUrl');
  }, 120000);
});

describe("seam 8: tenants and storage classes come from the platform's outputs", () => {
  it("prod's block class is gp3, and a tenant in another namespace is used there", async () => {
    const prod = await renderStack("prod");
    expect(prod.outputs.storageClasses).toMatchObject({ block: "gp3" });
    const outputs = { ...prod.outputs, tenants: { ...(prod.outputs.tenants as object), security: "security-prod" } };
    const { gatekeeper } = await import("../examples/gatekeeper/gatekeeper");
    const gate = await render(() => gatekeeper({ platformStack: "acme/platform/prod", redisAddress: "10.30.0.40" }), { stackReferences: { "acme/platform/prod": outputs } });
    const sts = gate.find("StatefulSet", "gatekeeper");
    expect(sts.metadata.namespace).toBe("security-prod");
    expect(spec(sts).volumeClaimTemplates[0].spec.storageClassName).toBe("gp3");
  }, 120000);
});
