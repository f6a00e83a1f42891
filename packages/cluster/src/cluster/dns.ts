import { checkDnsLabel, checkIp, checkLabelValue, ClusterDns, fail, InputSite, KUBE_DNS, parseCidr, cidrsOverlap } from "@slipway/core";
import { ClusterDnsArgs } from "./args";

const LINK_LOCAL = parseCidr("169.254.0.0/16")!;

/** The cluster's resolver from its args: kube-dns, and NodeLocal DNSCache's link-local address where it runs. */
export function planClusterDns(site: InputSite, args: ClusterDnsArgs | undefined): ClusterDns {
  if (args === undefined) return KUBE_DNS;
  if (args === null || typeof args !== "object") return fail(site, "dns", args, "must be an object", 'e.g. { nodeLocal: "169.254.25.10" }');
  const namespace = checkDnsLabel(site, "dns.namespace", args.namespace ?? KUBE_DNS.namespace);
  const podLabels = args.podLabels ?? KUBE_DNS.podLabels;
  if (typeof podLabels !== "object" || podLabels === null || Object.keys(podLabels).length === 0) fail(site, "dns.podLabels", podLabels, "must name at least one label", '{ "k8s-app": "kube-dns" }');
  Object.entries(podLabels).forEach(([key, value]) => checkLabelValue(site, `dns.podLabels.${key}`, value));
  if (args.nodeLocal === undefined) return { namespace, podLabels };
  const nodeLocal = checkIp(site, "dns.nodeLocal", args.nodeLocal, 4);
  if (!cidrsOverlap(LINK_LOCAL, parseCidr(`${nodeLocal}/32`)!)) fail(site, "dns.nodeLocal", nodeLocal, "is not a link-local address", "NodeLocal DNSCache listens on a 169.254.0.0/16 address, e.g. 169.254.25.10");
  return { namespace, podLabels, nodeLocal };
}
