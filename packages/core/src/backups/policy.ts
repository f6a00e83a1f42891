import * as pulumi from "@pulumi/pulumi";
import { InputSite, fail } from "../errors";
import { checkDuration } from "../validate";
import { checkCron } from "./cron";

/** When a tenant's namespace is backed up and how long each backup is kept. */
export interface BackupPolicyArgs {
  /** When backups run: five cron fields in UTC, "@daily", or "@every 6h". @default the platform's (Backups `defaults.schedule`, "0 2 * * *") */
  schedule?: string;
  /** How long Velero keeps each backup before deleting it (and its snapshots): "720h", "30d", "12w". @default the platform's (Backups `defaults.retention`, "720h") */
  retention?: string;
}

/** A validated policy: the cron text and the retention as Velero's Go duration ("720h0m0s"). */
export interface BackupPolicy {
  schedule: string;
  retention: string;
}

/** The platform default when neither the tenant nor the Backups component says otherwise: nightly at 02:00 UTC, kept 30 days. */
export const DEFAULT_BACKUP_POLICY: BackupPolicy = { schedule: "0 2 * * *", retention: "720h0m0s" };

const HOUR = 3600;
/** Ten years: beyond that a backup is an archive, which Velero is not. */
const MAX_RETENTION = 10 * 365 * 24 * HOUR;

/** Seconds as a Go duration, the form Velero's `ttl` takes: 2592000 -> "720h0m0s". */
export function goDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / HOUR)}h${Math.floor((whole % HOUR) / 60)}m${whole % 60}s`;
}

/** Validates a policy at `path`, filling what it leaves out from `fallback`. */
export function checkBackupPolicy(site: InputSite, path: string, value: unknown, fallback: BackupPolicy): BackupPolicy {
  if (value === undefined) return fallback;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fail(site, path, value, "must be an object", '{ schedule: "0 2 * * *", retention: "720h" }, or false for no backups');
  const policy = value as BackupPolicyArgs;
  const schedule = policy.schedule === undefined ? fallback.schedule : checkCron(site, `${path}.schedule`, policy.schedule);
  if (policy.retention === undefined) return { schedule, retention: fallback.retention };
  const seconds = checkDuration(site, `${path}.retention`, policy.retention, { maxSeconds: MAX_RETENTION });
  if (seconds < HOUR) fail(site, `${path}.retention`, policy.retention, "is shorter than an hour, so a backup could expire before the next one runs", 'keep backups at least a day, e.g. "168h"');
  return { schedule, retention: goDuration(seconds) };
}

/** What a Tenant needs from the platform's backups to schedule its own. */
export interface BackupsHandle {
  /** Velero's namespace: Schedules live there. */
  readonly backupNamespace: string;
  /** The BackupStorageLocation backups are written to. */
  readonly storageLocation: string;
  /** The policy of tenants that set none. */
  readonly defaults: BackupPolicy;
  /** What Schedules wait for (Velero's chart and its CRDs), when it is in the same program. */
  readonly ready?: pulumi.Resource;
}
