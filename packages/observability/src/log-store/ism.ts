import { fail, InputSite, Manifest } from "@slipway/core";

const AGE = /^[1-9][0-9]*[dh]$/;

export function checkAge(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || !AGE.test(value)) return fail(site, path, value, "is not an index age", 'days or hours, e.g. "14d"');
  return value;
}

/**
 * An index state management policy: indices matching the patterns stay "hot" until `age`, then are
 * deleted. Tenant policies outrank the default one (priority), so each tenant keeps its own retention.
 */
export function ismPolicy(meta: { namespace: string; labels: Record<string, string> }, cluster: string, id: string, patterns: string[], age: string, priority: number): Manifest {
  return {
    apiVersion: "opensearch.org/v1",
    kind: "OpenSearchISMPolicy",
    metadata: { name: id, namespace: meta.namespace, labels: meta.labels },
    spec: {
      opensearchCluster: { name: cluster },
      policyId: id,
      description: `Delete ${patterns.join(", ")} indices after ${age}`,
      defaultState: "hot",
      ismTemplate: { indexPatterns: patterns, priority },
      states: [
        { name: "hot", actions: [], transitions: [{ stateName: "delete", conditions: { minIndexAge: age } }] },
        { name: "delete", actions: [{ delete: {} }], transitions: [] },
      ],
    },
  };
}
