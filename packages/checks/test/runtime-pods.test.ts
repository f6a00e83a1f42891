import { runChecks, StackView } from "@slipway/checks";
import { Manifest } from "@slipway/core";
import { find, secureStack } from "./fixture";

/**
 * N2 over peers whose pods an operator creates at run time (Envoy Gateway's proxies, Prometheus): a
 * platform namespace that renders no pod cannot be judged offline; a tenant namespace always can.
 */
const PROXIES = { "gateway.envoyproxy.io/owning-gateway-name": "platform", "gateway.envoyproxy.io/owning-gateway-namespace": "gateway-system" };
const namespace = (name: string, labels: Record<string, string> = {}): Manifest => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });

function fromProxiesIn(gatewayNamespace: Manifest): StackView {
  const stack = secureStack();
  stack.manifests.push(gatewayNamespace);
  find(stack, "NetworkPolicy", "cart-from-gateway").spec.ingress[0].from[0].podSelector = { matchLabels: PROXIES };
  return stack;
}
const n2 = (stack: StackView) => runChecks(stack).filter((v) => v.check === "N2");

describe("N2 and pods created at run time", () => {
  it("does not judge a peer in a rendered platform namespace whose pods come from its chart or operator", () => {
    expect(n2(fromProxiesIn(namespace("gateway-system")))).toEqual([]);
  });

  it("still flags the same peer in a tenant namespace, where every pod is rendered", () => {
    expect(n2(fromProxiesIn(namespace("gateway-system", { "slipway.dev/tenant": "gateway-system" }))).map((v) => v.field)).toEqual(["spec.ingress[0].from[0].podSelector"]);
  });
});

describe("R11 and pods an operator runs for a rendered custom resource", () => {
  const service = (selector: Record<string, string>): Manifest => ({ apiVersion: "v1", kind: "Service", metadata: { name: "prometheus", namespace: "monitoring" }, spec: { selector, ports: [{ port: 9090, targetPort: "http-web" }] } });
  const prometheus: Manifest = { apiVersion: "monitoring.coreos.com/v1", kind: "Prometheus", metadata: { name: "main", namespace: "monitoring" }, spec: {} };
  const r11 = (...objects: Manifest[]) => {
    const stack = secureStack();
    stack.manifests.push(namespace("monitoring"), ...objects);
    return runChecks(stack).filter((v) => v.check === "R11").map((v) => v.object);
  };

  it("accepts a Service selecting the pods the prometheus-operator runs for a rendered Prometheus", () => {
    expect(r11(prometheus, service({ "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": "main" }))).toEqual([]);
  });

  it("still reports it when no such Prometheus is rendered, or the selector names another one", () => {
    expect(r11(service({ "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": "main" }))).toEqual(["v1/Service monitoring/prometheus"]);
    expect(r11(prometheus, service({ "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": "other" }))).toEqual(["v1/Service monitoring/prometheus"]);
  });
});

describe("L5 and a budget for a chart's pods", () => {
  const budget: Manifest = {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "controller", namespace: "operators", annotations: { "slipway.dev/backend-from-chart": "operator" } },
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: { app: "controller" } } },
  };
  const chartPod: Manifest = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "other", namespace: "operators", annotations: { "slipway.dev/chart": "operator@1.2.3" } },
    spec: { selector: { matchLabels: { app: "other" } }, template: { metadata: { labels: { app: "other" } }, spec: { containers: [] } } },
  };
  const ourPod: Manifest = { ...chartPod, metadata: { name: "ours", namespace: "operators" } };
  const l5 = (...objects: Manifest[]) => {
    const stack = secureStack();
    stack.manifests.push(namespace("operators"), budget, ...objects);
    return runChecks(stack, { only: ["L5"] }).map((v) => v.object);
  };

  it("is not judged in a render without the chart's objects (no pod in its namespace)", () => {
    expect(l5()).toEqual([]);
  });

  it("is not judged while only other pods share its namespace (the chart's own objects are not rendered)", () => {
    expect(l5(ourPod)).toEqual([]);
  });

  it("is judged once the chart's pods are rendered: a selector matching none of them is reported", () => {
    expect(l5(chartPod)).toEqual(["policy/v1/PodDisruptionBudget operators/controller"]);
  });
});
