import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterHandle, SlipwayInputError } from "@slipway/core";
import { inputErrorMismatches, renderError } from "@slipway/testing";
import { Gateway, GatewayArgs } from "@slipway/network";

type Args = Record<string, unknown>;
const cluster = (): ClusterHandle => ({ clusterName: "main", kind: "existing", provider: new k8s.Provider("main", { kubeconfig: "{}" }) });
const ok = (extra: Args = {}) => ({ cluster: cluster(), ...extra });

/** Bad construction inputs: [case, gateway name, args (built inside the render), field, value shown]. */
const cases: [string, string, () => Args, string, string][] = [
  ["uppercase name", "Platform", () => ok(), "name", '"Platform"'],
  ["no cluster", "platform", () => ({}), "cluster", "undefined"],
  ["bad namespace", "platform", () => ok({ namespace: "Gateway_System" }), "namespace", '"Gateway_System"'],
  ["bad class name", "platform", () => ok({ className: "envoy gateway" }), "className", '"envoy gateway"'],
  ["HTTP port zero", "platform", () => ok({ httpPort: 0 }), "httpPort", "0"],
  ["HTTPS port above 65535", "platform", () => ok({ httpsPort: 70000 }), "httpsPort", "70000"],
  ["fractional port", "platform", () => ok({ httpsPort: 443.5 }), "httpsPort", "443.5"],
  ["same port for both listeners", "platform", () => ok({ httpPort: 8443, httpsPort: 8443 }), "httpsPort", "8443"],
  ["address that is not an IP", "platform", () => ok({ addresses: ["gateway.example.com"] }), "addresses[0]", '"gateway.example.com"'],
  ["address with a prefix", "platform", () => ok({ addresses: ["10.0.0.0/24"] }), "addresses[0]", '"10.0.0.0/24"'],
  ["no certificate secrets", "platform", () => ok({ certificateSecrets: [] }), "certificateSecrets", "[]"],
  ["certificate secret with capitals", "platform", () => ok({ certificateSecrets: ["Platform-TLS"] }), "certificateSecrets[0]", '"Platform-TLS"'],
  ["zero replicas", "platform", () => ok({ replicas: 0 }), "replicas", "0"],
  ["zone with an invalid domain", "platform", () => ok({ zone: { domain: "Apps Example", hostFor: () => "" } }), "zone.domain", '"Apps Example"'],
  ["IngressClass without a controller", "platform", () => ok({ ingressClass: { name: "legacy" } }), "ingressClass.controller", "undefined"],
  ["IngressClass controller without a domain", "platform", () => ok({ ingressClass: { name: "legacy", controller: "nginx" } }), "ingressClass.controller", '"nginx"'],
  ["IngressClass with a bad name", "platform", () => ok({ ingressClass: { name: "Legacy Class", controller: "k8s.io/ingress-nginx" } }), "ingressClass.name", '"Legacy Class"'],
  ["chart version latest", "platform", () => ok({ chart: { version: "latest" } }), "chart.version", '"latest"'],
  ["chart repository over FTP", "platform", () => ok({ chart: { repository: "ftp://x" } }), "chart.repository", '"ftp://x"'],
  ["chart image registry with a scheme", "platform", () => ok({ chart: { imageRegistry: "https://harbor.internal" } }), "chart.imageRegistry", '"https://harbor.internal"'],
];

async function failure(program: () => unknown): Promise<unknown> {
  return renderError(program);
}

describe("Gateway rejects bad input with a clear error", () => {
  it.each(cases)("%s", async (_case, name, args, field, shown) => {
    const error = await failure(() => new Gateway(name, args() as unknown as GatewayArgs));
    expect(inputErrorMismatches(error, { component: "Gateway", name, field, shown })).toEqual([]);
  });

  it("has at least 15 cases", () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it("checks a zone domain known only at deploy time with the same error", async () => {
    const error = await failure(() => new Gateway("platform", ok({ zone: { domain: pulumi.output("not_a_domain"), hostFor: () => "" } }) as unknown as GatewayArgs));
    expect(error).toBeInstanceOf(SlipwayInputError);
    expect((error as Error).message).toContain('Gateway "platform": zone.domain ("not_a_domain") is not a fully qualified hostname');
  });
});
