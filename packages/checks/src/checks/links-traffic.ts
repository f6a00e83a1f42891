import { CANARY_IN_CLUSTER_ANNOTATION, CANARY_WEIGHT_ANNOTATION, type Manifest } from "@slipway/core";
import { stackCheck } from "../define";
import { isRoute } from "../links";
import { annotationsOf, list, namespaceOf, objectRef, record, stringMap, text } from "../objects";
import type { PodTemplate } from "../pods";
import { labelsMatch } from "../selectors";
import { indexOf, StackIndex } from "../stack-index";

function selectedPods(index: StackIndex, svc: Manifest): PodTemplate[] {
  const selector = stringMap(record(svc.spec).selector);
  return Object.keys(selector).length ? index.podsIn(namespaceOf(svc)).filter((p) => labelsMatch(selector, p.labels)) : [];
}

export const trafficSplit = stackCheck(
  { id: "L9", title: "A canary weight holds on every path that reaches the app, or the path is declared", tools: [], cluster: true },
  (stack, report) => {
    const index = indexOf(stack);
    // Through the gateway: weighted backends must reach disjoint pods, or the weights mean nothing.
    for (const route of stack.manifests.filter(isRoute)) {
      list(record(route.spec).rules).forEach((rule, i) => {
        const refs = list(record(rule).backendRefs).map(record);
        if (refs.length < 2) return;
        const owners = new Map<Manifest, number>();
        refs.forEach((ref, j) => {
          const svc = index.find("Service", text(ref.namespace) ?? namespaceOf(route), text(ref.name) ?? "");
          if (!svc) return;
          for (const pod of selectedPods(index, svc)) {
            const first = owners.get(pod.owner);
            if (first !== undefined && first !== j) {
              report(route, `spec.rules[${i}].backendRefs[${j}]`, `reaches ${objectRef(pod.owner)} like backendRefs[${first}] does, so the weights do not split traffic`, "give each weighted backend a Service selecting only its own track's pods");
            }
            owners.set(pod.owner, j);
          }
        });
      });
    }
    // In-cluster: a Service reaching a canary and other pods splits by replica count, not by weight.
    for (const svc of index.byKind("Service")) {
      const pods = selectedPods(index, svc);
      const canary = pods.find((p) => annotationsOf(p.owner)[CANARY_WEIGHT_ANNOTATION] !== undefined);
      if (!canary || pods.every((p) => p.owner === canary.owner) || annotationsOf(svc)[CANARY_IN_CLUSTER_ANNOTATION] === "replica-share") continue;
      const weight = annotationsOf(canary.owner)[CANARY_WEIGHT_ANNOTATION];
      report(svc, "spec.selector", `reaches canary ${objectRef(canary.owner)} (weight ${weight}%) and stable pods alike, so in-cluster calls ignore the weight`, `select one track only, or declare the path with the annotation ${CANARY_IN_CLUSTER_ANNOTATION}: replica-share`);
    }
  },
);
