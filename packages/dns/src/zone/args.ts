import * as pulumi from "@pulumi/pulumi";
import { ChartOverrides, ClusterHandle } from "@slipway/core";

/** A DNS record for a name that is not a route (routes get theirs from external-dns' gateway source). */
export interface DnsRecordArgs {
  /** The full host name; it must lie inside the zone, e.g. `legacy.example.com`. */
  host: string;
  /** Record type. @default "A" */
  type?: "A" | "AAAA" | "CNAME" | "TXT";
  /** Values: IPv4 for A, IPv6 for AAAA, a host name for CNAME, text for TXT (e.g. a gateway's `address`). */
  targets: pulumi.Input<string>[];
  /** Time to live in seconds (1-86400). @default the zone's `ttl` */
  ttl?: number;
}

/** How external-dns keeps the zone in step with the cluster. */
export interface ExternalDnsArgs {
  /** Ownership marker in the TXT registry; unique per cluster, so clusters sharing a zone never touch each other's records. @default "<cluster name>-<stack>" */
  txtOwnerId?: string;
  /** "upsert-only" never deletes records; "sync" also deletes records whose source is gone. @default "upsert-only" */
  policy?: "upsert-only" | "sync";
  /** Domains external-dns may write; each must lie inside the zone. @default [the zone's domain] */
  domainFilters?: string[];
  /** Objects records come from. @default ["gateway-httproute", "service", "crd"] */
  sources?: ("gateway-httproute" | "service" | "crd" | "ingress")[];
  /** Resync interval. @default "1m" */
  interval?: string;
  /** Namespace external-dns runs in. @default "external-dns-<zone name>" */
  namespace?: string;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream (the cluster's imageMirror for images) */
  chart?: ChartOverrides;
}

interface ManagedZoneArgs {
  /** The cluster external-dns runs in. */
  cluster: ClusterHandle;
  /** The zone's domain, e.g. "apps.example.com". */
  domain: string;
  /** Records for names that are not routes, rendered as DNSEndpoints. @default none */
  records?: DnsRecordArgs[];
  /** Default TTL of `records`, in seconds. @default 300 */
  ttl?: number;
  /** external-dns settings. @default see ExternalDnsArgs */
  externalDns?: ExternalDnsArgs;
}

/** A Route53 hosted zone kept in step by external-dns with a role limited to that zone. */
export interface Route53ZoneArgs extends ManagedZoneArgs {
  kind: "route53";
  /** Make it a private zone attached to these VPCs. @default a public zone */
  privateVpcs?: { vpcId: pulumi.Input<string>; region?: string }[];
  /** Adopt an existing hosted zone by id instead of creating one. @default create a zone */
  existingZoneId?: pulumi.Input<string>;
  /** Let `pulumi destroy` delete the zone together with its records. @default false */
  forceDestroy?: boolean;
  /** Leave the zone in AWS when the stack drops it (delegations keep working). @default true */
  retainOnDelete?: boolean;
  /** A comment on the hosted zone. @default "Managed by Slipway" */
  comment?: string;
}

/** A zone on an internal DNS server that accepts RFC2136 dynamic updates signed with a TSIG key. */
export interface Rfc2136ZoneArgs extends ManagedZoneArgs {
  kind: "rfc2136";
  /** The DNS server: its address, port, and the TSIG key that signs updates. */
  server: {
    /** IP address or host name of the server. */
    host: string;
    /** @default 53 */
    port?: number;
    /** The TSIG key's name, as configured on the server. */
    tsigKeyName: string;
    /** The TSIG key's secret (base64), a Pulumi secret; it reaches external-dns only through a Kubernetes Secret. */
    tsigSecret: pulumi.Input<string>;
    /** @default "hmac-sha256" */
    tsigAlgorithm?: "hmac-sha256" | "hmac-sha512" | "hmac-sha1";
  };
}

/** Development: names under `<ip>.nip.io` resolve to the ingress IP with no DNS server at all. */
export interface NipIoZoneArgs {
  kind: "nipio";
  /** The gateway's (or ingress controller's) IPv4 address. */
  ingressIp: string;
  /** Unused by nip.io; accepted so every zone kind takes the same arguments. @default none */
  cluster?: ClusterHandle;
}

export type DnsZoneArgs = Route53ZoneArgs | Rfc2136ZoneArgs | NipIoZoneArgs;
