import { SINGLE_REPLICA_ANNOTATION } from "@slipway/core";
import { objectCheck } from "../define";
import { isKind, record } from "../objects";
import { podTemplateOf, servingContainersOf } from "../pods";

function isZero(value: unknown): boolean {
  return value === 0 || value === "0%" || value === "0";
}

/** A one-replica Deployment whose single-replica reason is stated (the R5 exception): two must never run at once, so Recreate is right. */
function isNamedSingleton(m: { spec?: unknown; metadata: { annotations?: unknown } }): boolean {
  const reason = record(m.metadata.annotations)[SINGLE_REPLICA_ANNOTATION];
  return record(m.spec).replicas === 1 && typeof reason === "string" && reason.trim() !== "";
}

export const rollout = objectCheck(
  {
    id: "R10",
    title: "Rolling updates with zero unavailable pods, a revision history, and a preStop pause",
    tools: ["KL:no-rolling-update-strategy", "KS:deployment-strategy"],
  },
  (m, report) => {
    const spec = record(m.spec);
    if (isKind(m, "Deployment", ["apps"])) {
      const strategy = record(spec.strategy);
      const rolling = record(strategy.rollingUpdate);
      if (strategy.type === "Recreate" && isNamedSingleton(m)) {
        // A stated singleton: a surge pod would be a second instance.
      } else if (strategy.type !== undefined && strategy.type !== "RollingUpdate") {
        report(m, "spec.strategy.type", `is ${String(strategy.type)}`, "use RollingUpdate so old pods serve until new ones are ready");
      } else if (!isZero(rolling.maxUnavailable)) {
        report(m, "spec.strategy.rollingUpdate.maxUnavailable", `is ${String(rolling.maxUnavailable ?? "unset (25%)")}`, "set maxUnavailable: 0 and surge new pods instead");
      } else if (isZero(rolling.maxSurge)) {
        report(m, "spec.strategy.rollingUpdate.maxSurge", "is 0 with maxUnavailable 0, so a rollout cannot progress", "set maxSurge: 1 (or a percentage)");
      }
    } else if (isKind(m, "StatefulSet", ["apps"])) {
      const type = record(spec.updateStrategy).type;
      if (type !== undefined && type !== "RollingUpdate") report(m, "spec.updateStrategy.type", `is ${String(type)}`, "use RollingUpdate");
    } else {
      return;
    }
    if (typeof spec.revisionHistoryLimit === "number" && spec.revisionHistoryLimit < 1) {
      report(m, "spec.revisionHistoryLimit", `is ${spec.revisionHistoryLimit}, leaving nothing to roll back to`, "keep a few revisions, e.g. revisionHistoryLimit: 5");
    }
    const pod = podTemplateOf(m);
    for (const ref of pod ? servingContainersOf(pod) : []) {
      if (record(ref.container.lifecycle).preStop === undefined) {
        report(m, `${ref.path}.lifecycle.preStop`, "is missing, so the pod stops before endpoints drain", "add a preStop pause, e.g. lifecycle.preStop.sleep.seconds: 5");
      }
    }
  },
);
