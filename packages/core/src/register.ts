import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { kindKey, Manifest } from "./manifest";

type Ctor = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Typed classes for the stable core kinds; anything else (custom resources) is a CustomResource. */
const TYPED: Record<string, () => Ctor> = {
  "v1/Namespace": () => k8s.core.v1.Namespace,
  "v1/ServiceAccount": () => k8s.core.v1.ServiceAccount,
  "v1/Service": () => k8s.core.v1.Service,
  "v1/ConfigMap": () => k8s.core.v1.ConfigMap,
  "v1/Secret": () => k8s.core.v1.Secret,
  "v1/ResourceQuota": () => k8s.core.v1.ResourceQuota,
  "v1/LimitRange": () => k8s.core.v1.LimitRange,
  "v1/PersistentVolumeClaim": () => k8s.core.v1.PersistentVolumeClaim,
  "apps/v1/Deployment": () => k8s.apps.v1.Deployment,
  "apps/v1/StatefulSet": () => k8s.apps.v1.StatefulSet,
  "apps/v1/DaemonSet": () => k8s.apps.v1.DaemonSet,
  "batch/v1/Job": () => k8s.batch.v1.Job,
  "batch/v1/CronJob": () => k8s.batch.v1.CronJob,
  "autoscaling/v2/HorizontalPodAutoscaler": () => k8s.autoscaling.v2.HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": () => k8s.policy.v1.PodDisruptionBudget,
  "networking.k8s.io/v1/NetworkPolicy": () => k8s.networking.v1.NetworkPolicy,
  "networking.k8s.io/v1/Ingress": () => k8s.networking.v1.Ingress,
  "networking.k8s.io/v1/IngressClass": () => k8s.networking.v1.IngressClass,
  "discovery.k8s.io/v1/EndpointSlice": () => k8s.discovery.v1.EndpointSlice,
  "rbac.authorization.k8s.io/v1/Role": () => k8s.rbac.v1.Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": () => k8s.rbac.v1.RoleBinding,
  "rbac.authorization.k8s.io/v1/ClusterRole": () => k8s.rbac.v1.ClusterRole,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": () => k8s.rbac.v1.ClusterRoleBinding,
  "storage.k8s.io/v1/StorageClass": () => k8s.storage.v1.StorageClass,
};

/** The Pulumi logical name of a manifest inside its owner: unique per owner, kind and object name. */
export function logicalName(owner: string, manifest: Manifest, index: number): string {
  const name = manifest.metadata.name;
  const objectName = typeof name === "string" ? name : `${manifest.kind.toLowerCase()}-${index}`;
  return objectName === owner ? owner : `${owner}/${objectName}`;
}

type DependsOn = pulumi.CustomResourceOptions["dependsOn"];

/** Both option sets' `dependsOn`, so an object's own dependencies add to its owner's instead of replacing them. */
function mergeDependsOn(a: DependsOn, b: DependsOn): DependsOn {
  if (!a) return b;
  if (!b) return a;
  return pulumi.all([a as pulumi.Input<pulumi.Input<pulumi.Resource>[]>, b as pulumi.Input<pulumi.Input<pulumi.Resource>[]>].map((d) => pulumi.output(d))).apply(([x, y]) => [
    ...(Array.isArray(x) ? x : [x]),
    ...(Array.isArray(y) ? y : [y]),
  ]) as DependsOn;
}

/** A manifest plus the resource options only it needs (e.g. `dependsOn` an operator's CRDs). */
export interface PlannedObject {
  manifest: Manifest;
  options?: pulumi.CustomResourceOptions;
}

/**
 * Registers what a pure builder planned: each manifest as its typed resource, all under `opts`
 * (normally `{ parent: component }`) plus what `optionsFor` adds per object (e.g. routes waiting
 * for their gateway). Returns the resources keyed by `apiVersion/Kind/name`.
 */
export function registerManifests(
  owner: string,
  objects: readonly (Manifest | PlannedObject)[],
  opts: pulumi.CustomResourceOptions,
  optionsFor?: (manifest: Manifest) => pulumi.CustomResourceOptions | undefined,
): Map<string, pulumi.CustomResource> {
  const registered = new Map<string, pulumi.CustomResource>();
  objects.forEach((item, index) => {
    const planned: PlannedObject = "manifest" in item && "apiVersion" in (item as PlannedObject).manifest ? (item as PlannedObject) : { manifest: item as Manifest };
    const { manifest } = planned;
    const key = kindKey(manifest);
    const resourceName = logicalName(owner, manifest, index);
    const extra = optionsFor?.(manifest);
    const dependsOn = mergeDependsOn(mergeDependsOn(opts.dependsOn, extra?.dependsOn), planned.options?.dependsOn);
    const options = { ...opts, ...extra, ...planned.options, dependsOn };
    const typed = TYPED[key];
    const resource = typed
      ? new (typed())(resourceName, manifest as never, options)
      : new k8s.apiextensions.CustomResource(resourceName, manifest as k8s.apiextensions.CustomResourceArgs, options);
    registered.set(`${key}/${String(manifest.metadata.name ?? index)}`, resource);
  });
  return registered;
}
