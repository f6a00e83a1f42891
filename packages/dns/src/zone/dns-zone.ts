import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { DnsZoneHandle, installOperator, siteOf, SlipwayComponent, withChartValues } from "@slipway/core";
import { externalDnsPolicy, requireOidc, workloadRole } from "../iam";
import { DnsZoneArgs } from "./args";
import { externalDnsValues } from "./external-dns";
import { hostName, TenantLike, tenantWildcard } from "./naming";
import { EXTERNAL_DNS_SERVICE_ACCOUNT, planDnsZone } from "./plan";

/** What cert-manager needs to answer ACME DNS-01 challenges in this zone. */
export type Dns01Target =
  | { kind: "route53"; domain: string; zoneId: pulumi.Output<string>; region?: string }
  | { kind: "rfc2136"; domain: string; nameserver: string; tsigKeyName: string; tsigAlgorithm: string; tsigSecret: pulumi.Output<string> };

/**
 * A DNS zone and the one naming rule for hosts (`<app>.<tenant>.<domain>`): a Route53 zone or an
 * RFC2136 server kept in step by external-dns, or nip.io for development.
 */
export class DnsZone extends SlipwayComponent implements DnsZoneHandle {
  readonly kind: DnsZoneArgs["kind"];
  /** The zone's domain, e.g. "apps.example.com" or "10.86.67.11.nip.io". */
  readonly domain: string;
  /** The Route53 hosted zone id. */
  readonly zoneId?: pulumi.Output<string>;
  /** Name servers to delegate to (a new public Route53 zone). */
  readonly nameServers?: pulumi.Output<string[]>;
  /** The TXT owner id marking this cluster's records. */
  readonly txtOwnerId?: string;
  /** The namespace external-dns runs in. */
  readonly externalDnsNamespace?: string;
  /** external-dns' workload-identity role (Route53). */
  readonly externalDnsRole?: aws.iam.Role;
  /** The external-dns chart. */
  readonly chart?: k8s.helm.v4.Chart;
  /** How cert-manager solves DNS-01 challenges here; undefined for nip.io. */
  readonly dns01?: Dns01Target;

  constructor(name: string, args: DnsZoneArgs, opts?: pulumi.ComponentResourceOptions) {
    const site = siteOf("DnsZone", name);
    const plan = planDnsZone(site, args, { stack: pulumi.getStack() });
    const oidc = args.kind === "route53" ? requireOidc(site, args.cluster, "external-dns") : undefined;
    super("dns", "DnsZone", name, opts);
    this.kind = plan.kind;
    this.domain = plan.domain;
    if (plan.kind === "nipio") {
      this.done({ domain: this.domain });
      return;
    }
    const { cluster, externalDns } = plan;
    // The chart's values name the zone and role, so external-dns is installed once they exist.
    const install = (values: pulumi.Inputs) => installOperator(name, withChartValues(plan.operator, values), { parent: this, provider: cluster.provider }).chart;

    let zoneId: pulumi.Output<string> | undefined;
    let roleArn: pulumi.Output<string> | undefined;
    if (args.kind === "route53") {
      const privateZone = (args.privateVpcs ?? []).length > 0;
      if (args.existingZoneId !== undefined) {
        zoneId = pulumi.output(args.existingZoneId);
      } else {
        const zone = new aws.route53.Zone(
          name,
          {
            name: plan.domain,
            comment: args.comment ?? "Managed by Slipway",
            // AWS refuses to delete a zone that still has records, unless forced: never by default (CHECKS W4).
            forceDestroy: args.forceDestroy ?? false,
            ...(privateZone ? { vpcs: args.privateVpcs!.map((v) => ({ vpcId: v.vpcId, ...(v.region ? { vpcRegion: v.region } : {}) })) } : {}),
          },
          this.childOptions({ retainOnDelete: args.retainOnDelete ?? true }),
        );
        zoneId = zone.zoneId;
        this.nameServers = zone.nameServers;
      }
      const role = workloadRole(
        `${name}-external-dns`,
        {
          oidc: oidc!,
          namespace: externalDns.namespace,
          serviceAccount: EXTERNAL_DNS_SERVICE_ACCOUNT,
          description: `external-dns of zone ${plan.domain}: record changes in that zone only`,
          policy: zoneId.apply(externalDnsPolicy),
        },
        this.childOptions(),
      );
      roleArn = role.arn;
      this.externalDnsRole = role;
      this.zoneId = zoneId;
      this.dns01 = { kind: "route53", domain: plan.domain, zoneId, region: cluster.region };
      const values = externalDnsValues(externalDns, "aws", { zoneId, roleArn, region: cluster.region, privateZone });
      this.chart = install(values);
    } else {
      const server = plan.rfc2136!;
      this.dns01 = {
        kind: "rfc2136",
        domain: plan.domain,
        nameserver: `${server.host}:${server.port}`,
        tsigKeyName: server.tsigKeyName,
        tsigAlgorithm: server.tsigAlgorithm,
        tsigSecret: server.tsigSecret,
      };
      this.chart = install(externalDnsValues(externalDns, "rfc2136", {}, server));
    }
    this.txtOwnerId = externalDns.txtOwnerId;
    this.externalDnsNamespace = externalDns.namespace;
    this.done({ domain: this.domain, zoneId: this.zoneId, nameServers: this.nameServers, txtOwnerId: this.txtOwnerId, roleArn });
  }

  /** `<app>.<tenant>.<domain>`, validated: `zone.hostFor("cart", shop)` -> "cart.shop.apps.example.com". */
  hostFor(app: string, tenant: TenantLike): string {
    return hostName(this.site, this.domain, app, tenant);
  }

  /** `*.<tenant>.<domain>`: what a certificate must cover to serve every host of a tenant. */
  tenantWildcard(tenant: TenantLike): string {
    return tenantWildcard(this.site, this.domain, tenant);
  }
}
