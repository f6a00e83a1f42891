import { ChartSource } from "@slipway/core";

/** external-dns, pinned (chart 1.18.x ships external-dns v0.18 and the DNSEndpoint CRD in its crds/). */
export const EXTERNAL_DNS_CHART: ChartSource = {
  chart: "external-dns",
  version: "1.18.0",
  repository: "https://kubernetes-sigs.github.io/external-dns/",
};

/** cert-manager, pinned (a v1.18 release; `crds.enabled` installs Certificate, Issuer and ClusterIssuer). */
export const CERT_MANAGER_CHART: ChartSource = {
  chart: "cert-manager",
  version: "v1.18.2",
  repository: "https://charts.jetstack.io",
};

/** ACME directories of Let's Encrypt, the default CA for public names. */
export const ACME_SERVERS = {
  production: "https://acme-v02.api.letsencrypt.org/directory",
  staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
} as const;

/** The wildcard DNS service that resolves `<anything>.<ip>.nip.io` to `<ip>` (development only). */
export const NIP_IO = "nip.io";
