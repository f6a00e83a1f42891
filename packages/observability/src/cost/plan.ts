import { buildResources, CHART_BACKEND_ANNOTATION, checkNumber, DEFAULT_PROFILE, fail, InputSite, Manifest, OperatorPlan, planOperator, ResourcesSpec, SlipwayInputError, standardLabels } from "@slipway/core";
import { OPENCOST_CHART } from "../versions";
import { OpenCostArgs, OpenCostPricesArgs } from "./args";
import { openCostImageValues, openCostValues } from "./values";

/** What the MonitoringStack tells OpenCost: where it runs and which Prometheus it reads. */
export interface OpenCostContext {
  /** The MonitoringStack's name: the chart resource is `<name>-opencost`, its objects `<name>-opencost`. */
  owner: string;
  /** The monitoring namespace OpenCost runs in (the MonitoringStack owns it). */
  namespace: string;
  /** Prometheus' Service in that namespace and its port. */
  prometheus: { serviceName: string; port: number };
  clusterMirror: string | undefined;
  /** The cluster's name: OpenCost's cluster id. */
  clusterName: string;
}

/** The chart install and our PodDisruptionBudget; `undefined` when OpenCost is switched off. */
export interface OpenCostPlan {
  operator: OperatorPlan;
  /** In-cluster URL of OpenCost's cost API. */
  apiUrl: string;
}

const API_PORT = 9003;
// The chart's own memory limit (1Gi): allocation queries over many pods need more than a "small" preset.
const EXPORTER_RESOURCES: ResourcesSpec = { requests: { cpu: "100m", memory: "512Mi", ephemeralStorage: "64Mi" }, limits: { cpu: "1", memory: "1Gi", ephemeralStorage: "1Gi" } };

function checkPrices(site: InputSite, prices: unknown): OpenCostPricesArgs | undefined {
  if (prices === undefined) return undefined;
  if (typeof prices !== "object" || prices === null) return fail(site, "opencost.customPricing", prices, "must be { cpu, memory, storage }", "monthly prices per core, GiB of memory and GiB of disk");
  const p = prices as Record<string, unknown>;
  const price = (field: keyof OpenCostPricesArgs) => checkNumber(site, `opencost.customPricing.${field}`, p[field], { min: 0, integer: false });
  return { cpu: price("cpu"), memory: price("memory"), storage: price("storage") };
}

/** Core validates the chart overrides at `chart.*`; here they live at `opencost.chart.*`. */
function withOpenCostPaths<T>(plan: () => T): T {
  try {
    return plan();
  } catch (err) {
    if (err instanceof SlipwayInputError && err.path.startsWith("chart")) throw new SlipwayInputError(err.site, `opencost.${err.path}`, err.value, err.problem, err.hint);
    throw err;
  }
}

/** Validates `opencost` (true, false or its args) and plans the chart into the monitoring namespace. */
export function planOpenCost(site: InputSite, value: boolean | OpenCostArgs | undefined, context: OpenCostContext): OpenCostPlan | undefined {
  if (value === false) return undefined;
  if (value !== undefined && value !== true && (typeof value !== "object" || value === null || Array.isArray(value))) {
    return fail(site, "opencost", value, "must be true, false or OpenCost's settings", "e.g. { replicas: 2, customPricing: { cpu: 20, memory: 2.5, storage: 0.1 } }");
  }
  const args: OpenCostArgs = value === true || value === undefined ? {} : value;
  const replicas = checkNumber(site, "opencost.replicas", args.replicas ?? 2, { min: 1, max: 10 });
  const ui = args.ui ?? false;
  if (typeof ui !== "boolean") fail(site, "opencost.ui", ui, "must be true or false");
  if (args.resources !== undefined && (typeof args.resources !== "object" || args.resources === null)) fail(site, "opencost.resources", args.resources, "must be { exporter?, ui? }");
  const resources = {
    exporter: buildResources(site, "opencost.resources.exporter", DEFAULT_PROFILE, args.resources?.exporter ?? EXPORTER_RESOURCES),
    ui: buildResources(site, "opencost.resources.ui", DEFAULT_PROFILE, args.resources?.ui ?? "micro"),
  };
  const fullname = `${context.owner}-opencost`;
  // The chart's selector labels: its name and the release (the chart resource's name).
  const selector = { "app.kubernetes.io/name": "opencost", "app.kubernetes.io/instance": fullname };
  const values = openCostValues({
    fullname,
    replicas,
    selector,
    prometheus: { ...context.prometheus, namespace: context.namespace },
    clusterId: context.clusterName,
    ui,
    resources,
    customPricing: checkPrices(site, args.customPricing),
  });
  const pdb: Manifest[] =
    replicas > 1
      ? [
          {
            apiVersion: "policy/v1",
            kind: "PodDisruptionBudget",
            metadata: {
              name: fullname,
              namespace: context.namespace,
              labels: standardLabels({ name: "opencost", instance: fullname, component: "cost", partOf: "slipway" }),
              // The chart renders the pods it protects, so L5 does not look for them among ours.
              annotations: { [CHART_BACKEND_ANNOTATION]: "opencost" },
            },
            spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: selector } },
          },
        ]
      : [];
  const operator = withOpenCostPaths(() =>
    planOperator(site, {
      namespace: { existing: context.namespace },
      chart: { source: OPENCOST_CHART, release: "opencost", values, imageValues: openCostImageValues },
      overrides: args.chart,
      clusterMirror: context.clusterMirror,
      customResources: pdb,
    }),
  );
  return { operator, apiUrl: `http://${fullname}.${context.namespace}.svc.cluster.local:${API_PORT}` };
}
