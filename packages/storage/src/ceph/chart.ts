import * as pulumi from "@pulumi/pulumi";
import { ChartOverrides, checkUrl, fail, InputSite, parseImage } from "@slipway/core";

/** Fails unless `value` is a registry host with an optional path, e.g. "harbor.internal/mirror". */
export function checkRegistry(site: InputSite, path: string, value: unknown): string {
  const ref = typeof value === "string" && !value.includes("://") ? parseImage(`${value.replace(/\/+$/, "")}/probe:1`) : undefined;
  if (!ref?.registry) return fail(site, path, value, "is not an image registry", 'use a host with an optional path, e.g. "harbor.internal/mirror"');
  return (value as string).replace(/\/+$/, "");
}

/** Validates chart overrides; the image registry falls back to the cluster's mirror. */
export function resolveChartOverrides(site: InputSite, overrides: ChartOverrides | undefined, clusterMirror: string | undefined): ChartOverrides {
  const resolved: ChartOverrides = { ...overrides };
  if (overrides?.repository !== undefined) checkUrl(site, "chart.repository", overrides.repository, ["https:", "http:", "oci:"]);
  if (overrides?.version !== undefined && (typeof overrides.version !== "string" || !/^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$/.test(overrides.version))) {
    fail(site, "chart.version", overrides.version, "is not a chart version", 'e.g. "v1.18.7"');
  }
  const registry = overrides?.imageRegistry ?? clusterMirror;
  if (registry !== undefined) resolved.imageRegistry = checkRegistry(site, overrides?.imageRegistry !== undefined ? "chart.imageRegistry" : "cluster.imageMirror", registry);
  return resolved;
}

/** The rook-ceph chart's image values, pointed at a mirror that keeps upstream repository paths. */
export function rookImageValues(registry: string): pulumi.Inputs {
  const sidecar = (image: string) => ({ repository: `${registry}/sig-storage/${image}` });
  return {
    image: { repository: `${registry}/rook/ceph` },
    csi: {
      cephcsi: { repository: `${registry}/cephcsi/cephcsi` },
      registrar: sidecar("csi-node-driver-registrar"),
      provisioner: sidecar("csi-provisioner"),
      snapshotter: sidecar("csi-snapshotter"),
      attacher: sidecar("csi-attacher"),
      resizer: sidecar("csi-resizer"),
    },
  };
}
