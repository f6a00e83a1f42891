import { findSecretLeaks } from "@slipway/checks";
import { SlipwayInputError } from "@slipway/core";

// An obviously fake, unique probe value; never a real secret.
const PROBE = "fake-secret-probe-7c41e9";
const PROBE_B64 = Buffer.from(PROBE).toString("base64");

describe("findSecretLeaks", () => {
  it("allows the value inside Secret inputs only", () => {
    const resources = [
      { type: "kubernetes:core/v1:Secret", name: "db", inputs: { stringData: { password: PROBE }, data: { password: PROBE_B64 } } },
      { type: "kubernetes:apps/v1:Deployment", name: "cart", inputs: { spec: { template: { spec: { containers: [{ env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }] }] } } } } },
    ];
    expect(findSecretLeaks(resources, PROBE)).toEqual([]);
  });

  it("finds the value, plain or base64, in other resources, outputs and YAML", () => {
    const resources = [
      { type: "kubernetes:apps/v1:Deployment", name: "cart", inputs: { spec: { template: { spec: { containers: [{ env: [{ name: "DB_PASSWORD", value: PROBE }] }] } } } } },
      { type: "kubernetes:core/v1:ConfigMap", name: "cfg", inputs: { binaryData: { blob: PROBE_B64 } } },
    ];
    const leaks = findSecretLeaks(resources, PROBE, { outputs: { connection: `redis://:${PROBE}@redis:6379` }, yaml: `kind: Secret\ndata:\n  password: ${PROBE_B64}\n` });
    expect(leaks).toEqual([
      { where: "inputs", resource: "kubernetes:apps/v1:Deployment cart", path: "spec.template.spec.containers[0].env[0].value", encoding: "plain" },
      { where: "inputs", resource: "kubernetes:core/v1:ConfigMap cfg", path: "binaryData.blob", encoding: "base64" },
      { where: "outputs", path: "connection", encoding: "plain" },
      { where: "yaml", path: "line 3", encoding: "base64" },
    ]);
  });

  it("rejects a probe value too short to be unique", () => {
    expect(() => findSecretLeaks([], "abc")).toThrow(SlipwayInputError);
    expect(() => findSecretLeaks([], "abc")).toThrow("secretValue");
  });
});

describe("encrypted inputs", () => {
  const value = "fake-secret-enc-77a1";
  it("are not leaks in a resource that never becomes a cluster object", () => {
    const provider = { type: "pulumi:providers:kubernetes", name: "main", inputs: { kubeconfig: `token: ${value}` }, secretPaths: ["kubeconfig"] };
    expect(findSecretLeaks([provider], value)).toEqual([]);
  });
  it("are leaks in a Kubernetes object, whose spec lands in the cluster in clear text", () => {
    const deployment = { type: "kubernetes:apps/v1:Deployment", name: "app", inputs: { spec: { env: value } }, secretPaths: ["spec"] };
    expect(findSecretLeaks([deployment], value).map((l) => l.path)).toEqual(["spec.env"]);
  });
  it("are leaks when not marked secret", () => {
    const provider = { type: "pulumi:providers:kubernetes", name: "main", inputs: { kubeconfig: value }, secretPaths: [] };
    expect(findSecretLeaks([provider], value)).toHaveLength(1);
  });
});
