import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ChartOverrides, ChartSource, installChart, resolveChartOverrides } from "./charts";
import { InputSite } from "./errors";
import { Manifest } from "./manifest";
import { podSecurityLabels, PodSecurityLevel } from "./pod-security";
import { PlannedObject, registerManifests } from "./register";

/**
 * What an operator component plans, in the order it must be applied: its namespace with a Pod
 * Security level, its pinned chart with validated overrides, then the custom resources that need
 * the chart's CRDs. Built only by `planOperator`, so no component can skip validating `chart.*`.
 */
export interface OperatorPlan {
  /** The operator's namespace; absent when it lives in a namespace another component owns. */
  namespace?: Manifest;
  namespaceName: string;
  chart: {
    source: ChartSource;
    /** The chart resource is named `<owner>-<release>`. */
    release: string;
    values: pulumi.Inputs;
    /** Validated `chart.*` overrides, the image registry defaulted to the cluster's mirror. */
    overrides: ChartOverrides;
    /** Chart values that point every image at a mirror registry. */
    imageValues?: (registry: string) => pulumi.Inputs;
  };
  /** Custom resources (and any other objects) that wait for the chart. */
  customResources: Manifest[];
}

/** Input of `planOperator`: the raw `chart` argument is validated here. */
export interface OperatorPlanInput {
  /** The namespace to create, with its Pod Security level, or `{ existing }` to install into another component's namespace. */
  namespace: { name: string; level: PodSecurityLevel; labels: Record<string, string> } | { existing: string };
  /** `release` names the chart resource `<owner>-<release>` (default "operator"). */
  chart: { source: ChartSource; release?: string; values: pulumi.Inputs; imageValues?: (registry: string) => pulumi.Inputs };
  /** `args.chart` as the user wrote it. */
  overrides: ChartOverrides | undefined;
  /** `args.cluster.imageMirror`, the fallback image registry. */
  clusterMirror: string | undefined;
  customResources?: Manifest[];
}

/** The namespace an operator runs in: standard labels plus enforce/warn/audit of one level at the pinned version. */
export function operatorNamespace(name: string, level: PodSecurityLevel, labels: Record<string, string>): Manifest {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { ...labels, ...podSecurityLabels(level) } } };
}

/** Plans an operator install; fails naming `<component>.chart.<field>` when the overrides are invalid. */
export function planOperator(site: InputSite, input: OperatorPlanInput): OperatorPlan {
  const overrides = resolveChartOverrides(site, input.overrides, input.clusterMirror);
  const ns = input.namespace;
  const namespace = "existing" in ns ? undefined : operatorNamespace(ns.name, ns.level, ns.labels);
  return {
    namespace,
    namespaceName: "existing" in ns ? ns.existing : ns.name,
    chart: { ...input.chart, release: input.chart.release ?? "operator", overrides },
    customResources: input.customResources ?? [],
  };
}

/** What `installOperator` registered. */
export interface InstalledOperator {
  chart: k8s.helm.v4.Chart;
  /** Every registered object (namespace and custom resources) keyed by `apiVersion/Kind/name`. */
  resources: Map<string, pulumi.CustomResource>;
}

/**
 * Registers an operator plan: the namespace, then the chart depending on it, then the custom
 * resources depending on the chart (their own options, e.g. `retainOnDelete`, are kept).
 */
export function installOperator(
  owner: string,
  plan: OperatorPlan,
  opts: { parent: pulumi.Resource; provider?: pulumi.ProviderResource; dependsOn?: pulumi.Input<pulumi.Resource>[] },
  customResourceOptions?: pulumi.CustomResourceOptions,
): InstalledOperator {
  const base: pulumi.CustomResourceOptions = { parent: opts.parent, provider: opts.provider, dependsOn: opts.dependsOn };
  const namespace = plan.namespace ? registerManifests(owner, [plan.namespace], base) : new Map<string, pulumi.CustomResource>();
  const chart = installChart(
    `${owner}-${plan.chart.release}`,
    plan.chart.source,
    { namespace: plan.namespaceName, values: plan.chart.values, overrides: plan.chart.overrides, imageValues: plan.chart.imageValues },
    { parent: opts.parent, provider: opts.provider, dependsOn: [...(opts.dependsOn ?? []), ...namespace.values()] },
  );
  const objects: PlannedObject[] = plan.customResources.map((manifest) => ({ manifest, options: { ...customResourceOptions, dependsOn: [chart] } }));
  const custom = registerManifests(owner, objects, { parent: opts.parent, provider: opts.provider });
  return { chart, resources: new Map([...namespace, ...custom]) };
}
