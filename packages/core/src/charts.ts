import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

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
  return new k8s.helm.v4.Chart(name, { ...chartReference(source), version: source.version, namespace: args.namespace, values, skipCrds: false }, opts);
}

function deepMerge(base: pulumi.Inputs, extra: pulumi.Inputs): pulumi.Inputs {
  const out: pulumi.Inputs = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    const bothObjects = typeof value === "object" && value !== null && !Array.isArray(value) && typeof current === "object" && current !== null && !Array.isArray(current) && !pulumi.Output.isInstance(current);
    out[key] = bothObjects ? deepMerge(current as pulumi.Inputs, value as pulumi.Inputs) : value;
  }
  return out;
}
