import { checkNumber, checkOneOf, DefaultsProfile, fail, InputSite, Manifest } from "@slipway/core";
import { PodPlan, PodTemplate, planPod, workloadMetadata } from "../workload/plan";
import { CronJobArgs, JobArgs, RunArgs } from "./args";
import { checkSchedule, checkTimeZone } from "./schedule";

/** Everything a Job or CronJob renders, plus the facts its outputs are made of. */
export interface JobPlan {
  objects: Manifest[];
  namespace: string;
  /** The Job's or CronJob's name. */
  name: string;
  serviceAccountName: string;
  /** Labels selecting the task's pods (for NetworkPolicies). */
  podSelector: Record<string, string>;
}

/** The Job spec both kinds share: retries, deadline, and a pod that runs to completion. */
function jobSpec(site: InputSite, args: RunArgs, built: PodTemplate, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const restartPolicy = checkOneOf(site, "restartPolicy", args.restartPolicy ?? "Never", ["Never", "OnFailure"] as const);
  return {
    backoffLimit: checkNumber(site, "backoffLimit", args.backoffLimit ?? 3, { min: 0, max: 100 }),
    ...(args.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: checkNumber(site, "activeDeadlineSeconds", args.activeDeadlineSeconds, { min: 1 }) } : {}),
    ...extra,
    template: { ...built.template, spec: { ...built.template.spec, restartPolicy } },
  };
}

/** The pod side of a task: no Service, no probes demanded, no preStop pause, never spread like replicas. */
function taskPod(site: InputSite, args: JobArgs | CronJobArgs, stack: DefaultsProfile, component: string, nameMax: number): { pod: PodPlan; built: PodTemplate } {
  const pod = planPod(site, args, stack, { component, nameMax, batch: true });
  return { pod, built: pod.template("spec", args.image, { spread: false }) };
}

function done(pod: PodPlan, workload: Manifest): JobPlan {
  return { objects: [...pod.objects, workload], namespace: pod.meta.namespace, name: pod.meta.name, serviceAccountName: pod.meta.name, podSelector: pod.selector };
}

/** The pure plan of a Job: a run-to-completion pod with its ServiceAccount and config, kept until deleted unless a TTL is set. */
export function planJob(site: InputSite, args: JobArgs, stack: DefaultsProfile): JobPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const { pod, built } = taskPod(site, args, stack, "job", 63);
  const completions = checkNumber(site, "completions", args.completions ?? 1, { min: 1, max: 10000 });
  const parallelism = checkNumber(site, "parallelism", args.parallelism ?? 1, { min: 1, max: 1000 });
  if (parallelism > completions) fail(site, "parallelism", parallelism, `is above completions (${completions})`, "pods beyond the completions would never run");
  const ttl = args.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: checkNumber(site, "ttlSecondsAfterFinished", args.ttlSecondsAfterFinished, { min: 0 }) } : {};
  return done(pod, {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: workloadMetadata(pod.meta, built),
    spec: jobSpec(site, args, built, { completions, parallelism, ...ttl }),
  });
}

/** The pure plan of a CronJob: a validated schedule in a named time zone, no overlapping runs by default. */
export function planCronJob(site: InputSite, args: CronJobArgs, stack: DefaultsProfile): JobPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  // The controller appends 11 characters to name each Job, which must stay a 63-character label.
  const { pod, built } = taskPod(site, args, stack, "cronjob", 52);
  const schedule = checkSchedule(site, "schedule", args.schedule);
  const timeZone = checkTimeZone(site, "timeZone", args.timeZone ?? "Etc/UTC");
  const concurrencyPolicy = checkOneOf(site, "concurrencyPolicy", args.concurrencyPolicy ?? "Forbid", ["Allow", "Forbid", "Replace"] as const);
  const startingDeadlineSeconds = checkNumber(site, "startingDeadlineSeconds", args.startingDeadlineSeconds ?? 300, { min: 10 });
  const history = (field: "successfulJobsHistoryLimit" | "failedJobsHistoryLimit") => checkNumber(site, field, args[field] ?? 3, { min: 0, max: 100 });
  if (args.suspend !== undefined && typeof args.suspend !== "boolean") fail(site, "suspend", args.suspend, "must be true or false");
  return done(pod, {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: workloadMetadata(pod.meta, built),
    spec: {
      schedule,
      timeZone,
      concurrencyPolicy,
      startingDeadlineSeconds,
      successfulJobsHistoryLimit: history("successfulJobsHistoryLimit"),
      failedJobsHistoryLimit: history("failedJobsHistoryLimit"),
      suspend: args.suspend ?? false,
      jobTemplate: { metadata: { labels: pod.meta.labels }, spec: jobSpec(site, args, built) },
    },
  });
}
