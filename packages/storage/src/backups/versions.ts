import { ChartSource } from "@slipway/core";

/** The one place the Velero versions are pinned. */

/** The Velero chart (Velero 1.18.1; renders Velero's CRDs from the chart's crds/). */
export const VELERO_CHART: ChartSource = {
  chart: "velero",
  version: "12.1.0",
  repository: "https://vmware-tanzu.github.io/helm-charts",
};

/** The AWS object-store plugin (S3 and S3-compatible stores such as Ceph RGW); v1.14.x pairs with Velero 1.18. */
export const AWS_PLUGIN_IMAGE = "velero/velero-plugin-for-aws:v1.14.4";

/** The UID the Velero and plugin images run as (distroless nonroot). */
export const VELERO_UID = 65532;
