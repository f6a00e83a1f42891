import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ChartOverrides, ChartSource, installChart, resolveChartOverrides } from "./charts";
import { InputSite } from "./errors";
import { Manifest } from "./manifest";
import { admitGatewayRoutes, standardLabels } from "./labels";
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
  /** Further namespaces the chart installs into (e.g. a host agent's privileged one), each with its level. */
  extraNamespaces: Manifest[];
  /** Objects the chart's pods read at start (Secrets, ConfigMaps): created after the namespaces, before the chart. */
  chartInputs: Manifest[];
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

/** A namespace an operator component creates, with the Pod Security level its pods need. */
export interface OperatorNamespaceInput {
  name: string;
  level: PodSecurityLevel;
  labels: Record<string, string>;
  /** Let routes in it attach to the platform Gateway (a platform UI behind the gateway). @default false */
  gatewayRoutes?: boolean;
  /** Annotations, e.g. the log sink its agents ship to. @default none */
  annotations?: Record<string, string>;
}

/** Input of `planOperator`: the raw `chart` argument is validated here. */
export interface OperatorPlanInput {
  /** The namespace to create, with its Pod Security level, or `{ existing }` to install into another component's namespace. */
  namespace: OperatorNamespaceInput | { existing: string };
  /** Further namespaces the chart installs into. @default none */
  extraNamespaces?: OperatorNamespaceInput[];
  /** `release` names the chart resource `<owner>-<release>` (default "operator"). */
  chart: { source: ChartSource; release?: string; values: pulumi.Inputs; imageValues?: (registry: string) => pulumi.Inputs };
  /** `args.chart` as the user wrote it. */
  overrides: ChartOverrides | undefined;
  /** Where the overrides sit in the component's arguments, for error messages. @default "chart" */
  overridesPath?: string;
  /** `args.cluster.imageMirror`, the fallback image registry. */
  clusterMirror: string | undefined;
  /** Objects the chart's pods read at start. @default none */
  chartInputs?: Manifest[];
  customResources?: Manifest[];
}

/** The namespace an operator runs in: standard labels plus enforce/warn/audit of one level at the pinned version. */
export function operatorNamespace(name: string, level: PodSecurityLevel, labels: Record<string, string>, annotations?: Record<string, string>): Manifest {
  const metadata = { name, labels: { ...labels, ...podSecurityLabels(level) }, ...(annotations ? { annotations } : {}) };
  return { apiVersion: "v1", kind: "Namespace", metadata };
}

/** Standard labels of a platform system namespace that one app (`cert-manager`, `fluent-bit`...) runs in. */
export function systemNamespaceLabels(app: string): Record<string, string> {
  return standardLabels({ name: app, component: "operator", partOf: "slipway" });
}

function plannedNamespace(ns: OperatorNamespaceInput): Manifest {
  return admitGatewayRoutes(operatorNamespace(ns.name, ns.level, ns.labels, ns.annotations), ns.gatewayRoutes ?? false);
}

/** Plans an operator install; fails naming `<component>.chart.<field>` when the overrides are invalid. */
export function planOperator(site: InputSite, input: OperatorPlanInput): OperatorPlan {
  const overrides = resolveChartOverrides(site, input.overrides, input.clusterMirror, input.overridesPath);
  const ns = input.namespace;
  return {
    namespace: "existing" in ns ? undefined : plannedNamespace(ns),
    namespaceName: "existing" in ns ? ns.existing : ns.name,
    extraNamespaces: (input.extraNamespaces ?? []).map(plannedNamespace),
    chartInputs: input.chartInputs ?? [],
    chart: { ...input.chart, release: input.chart.release ?? "operator", overrides },
    customResources: input.customResources ?? [],
  };
}

/** The plan with the chart's values set: for values made of resources the component creates after planning (a role ARN, a zone id). */
export function withChartValues(plan: OperatorPlan, values: pulumi.Inputs): OperatorPlan {
  return { ...plan, chart: { ...plan.chart, values } };
}

/** What `installOperator` registered. */
export interface InstalledOperator {
  chart: k8s.helm.v4.Chart;
  /** Every registered object (namespaces, chart inputs and custom resources) keyed by `apiVersion/Kind/name`. */
  resources: Map<string, pulumi.CustomResource>;
  /** The namespaces alone, for objects of the component's own that only need them. */
  namespaces: pulumi.CustomResource[];
}

/** How `installOperator` registers: parent and provider, plus what the chart and single objects wait for. */
export interface InstallOperatorOptions {
  parent: pulumi.Resource;
  provider?: pulumi.ProviderResource;
  /** Everything the operator registers waits for these. */
  dependsOn?: pulumi.Input<pulumi.Resource>[];
  /** The chart alone also waits for these (e.g. CRDs another component installs). @default none */
  chartDependsOn?: pulumi.Input<pulumi.Resource>[];
  /** Options one chart input or custom resource adds (its `dependsOn` adds to what it waits for anyway). @default none */
  optionsFor?: (manifest: Manifest) => pulumi.CustomResourceOptions | undefined;
}

/**
 * Registers an operator plan: the namespaces, then the chart inputs, then the chart depending on
 * both, then the custom resources depending on the chart (their own options, e.g.
 * `retainOnDelete`, are kept).
 */
export function installOperator(owner: string, plan: OperatorPlan, opts: InstallOperatorOptions, customResourceOptions?: pulumi.CustomResourceOptions): InstalledOperator {
  const base: pulumi.CustomResourceOptions = { parent: opts.parent, provider: opts.provider, dependsOn: opts.dependsOn };
  const namespaceManifests = [...(plan.namespace ? [plan.namespace] : []), ...plan.extraNamespaces];
  const namespaces = [...registerManifests(owner, namespaceManifests, base).entries()];
  const namespaceResources = namespaces.map(([, resource]) => resource);
  const afterNamespaces = { ...base, dependsOn: [...(opts.dependsOn ?? []), ...namespaceResources] };
  const inputs = [...registerManifests(owner, plan.chartInputs, afterNamespaces, opts.optionsFor).entries()];
  const chart = installChart(
    `${owner}-${plan.chart.release}`,
    plan.chart.source,
    { namespace: plan.namespaceName, values: plan.chart.values, overrides: plan.chart.overrides, imageValues: plan.chart.imageValues },
    { parent: opts.parent, provider: opts.provider, dependsOn: [...afterNamespaces.dependsOn, ...inputs.map(([, resource]) => resource), ...(opts.chartDependsOn ?? [])] },
  );
  const objects: PlannedObject[] = plan.customResources.map((manifest) => ({ manifest, options: { ...customResourceOptions, ...opts.optionsFor?.(manifest), dependsOn: [chart] } }));
  const custom = registerManifests(owner, objects, { parent: opts.parent, provider: opts.provider }, (manifest) => ({ dependsOn: opts.optionsFor?.(manifest)?.dependsOn }));
  return { chart, resources: new Map([...namespaces, ...inputs, ...custom]), namespaces: namespaceResources };
}
