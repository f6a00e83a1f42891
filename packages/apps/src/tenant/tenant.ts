import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { checkDnsLabel, fail, InputSite, Manifest, PlatformNamespaces, POD_SECURITY_VERSION, ProfileOverride, registerManifests, siteOf, SlipwayComponent, standardLabels } from "@slipway/core";
import { TenantRef } from "../tenant-ref";
import { TenantArgs } from "./args";
import { planTenantBackup } from "./backup";
import { planLimitRange, planNamespace, planQuota } from "./namespace";
import { planTenantPolicies, resolveClusterDns } from "./network-policies";
import { planRbac } from "./rbac";

export interface TenantPlan {
  objects: Manifest[];
  namespace: string;
  platform: PlatformNamespaces;
  pullSecret?: string;
  /** The Velero Schedule of the namespace (in Velero's namespace), unless backups are off. */
  backupSchedule?: Manifest;
}

/** The pure plan of a tenant's namespace, quota, limits, policies, RBAC and pull secret. */
export function planTenant(site: InputSite, args: TenantArgs): TenantPlan {
  if (args === null || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const tenantName = checkDnsLabel(site, "name", site.name);
  const namespace = checkDnsLabel(site, "namespace", args.namespace ?? tenantName);
  const labels = standardLabels({ name: tenantName, component: "tenant", partOf: tenantName });
  const meta = { name: tenantName, namespace, labels };
  (args.accepts ?? []).forEach((t, i) => checkDnsLabel(site, `accepts[${i}]`, t));
  const ingress = args.platform?.ingress ?? args.gateway?.gatewayNamespace ?? "gateway-system";
  const monitoring = args.platform?.monitoring ?? "monitoring";
  checkDnsLabel(site, "platform.ingress", ingress);
  checkDnsLabel(site, "platform.monitoring", monitoring);
  const objects: Manifest[] = [
    planNamespace(site, meta, tenantName, args.podSecurityVersion ?? POD_SECURITY_VERSION),
    planQuota(site, meta, args.quota),
    planLimitRange(site, meta, args.limits),
    ...planTenantPolicies(meta, resolveClusterDns(site, args.dns, args.cluster?.dns)),
    ...planRbac(site, meta, args.groups, args.execFor),
  ];
  let pullSecret: string | undefined;
  if (args.registry) {
    if (!args.registry.pullSecretDockerConfig) fail(site, "registry", "registry", "gives no pull credentials", "pass a registry handle that has pullSecretDockerConfig, or leave registry out for public images");
    pullSecret = `${tenantName}-pull`;
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { ...meta, name: pullSecret },
      type: "kubernetes.io/dockerconfigjson",
      stringData: { ".dockerconfigjson": args.registry.pullSecretDockerConfig },
    });
  }
  return { objects, namespace, platform: { ingress, monitoring }, pullSecret, backupSchedule: planTenantBackup(site, args, meta) };
}

/**
 * A team's isolated, quota-bound namespace: Pod Security "restricted", default-deny networking,
 * RBAC for its groups, and the defaults its apps inherit. Apps take it as `tenant`.
 */
export class Tenant extends SlipwayComponent implements TenantRef {
  readonly namespace: string;
  readonly tenantName: string;
  readonly profile?: ProfileOverride;
  readonly imagePullSecrets?: string[];
  readonly provider?: k8s.Provider;
  readonly namespaceResource: pulumi.Resource;
  readonly accepts?: string[];
  readonly platform: PlatformNamespaces;

  constructor(name: string, args: TenantArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const plan = planTenant(siteOf("Tenant", name), args);
    super("apps", "Tenant", name, opts);
    this.tenantName = name;
    this.namespace = plan.namespace;
    this.platform = plan.platform;
    this.profile = args.defaults;
    if (args.accepts) this.accepts = args.accepts;
    this.provider = args.cluster?.provider;
    if (plan.pullSecret) this.imagePullSecrets = [plan.pullSecret];
    const [namespaceObject, ...rest] = plan.objects;
    const childOpts = this.childOptions(this.provider ? { provider: this.provider } : {});
    this.namespaceResource = registerManifests(name, [namespaceObject], childOpts).values().next().value!;
    registerManifests(name, rest, { ...childOpts, dependsOn: [this.namespaceResource] });
    // The Schedule needs Velero's CRDs; it lives in Velero's namespace, so it does not wait for the tenant's.
    if (plan.backupSchedule) registerManifests(name, [plan.backupSchedule], { ...childOpts, dependsOn: args.backups?.ready ? [args.backups.ready] : [] });
    this.done({ namespace: this.namespace });
  }
}
