import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { parse, parseAllDocuments } from "yaml";
import { render, REDACTED, Rendered } from "@slipway/testing";
import { summarize, writeManifests } from "@slipway/cli";

const FAKE_PASSWORD = "fake-chart-password-5c1e";
const FAKE_TOKEN = "fake-secret-token-9d2b";

function platform() {
  new k8s.core.v1.Secret("token", { metadata: { name: "token", namespace: "shop" }, stringData: { token: pulumi.secret(FAKE_TOKEN) } });
  new k8s.networking.v1.NetworkPolicy("deny", { metadata: { name: "default-deny", namespace: "shop" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
  new k8s.apiextensions.CustomResource("calico-deny", { apiVersion: "crd.projectcalico.org/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: "shop" }, spec: { selector: "all()" } });
  new k8s.helm.v4.Chart("grafana", { chart: "grafana", version: "8.5.1", repositoryOpts: { repo: "https://charts.example/grafana" }, namespace: "monitoring", values: { adminUser: "admin", adminPassword: pulumi.secret(FAKE_PASSWORD) } });
  new aws.iam.Role("node", { assumeRolePolicy: "{}" });
  new random.RandomPassword("db", { length: 20 });
}

describe("writeManifests", () => {
  let outDir: string;
  let files: string[];
  let rendered: Rendered;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "slipway-write-"));
    rendered = await render(platform);
    files = writeManifests(rendered, outDir);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const read = (file: string) => readFileSync(join(outDir, file), "utf8");

  it("keeps same-named kinds of different groups in separate files", () => {
    expect(files).toEqual(["charts.yaml", "cloud.yaml", "outputs.json", "shop/networkpolicy.crd.projectcalico.org.yaml", "shop/networkpolicy.yaml", "shop/secret.yaml"]);
    expect(parse(read("shop/networkpolicy.yaml")).apiVersion).toBe("networking.k8s.io/v1");
    expect(parse(read("shop/networkpolicy.crd.projectcalico.org.yaml")).apiVersion).toBe("crd.projectcalico.org/v1");
  });

  it("redacts Secret data", () => {
    expect(parse(read("shop/secret.yaml")).stringData).toEqual({ token: REDACTED });
    expect(read("shop/secret.yaml")).not.toContain(FAKE_TOKEN);
  });

  it("writes each chart's source and values with secret values redacted", () => {
    expect(parse(read("charts.yaml"))).toEqual([
      { name: "grafana", type: "kubernetes:helm.sh/v4:Chart", chart: "grafana", version: "8.5.1", repo: "https://charts.example/grafana", namespace: "monitoring", values: { adminUser: "admin", adminPassword: REDACTED } },
    ]);
    expect(read("charts.yaml")).not.toContain(FAKE_PASSWORD);
  });

  it("writes cloud resources with their inputs, sorted by type", () => {
    expect(parse(read("cloud.yaml"))).toEqual([
      { type: "aws:iam/role:Role", name: "node", inputs: { assumeRolePolicy: "{}" } },
      { type: "random:index/randomPassword:RandomPassword", name: "db", inputs: { length: 20 } },
    ]);
    expect(parseAllDocuments(read("cloud.yaml"))).toHaveLength(1);
  });

  it("summarizes kinds, charts and cloud resources", () => {
    expect(summarize(rendered).split("\n")).toEqual([
      "Kubernetes objects: 3",
      "  KIND                                    OBJECTS",
      "  crd.projectcalico.org/v1/NetworkPolicy  1",
      "  networking.k8s.io/v1/NetworkPolicy      1",
      "  v1/Secret                               1",
      "Helm charts: 1",
      "  grafana  grafana@8.5.1",
      "Cloud resources: 2",
      "  TYPE                                        RESOURCES",
      "  aws:iam/role:Role                           1",
      "  random:index/randomPassword:RandomPassword  1",
    ]);
  });

  it("replaces its own earlier output on the next write", () => {
    const again = writeManifests(rendered, outDir);
    expect(again).toEqual(files);
  });
});
