import { checkCidr, EXPOSURE_REASON_ANNOTATION, fail, InputSite, Manifest, NamedPort } from "@slipway/core";

type ServiceType = "ClusterIP" | "LoadBalancer" | "NodePort";
type Meta = { name: string; namespace: string; labels: Record<string, string> };

/** What a directly exposed Service adds: its annotation and spec fields, and the pods' ingress allow. */
export interface DirectExposure {
  annotations: Record<string, string>;
  spec: Record<string, unknown>;
  objects: Manifest[];
}

/**
 * A LoadBalancer or NodePort is a named exception to CHECKS N3: it must say why (the Service carries
 * the reason), and a LoadBalancer admits only the client networks given, at the load balancer
 * (`loadBalancerSourceRanges`) and at the pods (a NetworkPolicy; `externalTrafficPolicy: Local`
 * keeps client addresses so the policy can see them). The internet as a whole goes through the gateway.
 */
export function planDirectExposure(
  site: InputSite,
  meta: Meta,
  selector: Record<string, string>,
  ports: NamedPort[],
  args: { serviceType: ServiceType; exposureReason?: string; loadBalancerSourceRanges?: string[] },
): DirectExposure {
  const { serviceType, exposureReason, loadBalancerSourceRanges } = args;
  if (serviceType === "ClusterIP") {
    if (exposureReason !== undefined) fail(site, "exposureReason", exposureReason, "is set but serviceType is ClusterIP", "drop it, or set serviceType to LoadBalancer or NodePort");
    if (loadBalancerSourceRanges !== undefined) fail(site, "loadBalancerSourceRanges", loadBalancerSourceRanges, "is set but serviceType is not LoadBalancer", "drop it, or set serviceType: LoadBalancer");
    return { annotations: {}, spec: {}, objects: [] };
  }
  if (typeof exposureReason !== "string" || exposureReason.trim().length < 10) {
    fail(site, "exposureReason", exposureReason, `is required for a ${serviceType} Service (the named exception to CHECKS N3)`, "say why the app cannot go through the platform gateway, in a sentence");
  }
  const annotations = { [EXPOSURE_REASON_ANNOTATION]: exposureReason as string };
  if (serviceType === "NodePort") {
    if (loadBalancerSourceRanges !== undefined) fail(site, "loadBalancerSourceRanges", loadBalancerSourceRanges, "is set but serviceType is not LoadBalancer", "drop it, or set serviceType: LoadBalancer");
    return { annotations, spec: {}, objects: [] };
  }
  if (!Array.isArray(loadBalancerSourceRanges) || loadBalancerSourceRanges.length === 0) {
    fail(site, "loadBalancerSourceRanges", loadBalancerSourceRanges, "is required for a LoadBalancer", 'list the client networks it serves, e.g. ["198.51.100.0/24"]; the internet goes through the platform gateway');
  }
  const ranges = loadBalancerSourceRanges!.map((range, i) => {
    const cidr = checkCidr(site, `loadBalancerSourceRanges[${i}]`, range);
    if (cidr.prefix === 0) fail(site, `loadBalancerSourceRanges[${i}]`, range, "admits every address", "expose public apps through the platform gateway (`expose`), or list the client networks");
    return cidr.text;
  });
  const policy: Manifest = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: `${meta.name}-from-load-balancer`, namespace: meta.namespace, labels: meta.labels },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ["Ingress"],
      ingress: [{ from: ranges.map((cidr) => ({ ipBlock: { cidr } })), ports: ports.map((p) => ({ protocol: p.protocol, port: p.containerPort })) }],
    },
  };
  return { annotations, spec: { externalTrafficPolicy: "Local", loadBalancerSourceRanges: ranges }, objects: [policy] };
}
