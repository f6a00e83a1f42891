import { ChartSource } from "@slipway/core";

/** The one place the Rook and Ceph versions are pinned. */

/** The Rook operator chart (renders Rook's CRDs too). */
export const ROOK_CEPH_CHART: ChartSource = {
  chart: "rook-ceph",
  version: "v1.18.7",
  repository: "https://charts.rook.io/release",
};

/** Ceph Squid, the release Rook v1.18 is built and tested with. */
export const CEPH_IMAGE = "quay.io/ceph/ceph:v19.2.3";

/** Where Ceph daemons keep their state on each host (Rook's documented default). */
export const DATA_DIR_HOST_PATH = "/var/lib/rook";
