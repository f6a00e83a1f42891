import { runChecks, StackView } from "@slipway/checks";
import { CHART_BACKEND_ANNOTATION, EXEC_GRANTED_ANNOTATION, SINGLE_REPLICA_ANNOTATION } from "@slipway/core";
import { find, secureStack } from "./fixture";

const failing = (stack: StackView) => [...new Set(runChecks(stack).map((v) => v.check))].sort();

/** The weakening overrides components record as named annotations, and what they waive (only that). */
describe("named exceptions", () => {
  const singleReplica = (reason: string | undefined) => {
    const s = secureStack();
    const sts = find(s, "StatefulSet", "cart-redis");
    sts.spec.replicas = 1;
    s.manifests = s.manifests.filter((m) => !(m.kind === "PodDisruptionBudget" && JSON.stringify(m.spec).includes("cart-redis")));
    if (reason !== undefined) sts.metadata.annotations = { [SINGLE_REPLICA_ANNOTATION]: reason };
    return s;
  };

  it("a single replica with a recorded reason passes R5", () => expect(failing(singleReplica("replication is owned by an operator"))).toEqual([]));
  it("a single replica without a reason fails R5", () => expect(failing(singleReplica(undefined))).toEqual(["R5"]));
  it("an empty reason does not count", () => expect(failing(singleReplica("  "))).toEqual(["R5"]));

  const exec = (annotated: boolean, resource = "pods/exec") => {
    const s = secureStack();
    const role = s.manifests.find((m) => m.kind === "Role")!;
    (role.rules as unknown[]).push({ apiGroups: [""], resources: [resource], verbs: ["create"] });
    if (annotated) role.metadata.annotations = { [EXEC_GRANTED_ANNOTATION]: "granted by the tenant's execFor" };
    return s;
  };

  it("exec on a Role that records the grant passes A1", () => expect(failing(exec(true))).toEqual([]));
  it("exec on a Role without the record fails A1", () => expect(failing(exec(false))).toEqual(["A1"]));
  it("the record does not waive pods/* ", () => expect(failing(exec(true, "pods/*"))).toEqual(["A1"]));
});

describe("tracks of one app", () => {
  const canary = (track: string | undefined) => {
    const s = secureStack();
    const stable = find(s, "Deployment", "cart");
    const copy = structuredClone(stable);
    copy.metadata.name = "cart-canary";
    for (const labels of [copy.spec.selector.matchLabels, copy.spec.template.metadata.labels]) {
      if (track) labels["slipway.dev/track"] = track;
      else labels["example.com/variant"] = "b";
    }
    if (track) for (const labels of [stable.spec.selector.matchLabels, stable.spec.template.metadata.labels]) labels["slipway.dev/track"] = "stable";
    s.manifests.push(copy);
    return s;
  };

  it("a canary Deployment shares its app's ServiceAccount", () => expect(runChecks(canary("canary")).filter((v) => v.check === "S13")).toEqual([]));
  it("an unrelated second Deployment does not", () => expect(runChecks(canary(undefined)).filter((v) => v.check === "S13")).not.toEqual([]));
});

describe("route backends a chart creates", () => {
  const routeTo = (service: string, annotated: boolean) => {
    const s = secureStack();
    const route = s.manifests.find((m) => m.kind === "HTTPRoute")!;
    (route.spec as { rules: { backendRefs: { name: string }[] }[] }).rules[0].backendRefs[0].name = service;
    if (annotated) route.metadata.annotations = { [CHART_BACKEND_ANNOTATION]: "monitoring/kube-prometheus-stack" };
    return s;
  };

  it("a backend named as coming from a chart passes R13", () => expect(failing(routeTo("grafana", true))).toEqual([]));
  it("an unrendered backend without the annotation fails R13", () => expect(failing(routeTo("grafana", false))).toEqual(["R13"]));
});

describe("a PodDisruptionBudget for a chart's pods", () => {
  const pdbFor = (app: string, annotated: boolean) => {
    const s = secureStack();
    const protecting = s.manifests.find((m) => m.kind === "PodDisruptionBudget")!;
    const pdb = structuredClone(protecting);
    pdb.metadata.name = `${app}-pdb`;
    (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels = { "app.kubernetes.io/name": app };
    if (annotated) pdb.metadata.annotations = { [CHART_BACKEND_ANNOTATION]: "opencost" };
    s.manifests.push(pdb);
    return s;
  };

  it("selecting pods named as coming from a chart passes L5", () => expect(failing(pdbFor("opencost", true))).toEqual([]));
  it("selecting unrendered pods without the annotation fails L5", () => expect(failing(pdbFor("opencost", false))).toEqual(["L5"]));
});

describe("an HTTP to HTTPS redirect route", () => {
  const redirect = (scheme: string, backend: boolean) => {
    const s = secureStack();
    const gateway = s.manifests.find((m) => m.kind === "Gateway")!;
    (gateway.spec as { listeners: object[] }).listeners.push({ name: "http", port: 80, protocol: "HTTP" });
    s.manifests.push({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "redirect", namespace: gateway.metadata.namespace },
      spec: {
        parentRefs: [{ name: gateway.metadata.name, sectionName: "http" }],
        rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme, statusCode: 301 } }], ...(backend ? { backendRefs: [{ name: "cart", port: 8080 }] } : {}) }],
      },
    });
    return s;
  };

  it("serves nothing in clear text, so it passes R13", () => expect(failing(redirect("https", false))).toEqual([]));
  it("a redirect to http does not count", () => expect(failing(redirect("http", false))).toEqual(["R13"]));
});
