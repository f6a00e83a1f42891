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
