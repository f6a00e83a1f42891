import * as pulumi from "@pulumi/pulumi";
import { ChartOverrides, ClusterHandle, DnsZoneHandle, GatewayHandle } from "@slipway/core";
import { TenantLike } from "../zone/naming";
import type { Dns01Target } from "../zone/dns-zone";

/** A Gateway whose listeners use these certificates; the platform Gateway component satisfies it. */
export interface GatewayTlsTarget extends GatewayHandle {
  /** The plain-HTTP listener ACME HTTP-01 challenges are answered on. @default "http" */
  readonly httpListener?: string;
  /** The Secret the HTTPS listener reads its certificate from. @default "<gatewayName>-tls" */
  readonly tlsSecretName?: string;
}

/** A zone cert-manager can write DNS-01 challenge records to: a DnsZone of kind route53 or rfc2136. */
export interface Dns01Zone {
  readonly domain: pulumi.Input<string>;
  readonly dns01?: Dns01Target;
}

/** An ACME issuer (Let's Encrypt by default). */
export interface AcmeIssuerArgs {
  kind: "acme";
  /** The account's contact address; the CA warns it before certificates expire. */
  email: string;
  /** "production", "staging", or another ACME directory URL. @default "production" */
  server?: "production" | "staging" | (string & {});
  /** Answer HTTP-01 challenges through this gateway's HTTP listener (no wildcard names). One of http01 or dns01. */
  http01?: { gateway: GatewayTlsTarget };
  /** Answer DNS-01 challenges by writing records to this zone (wildcards allowed). One of http01 or dns01. */
  dns01?: { zone: Dns01Zone };
}

/** A private CA for internal domains: a self-signed root and a CA issuer signing with it. */
export interface PrivateCaIssuerArgs {
  kind: "privateCa";
  /** The root certificate's common name. @default "<name> private CA" */
  commonName?: string;
  /** How long the root certificate is valid, in days (30-7300). @default 3650 */
  validityDays?: number;
}

/** The certificate the gateway's HTTPS listener serves. */
export interface GatewayCertificateArgs {
  /** The gateway; the certificate lands in its namespace under its TLS Secret's name. */
  gateway: GatewayTlsTarget;
  /** Names to cover. @default `*.<zone domain>` plus `*.<tenant>.<zone domain>` for each of `tenants` */
  dnsNames?: pulumi.Input<string>[];
  /** The zone whose wildcard the certificate covers (when `dnsNames` is not given). @default none */
  zone?: DnsZoneHandle;
  /** Tenants whose hosts (`<app>.<tenant>.<domain>`) the certificate covers with a wildcard each. @default [] */
  tenants?: TenantLike[];
}

export interface CertificatesArgs {
  /** The cluster cert-manager runs in. */
  cluster: ClusterHandle;
  /** The ClusterIssuer every certificate of the platform comes from. */
  issuer: AcmeIssuerArgs | PrivateCaIssuerArgs;
  /** A certificate for the gateway's HTTPS listener. @default none */
  gatewayCertificate?: GatewayCertificateArgs;
  /** Namespace cert-manager runs in (its cluster resource namespace). @default "cert-manager" */
  namespace?: string;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream (the cluster's imageMirror for images) */
  chart?: ChartOverrides;
}
