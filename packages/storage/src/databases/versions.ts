import { ChartSource } from "@slipway/core";

/** The CloudNativePG operator chart (operator 1.30; renders its CRDs too). The PostgreSQL images are pinned beside the preset in @slipway/apps. */
export const CLOUDNATIVE_PG_CHART: ChartSource = {
  chart: "cloudnative-pg",
  version: "0.29.0",
  repository: "https://cloudnative-pg.github.io/charts",
};
