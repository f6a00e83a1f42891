import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { kindKey, Manifest } from "./manifest";
import { activeRenderSink } from "./render-sink";

type Ctor = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** A typed class and the inputs it registers (it drops anything else, e.g. `status`); `secret` ones it wraps in `pulumi.secret`. */
interface Typed {
  ctor: () => Ctor;
  inputs: readonly string[];
  secret?: readonly string[];
}

const SPEC = ["apiVersion", "kind", "metadata", "spec"] as const;
const typed = (ctor: () => Ctor, inputs: readonly string[] = SPEC, secret?: readonly string[]): Typed => ({ ctor, inputs, secret });

/** Typed classes for the stable core kinds; anything else (custom resources) is a CustomResource. Inputs as each class lists them. */
const TYPED: Record<string, Typed> = {
  "v1/Namespace": typed(() => k8s.core.v1.Namespace),
  "v1/ServiceAccount": typed(() => k8s.core.v1.ServiceAccount, ["apiVersion", "automountServiceAccountToken", "imagePullSecrets", "kind", "metadata", "secrets"]),
  "v1/Service": typed(() => k8s.core.v1.Service),
  "v1/ConfigMap": typed(() => k8s.core.v1.ConfigMap, ["apiVersion", "binaryData", "data", "immutable", "kind", "metadata"]),
  "v1/Secret": typed(() => k8s.core.v1.Secret, ["apiVersion", "data", "immutable", "kind", "metadata", "stringData", "type"], ["data", "stringData"]),
  "v1/ResourceQuota": typed(() => k8s.core.v1.ResourceQuota),
  "v1/LimitRange": typed(() => k8s.core.v1.LimitRange),
  "v1/PersistentVolumeClaim": typed(() => k8s.core.v1.PersistentVolumeClaim),
  "apps/v1/Deployment": typed(() => k8s.apps.v1.Deployment),
  "apps/v1/StatefulSet": typed(() => k8s.apps.v1.StatefulSet),
  "apps/v1/DaemonSet": typed(() => k8s.apps.v1.DaemonSet),
  "batch/v1/Job": typed(() => k8s.batch.v1.Job),
  "batch/v1/CronJob": typed(() => k8s.batch.v1.CronJob),
  "autoscaling/v2/HorizontalPodAutoscaler": typed(() => k8s.autoscaling.v2.HorizontalPodAutoscaler),
  "policy/v1/PodDisruptionBudget": typed(() => k8s.policy.v1.PodDisruptionBudget),
  "networking.k8s.io/v1/NetworkPolicy": typed(() => k8s.networking.v1.NetworkPolicy),
  "networking.k8s.io/v1/Ingress": typed(() => k8s.networking.v1.Ingress),
  "networking.k8s.io/v1/IngressClass": typed(() => k8s.networking.v1.IngressClass),
  "discovery.k8s.io/v1/EndpointSlice": typed(() => k8s.discovery.v1.EndpointSlice, ["addressType", "apiVersion", "endpoints", "kind", "metadata", "ports"]),
  "rbac.authorization.k8s.io/v1/Role": typed(() => k8s.rbac.v1.Role, ["apiVersion", "kind", "metadata", "rules"]),
  "rbac.authorization.k8s.io/v1/RoleBinding": typed(() => k8s.rbac.v1.RoleBinding, ["apiVersion", "kind", "metadata", "roleRef", "subjects"]),
  "rbac.authorization.k8s.io/v1/ClusterRole": typed(() => k8s.rbac.v1.ClusterRole, ["aggregationRule", "apiVersion", "kind", "metadata", "rules"]),
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": typed(() => k8s.rbac.v1.ClusterRoleBinding, ["apiVersion", "kind", "metadata", "roleRef", "subjects"]),
  "storage.k8s.io/v1/StorageClass": typed(
    () => k8s.storage.v1.StorageClass,
    ["allowVolumeExpansion", "allowedTopologies", "apiVersion", "kind", "metadata", "mountOptions", "parameters", "provisioner", "reclaimPolicy", "volumeBindingMode"],
  ),
};

/** The Pulumi type token of a manifest's resource: `kubernetes:apps/v1:Deployment`, `kubernetes:core/v1:Secret`. */
export function kubernetesTypeToken(manifest: Manifest): string {
  const group = TYPED[kindKey(manifest)] && manifest.apiVersion === "v1" ? "core/v1" : manifest.apiVersion;
  return `kubernetes:${group}:${manifest.kind}`;
}

/**
 * The inputs a manifest's resource registers: a typed class keeps its own fields, a CustomResource all;
 * `secret` lists those the class wraps in `pulumi.secret` (a Secret's non-empty `data` and `stringData`).
 */
export function kubernetesInputs(manifest: Manifest): { inputs: Record<string, unknown>; secret: string[] } {
  const spec = TYPED[kindKey(manifest)];
  if (!spec) return { inputs: { ...manifest }, secret: [] };
  const source = manifest as unknown as Record<string, unknown>;
  return { inputs: Object.fromEntries(spec.inputs.map((key) => [key, source[key]])), secret: (spec.secret ?? []).filter((key) => source[key]) };
}

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
  // Two lists of resources need no Output (the runtime gathers either the same way).
  const plainList = (d: DependsOn): d is pulumi.Resource[] => Array.isArray(d) && d.every((r) => pulumi.Resource.isInstance(r));
  if (plainList(a) && plainList(b)) return [...a, ...b];
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
    const sink = activeRenderSink();
    const spec = TYPED[key];
    const resource =
      sink?.object(kubernetesTypeToken(manifest), resourceName, kubernetesInputs(manifest), options) ??
      (spec
        ? new (spec.ctor())(resourceName, manifest as never, options)
        : new k8s.apiextensions.CustomResource(resourceName, manifest as k8s.apiextensions.CustomResourceArgs, options));
    registered.set(`${key}/${String(manifest.metadata.name ?? index)}`, resource);
  });
  return registered;
}
