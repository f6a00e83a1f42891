import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { defaultExemptions, exemptionFor, POD_SECURITY_CHECKS, Violation } from "@slipway/checks";
import { Manifest, SlipwayInputError } from "@slipway/core";
import { CHART_ANNOTATION, REDACTED, Rendered, renderCharts, runPolicyPack } from "@slipway/testing";
import { CHARTS_DIR, helmForTests } from "./helm.support";
import { renderStack } from "./stacks.support";

const helm = helmForTests();
const withHelm = helm ? describe : describe.skip;

/** What Pod Security admission enforces (restricted level): a chart pod failing one of these is refused or needs a named exemption. */
const POD_SECURITY = [...POD_SECURITY_CHECKS];
/** The named exemptions chart objects use: host agents, and operator charts whose values cannot say what a check asks. */
const USED = ["ceph-csi-operator", "cert-manager-webhook", "cloudnative-pg", "envoy-gateway", "fluent-bit", "harbor", "harbor-core", "harbor-registry", "kube-state-metrics", "node-exporter", "opencost", "opensearch-operator", "rook-ceph-operator", "tigera-operator"];

const chartOf = (m: Manifest) => (m.metadata.annotations as Record<string, string> | undefined)?.[CHART_ANNOTATION];

withHelm("the local stack with its charts rendered by helm template", () => {
  let program: Rendered;
  let rendered: Rendered;
  let counts: { release: string; id: string; objects: number }[];
  beforeAll(async () => {
    program = await renderStack("local");
    ({ rendered, counts } = renderCharts(program, { chartsDir: CHARTS_DIR, helm }));
  });
  const chartObjects = () => rendered.manifests().filter((m) => chartOf(m) !== undefined);
  const objectOf = (v: Violation) => rendered.manifests().find((m) => v.object.startsWith(`${m.apiVersion}/${m.kind} `) && v.object.endsWith(` ${m.metadata.namespace ? `${String(m.metadata.namespace)}/` : ""}${String(m.metadata.name)}`));

  it("renders every chart the program installs, each object marked with its chart and placed in a namespace", () => {
    expect(counts.map((c) => c.id)).toEqual(program.charts().map((c) => `${c.chart!.split("/").pop()}@${c.version}`));
    for (const c of counts) expect(c.objects).toBeGreaterThan(0);
    expect(chartObjects().length).toBe(counts.reduce((n, c) => n + c.objects, 0));
    const workloads = chartObjects().filter((m) => ["Deployment", "DaemonSet", "StatefulSet", "Service", "ConfigMap"].includes(m.kind));
    for (const m of workloads) expect(m.metadata.namespace).toEqual(expect.any(String));
    // CRDs come with the charts that ship them, as Pulumi's Chart installs them.
    expect(rendered.find("CustomResourceDefinition", "certificates.cert-manager.io")).toBeDefined();
    expect(chartOf(rendered.find("Deployment", "tigera-operator", "tigera-operator"))).toBe("tigera-operator@v3.30.2");
  });

  it("renders the same objects every time (Harbor's secrets come from the component, not the chart's generators)", () => {
    const again = renderCharts(program, { chartsDir: CHARTS_DIR, helm }).rendered;
    // Compared as JSON, in order: what toYaml() would print, without seconds of YAML emitting.
    expect(JSON.stringify(again.redactedManifests())).toBe(JSON.stringify(rendered.redactedManifests()));
  });

  it("never hands a secret value to helm", () => {
    const harbor = program.charts().find((c) => c.chart === "harbor")!;
    expect(harbor.secretPaths).toContain("values.database.internal.password");
    const password = (harbor.values as { database: { internal: { password: string } } }).database.internal.password;
    expect(password.length).toBeGreaterThan(8);
    const encoded = Buffer.from(password).toString("base64");
    const text = JSON.stringify(chartObjects());
    expect(text).not.toContain(password);
    expect(text).not.toContain(encoded);
  });

  it("passes every Pod Security check on chart objects, with only the named host exemptions", () => {
    expect(rendered.check({ only: POD_SECURITY })).toEqual([]);
    const unwaived = rendered.check({ only: POD_SECURITY, exemptions: [] });
    const used = new Set(unwaived.map((v) => exemptionFor(v, defaultExemptions)?.name));
    expect([...used].sort()).toEqual(["fluent-bit", "node-exporter", "tigera-operator"]);
  });

  it("passes every check on every object, chart objects included, with only the named exemptions", () => {
    expect(rendered.check()).toEqual([]);
    const unwaived = rendered.check({ exemptions: [] });
    for (const v of unwaived) expect(chartOf(objectOf(v) ?? ({ metadata: {} } as Manifest))).toBeDefined();
    const used = new Set(unwaived.map((v) => exemptionFor(v, defaultExemptions)?.name));
    expect([...used].sort()).toEqual(USED);
  });

  it.each(USED)("keeps the %s exemption narrow: the same workload under another name is reported", (name) => {
    const exemption = defaultExemptions.find((e) => e.name === name)!;
    const waived = rendered.check({ only: exemption.checks, exemptions: [] }).filter((v) => exemptionFor(v, [exemption]));
    expect(waived.length).toBeGreaterThan(0);
    const agent = objectOf(waived[0])!;
    const copy = { ...agent, metadata: { ...agent.metadata, name: "not-an-agent" } };
    const found = new Rendered([], {}, [], [...rendered.manifests(), copy]).check({ only: [waived[0].check] });
    expect(found.map((v) => v.object)).toContainEqual(expect.stringContaining(`${String(agent.metadata.namespace)}/not-an-agent`));
  });

  it("keeps every chart Secret's keys: values are redacted, never a whole data map", () => {
    const secrets = rendered.redactedManifests().filter((m) => m.kind === "Secret" && chartOf(m) !== undefined);
    expect(secrets.length).toBeGreaterThan(0);
    for (const m of secrets) for (const field of ["data", "stringData"]) expect(typeof m[field]).not.toBe("string");
    const jobservice = rendered.redactedManifests().find((m) => m.kind === "Secret" && String(m.metadata.name).endsWith("harbor-jobservice"));
    expect(jobservice?.data ?? null).not.toBe(REDACTED);
  });

  it("passes the CrossGuard pack at mandatory over every object, chart objects included", async () => {
    const reports = await runPolicyPack(rendered.manifests());
    expect(reports.every((r) => r.enforcementLevel === "mandatory")).toBe(true);
    expect(reports.map((r) => `${r.policy}: ${r.message}`)).toEqual([]);
    // Without the exemptions the pack refuses node-exporter's host access.
    const strict = await runPolicyPack(rendered.manifests(), { exemptions: [] });
    expect(strict.some((r) => r.policy === "slipway-s8" && r.message.includes("prometheus-node-exporter"))).toBe(true);
  });
});

describe("charts source", () => {
  const dir = mkdtempSync(join(tmpdir(), "slipway-charts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const chart = { type: "kubernetes:helm.sh/v4:Chart", name: "x", urn: "urn:x", release: "x", skipCrds: false, chart: "demo", version: "1.2.3", namespace: "demo", values: {}, secretPaths: [] };
  const withChart = { charts: () => [chart], manifests: () => [] } as unknown as Rendered;

  it("refuses a registry or repository URL, saying how to make a folder", () => {
    expect(() => renderCharts(withChart, { chartsDir: "oci://harbor.internal/charts", helm: "/bin/false" })).toThrow(SlipwayInputError);
    expect(() => renderCharts(withChart, { chartsDir: "https://charts.example", helm: "/bin/false" })).toThrow(/helm pull <chart> --version <v> --untar/);
  });

  it("names a missing chart and a chart at another version than pinned", () => {
    expect(() => renderCharts(withChart, { chartsDir: dir, helm: "/bin/false" })).toThrow(/holds no chart "demo"/);
    mkdirSync(join(dir, "demo"));
    writeFileSync(join(dir, "demo", "Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 1.0.0\n");
    expect(() => renderCharts(withChart, { chartsDir: dir, helm: "/bin/false" })).toThrow(/\("1\.0\.0"\) is not the pinned version 1\.2\.3/);
  });

  it("refuses a folder that does not exist", () => {
    expect(() => renderCharts(withChart, { chartsDir: join(dir, "nope"), helm: "/bin/false" })).toThrow(/is not a folder/);
  });
});
