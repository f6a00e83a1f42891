import { checkBackupPolicy, fail, InputSite, Manifest, planSchedule } from "@slipway/core";
import { TenantArgs } from "./args";

/**
 * The tenant's Velero Schedule, in Velero's namespace: the whole tenant namespace (so every claim of
 * every app in it) on the tenant's schedule, or the platform's. None when `backup: false` or when
 * the platform runs no backups.
 */
export function planTenantBackup(site: InputSite, args: TenantArgs, meta: { name: string; namespace: string; labels: Record<string, string> }): Manifest | undefined {
  if (args.backup === false) return undefined;
  if (!args.backups) {
    if (args.backup !== undefined) fail(site, "backup", args.backup, "is set but the tenant has no backups handle to schedule it with", "pass the platform's Backups as backups, or leave backup out");
    return undefined;
  }
  const policy = checkBackupPolicy(site, "backup", args.backup, args.backups.defaults);
  return planSchedule({ name: meta.name, namespaces: [meta.namespace], labels: meta.labels }, policy, { namespace: args.backups.backupNamespace, storageLocation: args.backups.storageLocation });
}
