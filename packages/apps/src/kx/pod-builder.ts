import * as k8s from "@pulumi/kubernetes";
import {
  buildPodSpec,
  checkDnsLabel,
  checkNumber,
  ContainerSpec,
  DefaultsProfile,
  fail,
  InputSite,
  Placement,
  selectorLabels,
  siteOf,
  stackProfile,
  standardLabels,
} from "@slipway/core";
import { resolveProfile, TenantRef } from "../tenant-ref";
import { batchProfile } from "../workload/plan";

/** kubernetesx's PodBuilder arguments, with Slipway's container description (ports and env as maps). */
export interface PodBuilderArgs {
  /** The main container first, then sidecars. @default required */
  containers: ContainerSpec[];
  /** Run to completion before the others start. @default none */
  initContainers?: ContainerSpec[];
  /** @default the workload's name (its own ServiceAccount: create it with `new ServiceAccount(...)` or AppService) */
  serviceAccountName?: string;
  /** @default false */
  automountServiceAccountToken?: boolean;
  /** Where pods run. @default anywhere */
  placement?: Placement;
  /** The tenant the pods run in: its profile, pull secrets and `part-of` label apply. @default none */
  tenant?: TenantRef;
  /** A whole profile instead of the layered one. @default the stack's (`slipway:defaults`), then the tenant's */
  profile?: DefaultsProfile;
}

/**
 * kubernetesx-compatible PodBuilder: `new PodBuilder("nginx", { containers: [...] }).asDeploymentSpec({ replicas: 3 })`.
 * Unlike kx it keeps hyphens in image-derived container names, adds each volume once however many
 * containers mount it, and applies the secure-defaults profile.
 */
export class PodBuilder {
  private readonly site: InputSite;
  private readonly profile: DefaultsProfile;
  readonly labels: Record<string, string>;
  /** Labels selecting the built pods. */
  readonly podSelector: Record<string, string>;

  constructor(
    readonly name: string,
    private readonly args: PodBuilderArgs,
  ) {
    this.site = siteOf("PodBuilder", name);
    checkDnsLabel(this.site, "name", name);
    this.labels = standardLabels({ name, partOf: args.tenant?.tenantName });
    this.profile = args.profile ?? resolveProfile(stackProfile(), { tenant: args.tenant });
    this.podSelector = selectorLabels({ name });
  }

  private pod(spread: boolean, batch = false): { metadata: { labels: Record<string, string> }; spec: k8s.types.input.core.v1.PodSpec } {
    const built = buildPodSpec(
      this.site,
      "spec",
      {
        containers: this.args.containers,
        initContainers: this.args.initContainers,
        serviceAccountName: this.args.serviceAccountName ?? this.name,
        automountServiceAccountToken: this.args.automountServiceAccountToken,
        placement: this.args.placement,
        imagePullSecrets: this.args.tenant?.imagePullSecrets,
        ...(spread ? { spreadSelector: this.podSelector } : {}),
      },
      batch ? batchProfile(this.profile) : this.profile,
    );
    return { metadata: { labels: this.labels }, spec: built.spec };
  }

  /** The pod spec alone. */
  asPodSpec(): k8s.types.input.core.v1.PodSpec {
    return this.pod(false).spec;
  }

  /** A Deployment spec: rolling updates with zero unavailable pods, spread across hosts. @default the profile's replicas (2) */
  asDeploymentSpec(options: { replicas?: number } = {}): k8s.types.input.apps.v1.DeploymentSpec {
    const replicas = checkNumber(this.site, "replicas", options.replicas ?? this.profile.replicas, { min: 0, max: 1000 });
    return {
      replicas,
      revisionHistoryLimit: this.profile.revisionHistoryLimit,
      selector: { matchLabels: this.podSelector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: this.pod(true),
    };
  }

  /** A StatefulSet spec; `serviceName` names its headless Service. @default the profile's replicas (2) */
  asStatefulSetSpec(options: { serviceName: string; replicas?: number }): k8s.types.input.apps.v1.StatefulSetSpec {
    if (!options?.serviceName) fail(this.site, "serviceName", options?.serviceName, "is required", "name the headless Service of the StatefulSet");
    return {
      replicas: checkNumber(this.site, "replicas", options.replicas ?? this.profile.replicas, { min: 0, max: 1000 }),
      serviceName: checkDnsLabel(this.site, "serviceName", options.serviceName),
      selector: { matchLabels: this.podSelector },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: this.pod(true),
    };
  }

  /** A Job spec (pods never restart in place; the Job retries). @default backoffLimit 3 */
  asJobSpec(options: { backoffLimit?: number } = {}): k8s.types.input.batch.v1.JobSpec {
    const template = this.pod(false, true);
    return {
      backoffLimit: checkNumber(this.site, "backoffLimit", options.backoffLimit ?? 3, { min: 0, max: 100 }),
      template: { ...template, spec: { ...template.spec, restartPolicy: "Never" } },
    };
  }
}
