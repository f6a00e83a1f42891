import { SINGLE_REPLICA_ANNOTATION, type Manifest } from "@slipway/core";
import { stackCheck } from "../define";
import { list, namespaceOf, record, text } from "../objects";
import { isReplicatedServer, podTemplateOf, servingContainersOf } from "../pods";
import { selectorMatches } from "../selectors";
import { indexOf, StackIndex } from "../stack-index";

const HOSTNAME = "kubernetes.io/hostname";

/** SINGLE_REPLICA_ANNOTATION records why a workload runs one replica: the named exception to R5 (an empty reason does not count). */
export { SINGLE_REPLICA_ANNOTATION };

/** Deployments and StatefulSets with a serving container. */
function servers(index: StackIndex): Manifest[] {
  return index.view.manifests.filter((m) => {
    const pod = isReplicatedServer(m) ? podTemplateOf(m) : undefined;
    return pod !== undefined && servingContainersOf(pod).length > 0;
  });
}

/** Deployments and StatefulSets running more than one pod. */
function multiReplica(index: StackIndex): Manifest[] {
  return index.view.manifests.filter((m) => isReplicatedServer(m) && index.effectiveReplicas(m) > 1);
}

/** PDBs in the workload's namespace whose selector matches its pods (a missing selector matches nothing in policy/v1). */
function pdbsFor(index: StackIndex, workload: Manifest): Manifest[] {
  const labels = podTemplateOf(workload)?.labels ?? {};
  return index.inNamespace("PodDisruptionBudget", namespaceOf(workload)).filter((pdb) => {
    const selector = record(pdb.spec).selector;
    return selector !== undefined && selector !== null && selectorMatches(selector, labels);
  });
}

export const replicas = stackCheck(
  {
    id: "R5",
    title: "Serving workloads run at least 2 replicas; spec.replicas omitted when an HPA owns it",
    tools: ["KS:deployment-targeted-by-hpa-does-not-have-replicas-configured", "PO:deploymentMissingReplicas"],
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const workload of servers(index)) {
      const spec = record(workload.spec);
      if (index.hpaFor(workload)) {
        if (spec.replicas !== undefined) report(workload, "spec.replicas", "is set although an HPA owns the replica count", "omit spec.replicas so rollouts do not fight the HPA");
        continue;
      }
      const count = spec.replicas ?? 1;
      const reason = record(workload.metadata.annotations)[SINGLE_REPLICA_ANNOTATION];
      if (count === 1 && typeof reason === "string" && reason.trim() !== "") continue;
      if (typeof count === "number" && count < 2) report(workload, "spec.replicas", `is ${count}`, "run at least 2 replicas, or let an HPA with minReplicas >= 2 own it");
    }
  },
);

export const disruptionBudgets = stackCheck(
  {
    id: "R6",
    title: "A PodDisruptionBudget for every multi-replica Deployment and StatefulSet",
    tools: ["KS:deployment-has-poddisruptionbudget", "KS:statefulset-has-poddisruptionbudget", "PO:missingPodDisruptionBudget"],
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const workload of multiReplica(index)) {
      if (pdbsFor(index, workload).length === 0) {
        const pod = podTemplateOf(workload);
        report(workload, `${pod?.metadataPath ?? "spec.template.metadata"}.labels`, "no PodDisruptionBudget selects these pods", "add a PodDisruptionBudget with maxUnavailable: 1");
      }
    }
  },
);

function isZero(value: unknown): boolean {
  return value === 0 || value === "0%" || value === "0";
}

export const budgetPolicy = stackCheck(
  {
    id: "R7",
    title: "PodDisruptionBudgets allow a disruption and evict unhealthy pods",
    tools: ["KL:pdb-max-unavailable", "KL:pdb-min-available", "KL:pdb-unhealthy-pod-eviction-policy", "KS:poddisruptionbudget-has-policy", "PO:pdbDisruptionsIsZero"],
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const pdb of index.byKind("PodDisruptionBudget")) {
      const spec = record(pdb.spec);
      if (spec.unhealthyPodEvictionPolicy !== "AlwaysAllow") {
        report(pdb, "spec.unhealthyPodEvictionPolicy", `is ${text(spec.unhealthyPodEvictionPolicy) ?? "unset"}`, "set unhealthyPodEvictionPolicy: AlwaysAllow so stuck pods never block node drains");
      }
      if (isZero(spec.maxUnavailable)) report(pdb, "spec.maxUnavailable", "allows no disruption", "use maxUnavailable: 1");
      const min = spec.minAvailable;
      if (min === "100%") report(pdb, "spec.minAvailable", "allows no disruption", "use maxUnavailable: 1");
      if (typeof min === "number") {
        for (const workload of workloadsSelectedBy(index, pdb)) {
          const count = index.effectiveReplicas(workload);
          if (count <= min) report(pdb, "spec.minAvailable", `(${min}) leaves no disruption for the ${count} replica(s) it selects`, "use maxUnavailable: 1");
        }
      }
    }
  },
);

/** The Deployments and StatefulSets a PDB selects. */
function workloadsSelectedBy(index: StackIndex, pdb: Manifest): Manifest[] {
  const selector = record(pdb.spec).selector;
  if (selector === undefined || selector === null) return [];
  return index
    .podsIn(namespaceOf(pdb))
    .filter((pod) => isReplicatedServer(pod.owner) && selectorMatches(selector, pod.labels))
    .map((pod) => pod.owner);
}

/** True when a spread constraint or anti-affinity term spreads these pods across hosts. */
function spreadsAcrossHosts(podSpec: Record<string, unknown>, labels: Record<string, string>): boolean {
  const terms = [
    ...list(podSpec.topologySpreadConstraints),
    ...list(record(record(podSpec.affinity).podAntiAffinity).requiredDuringSchedulingIgnoredDuringExecution),
    ...list(record(record(podSpec.affinity).podAntiAffinity).preferredDuringSchedulingIgnoredDuringExecution).map((t) => record(t).podAffinityTerm),
  ].map(record);
  return terms.some((term) => term.topologyKey === HOSTNAME && term.labelSelector !== undefined && selectorMatches(term.labelSelector, labels));
}

export const spread = stackCheck(
  {
    id: "R8",
    title: "Multi-replica workloads spread across hosts",
    tools: ["KS:deployment-has-host-podantiaffinity", "KS:statefulset-has-host-podantiaffinity", "KS:pod-topology-spread-constraints", "KL:no-anti-affinity", "PO:topologySpreadConstraint"],
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const workload of multiReplica(index)) {
      const pod = podTemplateOf(workload);
      if (pod && !spreadsAcrossHosts(pod.spec, pod.labels)) {
        report(workload, `${pod.specPath}.topologySpreadConstraints`, "nothing spreads the replicas across hosts", `add a topologySpreadConstraint on ${HOSTNAME} (and topology.kubernetes.io/zone where nodes carry it) selecting the pods`);
      }
    }
  },
);

export const autoscalers = stackCheck(
  {
    id: "R9",
    title: "HPAs target an existing workload with minReplicas >= 2 and maxReplicas > minReplicas",
    tools: ["KS:horizontalpodautoscaler-has-target", "KS:horizontalpodautoscaler-replicas", "KL:dangling-horizontalpodautoscaler", "PO:hpaMinAvailability", "PO:hpaMaxAvailability"],
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const hpa of index.byKind("HorizontalPodAutoscaler")) {
      const spec = record(hpa.spec);
      const target = record(spec.scaleTargetRef);
      const kind = text(target.kind);
      const name = text(target.name);
      if (kind !== undefined && name !== undefined && !index.find(kind, namespaceOf(hpa), name)) {
        report(hpa, "spec.scaleTargetRef.name", `targets ${kind} "${name}", which the stack does not render`, "point scaleTargetRef at a rendered workload");
      }
      const min = spec.minReplicas ?? 1;
      const max = spec.maxReplicas;
      if (typeof min === "number" && min < 2) report(hpa, "spec.minReplicas", `is ${min}`, "set minReplicas to at least 2 so one pod can fail or drain");
      if (typeof min === "number" && typeof max === "number" && max <= min) {
        report(hpa, "spec.maxReplicas", `(${max}) is not greater than minReplicas (${min})`, "raise maxReplicas above minReplicas, or drop the HPA");
      }
    }
  },
);
