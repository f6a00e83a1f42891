export { checkCron } from "./cron";
export { checkBackupPolicy, DEFAULT_BACKUP_POLICY, goDuration } from "./policy";
export type { BackupPolicy, BackupPolicyArgs, BackupsHandle } from "./policy";
export { planSchedule } from "./schedule";
export type { ScheduleTarget } from "./schedule";
