// The e2e runner's pure pieces (no cluster needed): what it applies must be what was rendered,
// with only the redacted secret values changed, in an order the API server can accept.
import { mkdtempSync, mkdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DUMMY_SECRET, inApplyOrder, K8sObject, loadRendered, needsLiveBackend, withDummySecrets } from "./manifests";
import { compliantPod, privilegedPod } from "./pod-security";
import { discoverTargets, platformReferences } from "./targets";
import { expectedClaims, volumesFor } from "./volumes";

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}, namespace = "shop"): K8sObject => ({
  apiVersion: kind === "Deployment" || kind === "StatefulSet" ? "apps/v1" : "v1",
  kind,
  metadata: { name, namespace },
  ...extra,
});

describe("withDummySecrets", () => {
  it("replaces redacted stringData with plain text and redacted data with base64", () => {
    const secret = obj("Secret", "db", { stringData: { PASSWORD: "<redacted>", USER: "app" }, data: { TOKEN: "<redacted>" } });
    const { object, replaced } = withDummySecrets(secret);
    expect(replaced).toBe(2);
    expect(object.stringData).toEqual({ PASSWORD: DUMMY_SECRET, USER: "app" });
    expect(object.data).toEqual({ TOKEN: Buffer.from(DUMMY_SECRET).toString("base64") });
    expect(secret.stringData).toEqual({ PASSWORD: "<redacted>", USER: "app" });
  });

  it("leaves objects without redacted values unchanged", () => {
    const config = obj("ConfigMap", "settings", { data: { level: "info" } });
    expect(withDummySecrets(config)).toEqual({ object: config, replaced: 0 });
  });
});

describe("inApplyOrder", () => {
  it("puts namespaces first, then what pods need, then workloads, then objects that only refer to them", () => {
    const items = ["NetworkPolicy", "Deployment", "Service", "ResourceQuota", "Namespace", "ServiceAccount", "PodDisruptionBudget"].map((k) => ({ object: obj(k, k.toLowerCase()) }));
    expect(inApplyOrder(items).map((i) => i.object.kind)).toEqual(["Namespace", "ResourceQuota", "ServiceAccount", "Service", "Deployment", "NetworkPolicy", "PodDisruptionBudget"]);
  });
});

describe("volumes for claims", () => {
  it("pre-binds one PersistentVolume per StatefulSet replica and claim template, with the claim's class and size", () => {
    const sts = obj("StatefulSet", "db", {
      spec: { replicas: 2, volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } } }] },
    });
    const claims = expectedClaims([sts, obj("PersistentVolumeClaim", "uploads", { spec: { resources: { requests: { storage: "1Gi" } } } })]);
    expect(claims.map((c) => `${c.namespace}/${c.name}`)).toEqual(["shop/data-db-0", "shop/data-db-1", "shop/uploads"]);
    const [first] = volumesFor(claims);
    expect(first.spec).toMatchObject({ capacity: { storage: "5Gi" }, storageClassName: "ceph-block", claimRef: { namespace: "shop", name: "data-db-0" } });
  });
});

describe("rendered output", () => {
  it("loads every object of every manifest file and skips charts.yaml and cloud.yaml", () => {
    const dir = mkdtempSync(join(tmpdir(), "e2e-rendered-"));
    mkdirSync(join(dir, "shop"));
    mkdirSync(join(dir, "_cluster"));
    writeFileSync(join(dir, "_cluster/namespace.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
    writeFileSync(join(dir, "shop/service.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: shop}\n");
    writeFileSync(join(dir, "charts.yaml"), "- name: calico\n  chart: tigera-operator\n");
    writeFileSync(join(dir, "cloud.yaml"), "- type: aws:ec2/vpc:Vpc\n  name: main\n");
    const { objects, files } = loadRendered(dir);
    expect(files).toEqual(["_cluster/namespace.yaml", "shop/service.yaml"]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["Namespace/shop", "Service/a", "Service/b"]);
  });

  it("finds the platform's local stack first, then each example with its first stack file", () => {
    const targets = discoverTargets(join(__dirname, "../.."));
    expect(targets[0]).toMatchObject({ name: "platform", stack: "local" });
    expect(targets.map((t) => t.name)).toContain("examples/sample");
    expect(targets.find((t) => t.name === "examples/sample")?.stack).toBe("dev");
  });

  it("answers an example's platform stack reference from its config, and only that", () => {
    const dir = mkdtempSync(join(tmpdir(), "e2e-example-"));
    writeFileSync(join(dir, "Pulumi.dev.yaml"), "config:\n  shop:platformStack: acme/platform/local\n  shop:other: acme/billing/local\n  shop:replicas: 2\n");
    const platform = { name: "platform", dir: "/repo", stack: "local" };
    expect(platformReferences({ name: "examples/shop", dir, stack: "dev" }, platform)).toEqual(["acme/platform/local"]);
  });
});

describe("the Pod Security probe pods", () => {
  it("differ only in what restricted forbids", () => {
    const good = compliantPod().spec as { containers: { securityContext: Record<string, unknown> }[] };
    const bad = privilegedPod().spec as { containers: { securityContext: Record<string, unknown> }[] };
    expect(good.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(bad.containers[0].securityContext).toEqual({ privileged: true, allowPrivilegeEscalation: true });
  });
});

describe("dummy secrets the API server parses", () => {
  it("gives a redacted .dockerconfigjson an empty registry config, so the Secret type's validation passes", () => {
    const pull = { ...obj("Secret", "pull", { data: { ".dockerconfigjson": "<redacted>" } }), type: "kubernetes.io/dockerconfigjson" };
    const { object } = withDummySecrets(pull);
    const decoded = Buffer.from((object.data as Record<string, string>)[".dockerconfigjson"], "base64").toString();
    expect(JSON.parse(decoded)).toEqual({ auths: {} });
  });
});

describe("objects the e2e cluster cannot serve", () => {
  it("leaves webhooks and aggregated APIs out (kwok's pods answer nothing), and nothing else", () => {
    const of = (apiVersion: string, kind: string) => ({ apiVersion, kind, metadata: { name: "x" } });
    expect(needsLiveBackend(of("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"))).toBe(true);
    expect(needsLiveBackend(of("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"))).toBe(true);
    expect(needsLiveBackend(of("apiregistration.k8s.io/v1", "APIService"))).toBe(true);
    expect(needsLiveBackend(of("apps/v1", "Deployment"))).toBe(false);
    expect(needsLiveBackend(of("apiextensions.k8s.io/v1", "CustomResourceDefinition"))).toBe(false);
  });
});
