import { checkBackupPolicy, checkCron, DEFAULT_BACKUP_POLICY, goDuration, planSchedule, SlipwayInputError } from "@slipway/core";

const SITE = { component: "Tenant", name: "shop" };

describe("backup schedules and retention", () => {
  it.each(["0 2 * * *", "*/15 0-6 1,15 JAN-JUN *", "30 1 * * MON-FRI", "0 */4 * * 0,6", "@daily", "@every 6h30m"])("accepts the schedule %s", (cron) => {
    expect(checkCron(SITE, "backup.schedule", cron)).toBe(cron);
  });

  it.each([
    ["0 2 * *", "has 4 fields, not 5"],
    ["60 2 * * *", 'minute field has "60", outside 0-59'],
    ["0 2 * 13 *", 'month field has "13", outside 1-12'],
    ["0 2 * * SUNDAY", 'day of week field has "SUNDAY", outside 0-6'],
    ["0 2-1 * * *", 'hour field has the backwards range "2-1"'],
  ])("refuses %s: %s", (cron, problem) => {
    expect(() => checkCron(SITE, "backup.schedule", cron)).toThrow(SlipwayInputError);
    expect(() => checkCron(SITE, "backup.schedule", cron)).toThrow(problem);
  });

  it("writes retention as Velero's Go duration and fills what a policy leaves out from the fallback", () => {
    expect(goDuration(30 * 86400)).toBe("720h0m0s");
    expect(goDuration(5400)).toBe("1h30m0s");
    expect(checkBackupPolicy(SITE, "backup", { retention: "2w" }, DEFAULT_BACKUP_POLICY)).toEqual({ schedule: "0 2 * * *", retention: "336h0m0s" });
    expect(checkBackupPolicy(SITE, "backup", undefined, { schedule: "@daily", retention: "24h0m0s" })).toEqual({ schedule: "@daily", retention: "24h0m0s" });
  });

  it("schedules a namespace's backups in Velero's namespace, with CSI snapshots and the retention as ttl", () => {
    const schedule = planSchedule({ name: "shop", namespaces: ["shop"], labels: {} }, { schedule: "@daily", retention: "24h0m0s" }, { namespace: "velero", storageLocation: "default" });
    expect(schedule.metadata).toMatchObject({ name: "shop", namespace: "velero" });
    expect(schedule.spec).toEqual({
      schedule: "@daily",
      useOwnerReferencesInBackup: false,
      template: { includedNamespaces: ["shop"], includeClusterResources: false, snapshotVolumes: true, snapshotMoveData: false, storageLocation: "default", ttl: "24h0m0s" },
    });
  });
});
