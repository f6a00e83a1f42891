import { ChartOverrides, checkUrl, fail, InputSite, parseImage } from "@slipway/core";

/** Fails unless `value` is a registry host with an optional path, e.g. "harbor.internal/mirror". */
export function checkRegistry(site: InputSite, path: string, value: unknown): string {
  const ref = typeof value === "string" && !value.includes("://") ? parseImage(`${value.replace(/\/+$/, "")}/probe:1`) : undefined;
  if (!ref?.registry) return fail(site, path, value, "is not an image registry", 'use a host with an optional path, e.g. "harbor.internal/mirror"');
  return (value as string).replace(/\/+$/, "");
}

const CHART_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$/;

/** Validates chart overrides; the image registry falls back to the cluster's mirror (air-gapped sites set it once). */
export function resolveChartOverrides(site: InputSite, overrides: ChartOverrides | undefined, clusterMirror: string | undefined): ChartOverrides {
  if (overrides !== undefined && (typeof overrides !== "object" || overrides === null)) fail(site, "chart", overrides, "must be an object", "e.g. { repository, version, imageRegistry }");
  const resolved: ChartOverrides = { ...overrides };
  if (overrides?.repository !== undefined) checkUrl(site, "chart.repository", overrides.repository, ["https:", "http:", "oci:"]);
  if (overrides?.version !== undefined && (typeof overrides.version !== "string" || !CHART_VERSION.test(overrides.version))) {
    fail(site, "chart.version", overrides.version, "is not a chart version", 'e.g. "75.15.1"');
  }
  const registry = overrides?.imageRegistry ?? clusterMirror;
  if (registry !== undefined) resolved.imageRegistry = checkRegistry(site, overrides?.imageRegistry !== undefined ? "chart.imageRegistry" : "cluster.imageMirror", registry);
  return resolved;
}
