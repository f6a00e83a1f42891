import type { Manifest } from "@slipway/core";
import { groupOf, nameOf, record, stringMap } from "./objects";
import type { StackIndex } from "./stack-index";

/**
 * Labels of the pods an operator makes at run time from a rendered custom resource, as the
 * prometheus-operator writes them on the StatefulSets of a Prometheus or an Alertmanager (its
 * `podMetadata.labels` added). A Service of the chart that fronts them selects these.
 */
const OPERATOR_PODS: Record<string, (name: string) => Record<string, string>> = {
  "monitoring.coreos.com/Prometheus": (name) => ({
    "app.kubernetes.io/name": "prometheus",
    "app.kubernetes.io/managed-by": "prometheus-operator",
    "app.kubernetes.io/instance": name,
    "operator.prometheus.io/name": name,
    "operator.prometheus.io/shard": "0",
    prometheus: name,
  }),
  "monitoring.coreos.com/Alertmanager": (name) => ({
    "app.kubernetes.io/name": "alertmanager",
    "app.kubernetes.io/managed-by": "prometheus-operator",
    "app.kubernetes.io/instance": name,
    alertmanager: name,
  }),
};

/** The label sets of the pods operators will run in `namespace` for the custom resources rendered there. */
export function operatorPodLabels(index: StackIndex, namespace: string): Record<string, string>[] {
  return Object.entries(OPERATOR_PODS).flatMap(([groupKind, labels]) => {
    const kind = groupKind.split("/")[1];
    return index
      .inNamespace(kind, namespace)
      .filter((m: Manifest) => `${groupOf(m)}/${m.kind}` === groupKind)
      .map((m) => ({ ...labels(nameOf(m)), ...stringMap(record(record(m.spec).podMetadata).labels) }));
  });
}
