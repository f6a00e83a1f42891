import { PodArgs } from "../workload/args";

/** How a Job runs its pods to completion. */
export interface RunArgs {
  /** Retries before the Job is marked failed. @default 3 */
  backoffLimit?: number;
  /** Seconds a Job may run before it is stopped, retries included. @default none (no deadline) */
  activeDeadlineSeconds?: number;
  /** Restart a failed container in its pod ("OnFailure") or start a new pod ("Never"). @default "Never" */
  restartPolicy?: "Never" | "OnFailure";
}

/** A one-off task that runs to completion (a migration, a backfill). */
export interface JobArgs extends PodArgs, RunArgs {
  /** Successful pods needed for the Job to complete. @default 1 */
  completions?: number;
  /** Pods running at once. @default 1 */
  parallelism?: number;
  /** Seconds a finished Job is kept before Kubernetes deletes it (a refresh then sees it gone and `up` runs it again). @default none (kept) */
  ttlSecondsAfterFinished?: number;
}

/** A task on a schedule (a nightly report, a cleanup). */
export interface CronJobArgs extends PodArgs, RunArgs {
  /** Cron schedule: minute hour day-of-month month day-of-week, or a macro such as "@daily". @default required */
  schedule: string;
  /** IANA time zone the schedule is read in, e.g. "Europe/Berlin". @default "Etc/UTC" */
  timeZone?: string;
  /** What happens when a run is due while the last one still runs. @default "Forbid" (skip the new run) */
  concurrencyPolicy?: "Allow" | "Forbid" | "Replace";
  /** Seconds after its time a missed run may still start; later ones are skipped. @default 300 */
  startingDeadlineSeconds?: number;
  /** Finished successful Jobs kept. @default 3 */
  successfulJobsHistoryLimit?: number;
  /** Finished failed Jobs kept (for their logs). @default 3 */
  failedJobsHistoryLimit?: number;
  /** Stop scheduling new runs (runs in progress continue). @default false */
  suspend?: boolean;
}
