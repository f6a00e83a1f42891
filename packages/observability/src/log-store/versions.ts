import { ChartSource } from "@slipway/core";

/** The OpenSearch operator chart (operator 3.x, the opensearch.org API group); renders its CRDs too. */
export const OPENSEARCH_OPERATOR_CHART: ChartSource = {
  chart: "opensearch-operator",
  version: "3.0.2",
  repository: "https://opensearch-project.github.io/opensearch-k8s-operator/",
};

/** The OpenSearch and OpenSearch Dashboards release the cluster runs (operator 3.0 supports 2.x and 3.x). */
export const OPENSEARCH_VERSION = "2.19.1";
