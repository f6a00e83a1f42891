import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { fail, InputSite } from "./errors";
import { parseImage } from "./images";
import { activeRenderSink } from "./render-sink";
import { checkUrl } from "./validate";

/** A pinned operator chart: where it comes from and which version. */
export interface ChartSource {
  chart: string;
  version: string;
  /** Chart repository URL, or an `oci://` registry. */
  repository: string;
}

/** Overrides for air-gapped sites: a chart mirror, a pinned version, and an image registry mirror. */
export interface ChartOverrides {
  /** A chart repository or OCI registry that mirrors the upstream one. @default upstream */
  repository?: string;
  /** A different chart version. @default the pinned version */
  version?: string;
  /** A registry that mirrors the chart's images (written into the chart's image values). @default upstream */
  imageRegistry?: string;
}

/** Renders `repository` for helm: OCI registries go in the chart reference, HTTP repos in repositoryOpts. */
function chartReference(source: ChartSource): Pick<k8s.helm.v4.ChartArgs, "chart" | "repositoryOpts"> {
  if (source.repository.startsWith("oci://")) return { chart: `${source.repository.replace(/\/+$/, "")}/${source.chart}` };
  return { chart: source.chart, repositoryOpts: { repo: source.repository } };
}

/**
 * Installs a pinned operator chart with `helm.v4.Chart`. Only operators come from charts; what the
 * platform configures on top is rendered as typed resources by our own code.
 */
export function installChart(
  name: string,
  pinned: ChartSource,
  args: { namespace: pulumi.Input<string>; values: pulumi.Inputs; overrides?: ChartOverrides; imageValues?: (registry: string) => pulumi.Inputs },
  opts: pulumi.ComponentResourceOptions,
): k8s.helm.v4.Chart {
  const source: ChartSource = { ...pinned, repository: args.overrides?.repository ?? pinned.repository, version: args.overrides?.version ?? pinned.version };
  const mirror = args.overrides?.imageRegistry;
  const values = mirror && args.imageValues ? deepMerge(args.values, args.imageValues(mirror)) : args.values;
  const chartArgs: k8s.helm.v4.ChartArgs = { ...chartReference(source), version: source.version, namespace: args.namespace, values, skipCrds: false };
  const planned = activeRenderSink()?.chart(CHART_TYPE, name, chartInputs(chartArgs), opts);
  return (planned as k8s.helm.v4.Chart | undefined) ?? new k8s.helm.v4.Chart(name, chartArgs, opts);
}

const CHART_TYPE = "kubernetes:helm.sh/v4:Chart";
/** The inputs `helm.v4.Chart` registers, in its order. */
const CHART_INPUTS = ["chart", "dependencyUpdate", "devel", "includeHooks", "keyring", "name", "namespace", "plainHttp", "postRenderer", "repositoryOpts", "resourcePrefix", "skipAwait", "skipCrds", "valueYamlFiles", "values", "verify", "version"] as const;

function chartInputs(args: k8s.helm.v4.ChartArgs): Record<string, unknown> {
  return Object.fromEntries(CHART_INPUTS.map((key) => [key, args[key]]));
}

/** Chart values `extra` laid over `base`: maps merge key by key, anything else (lists, Outputs) replaces. */
export function deepMerge(base: pulumi.Inputs, extra: pulumi.Inputs): pulumi.Inputs {
  const out: pulumi.Inputs = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    const bothObjects = typeof value === "object" && value !== null && !Array.isArray(value) && typeof current === "object" && current !== null && !Array.isArray(current) && !pulumi.Output.isInstance(current);
    out[key] = bothObjects ? deepMerge(current as pulumi.Inputs, value as pulumi.Inputs) : value;
  }
  return out;
}

/** Fails unless `value` is a registry host with an optional path, e.g. "harbor.internal/mirror". */
export function checkRegistry(site: InputSite, path: string, value: unknown): string {
  const ref = typeof value === "string" && !value.includes("://") ? parseImage(`${value.replace(/\/+$/, "")}/probe:1`) : undefined;
  if (!ref?.registry) return fail(site, path, value, "is not an image registry", 'use a host with an optional path, e.g. "harbor.internal/mirror"');
  return (value as string).replace(/\/+$/, "");
}

const CHART_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$/;

/**
 * Validates chart overrides (at `<path>.*`, normally `chart.*`); the image registry falls back to the
 * cluster's mirror, so air-gapped sites set it once.
 */
export function resolveChartOverrides(site: InputSite, overrides: ChartOverrides | undefined, clusterMirror: string | undefined, path = "chart"): ChartOverrides {
  if (overrides !== undefined && (typeof overrides !== "object" || overrides === null)) fail(site, path, overrides, "must be an object", "e.g. { repository, version, imageRegistry }");
  const resolved: ChartOverrides = { ...overrides };
  if (overrides?.repository !== undefined) checkUrl(site, `${path}.repository`, overrides.repository, ["https:", "http:", "oci:"]);
  if (overrides?.version !== undefined && (typeof overrides.version !== "string" || !CHART_VERSION.test(overrides.version))) {
    fail(site, `${path}.version`, overrides.version, "is not a chart version", 'e.g. "1.18.7"');
  }
  const registry = overrides?.imageRegistry ?? clusterMirror;
  if (registry !== undefined) resolved.imageRegistry = checkRegistry(site, overrides?.imageRegistry !== undefined ? `${path}.imageRegistry` : "cluster.imageMirror", registry);
  return resolved;
}
