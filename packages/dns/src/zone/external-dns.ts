import * as pulumi from "@pulumi/pulumi";
import { ExternalDnsPlan, EXTERNAL_DNS_SERVICE_ACCOUNT, Rfc2136Server, TSIG_SECRET_KEY } from "./plan";

/** Cloud facts the chart values need: the zone (Route53) and the workload role. */
export interface ExternalDnsCloud {
  zoneId?: pulumi.Input<string>;
  roleArn?: pulumi.Input<string>;
  region?: string;
  privateZone?: boolean;
}

/**
 * The external-dns chart values. The TSIG secret never appears here: external-dns reads it from the
 * environment (`EXTERNAL_DNS_RFC2136_TSIG_SECRET`), filled by secretKeyRef from our Secret.
 */
export function externalDnsValues(plan: ExternalDnsPlan, provider: "aws" | "rfc2136", cloud: ExternalDnsCloud, rfc2136?: Rfc2136Server): pulumi.Inputs {
  const extraArgs: pulumi.Input<string>[] = [];
  const env: Record<string, unknown>[] = [];
  const serviceAccount: Record<string, unknown> = { create: true, name: EXTERNAL_DNS_SERVICE_ACCOUNT };
  if (provider === "aws") {
    // Pin the zone by id: a public and a private zone may share the domain.
    if (cloud.zoneId !== undefined) extraArgs.push(pulumi.interpolate`--zone-id-filter=${cloud.zoneId}`);
    extraArgs.push(`--aws-zone-type=${cloud.privateZone ? "private" : "public"}`);
    if (cloud.roleArn !== undefined) serviceAccount.annotations = { "eks.amazonaws.com/role-arn": cloud.roleArn };
    if (cloud.region) env.push({ name: "AWS_DEFAULT_REGION", value: cloud.region });
  } else if (rfc2136) {
    extraArgs.push(
      `--rfc2136-host=${rfc2136.host}`,
      `--rfc2136-port=${rfc2136.port}`,
      `--rfc2136-zone=${rfc2136.zone}`,
      `--rfc2136-tsig-keyname=${rfc2136.tsigKeyName}`,
      `--rfc2136-tsig-secret-alg=${rfc2136.tsigAlgorithm}`,
      "--rfc2136-tsig-axfr",
    );
    env.push({ name: "EXTERNAL_DNS_RFC2136_TSIG_SECRET", valueFrom: { secretKeyRef: { name: rfc2136.secretName, key: TSIG_SECRET_KEY } } });
  }
  return {
    provider: { name: provider },
    policy: plan.policy,
    registry: "txt",
    txtOwnerId: plan.txtOwnerId,
    domainFilters: plan.domainFilters,
    sources: plan.sources,
    interval: plan.interval,
    serviceAccount,
    extraArgs,
    env,
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "128Mi" } },
  };
}

/** Image values that point external-dns at a registry mirror. */
export function externalDnsImageValues(registry: string): pulumi.Inputs {
  return { image: { repository: `${registry}/external-dns/external-dns` } };
}
