import { inputErrorMismatches, podsOf, Reachability, render, renderError, Rendered } from "@slipway/testing";
import { AppService, CronJob, CronJobArgs, Job, JobArgs, Tenant, Worker, WorkerArgs } from "@slipway/apps";
import { at, CRD_DIR, SHOP } from "./support";

const image = "ghcr.io/acme/payments:2.1.0";
const TENANT = { ...SHOP, profile: { size: "large" as const } };

describe("Worker", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(() => new Worker("settler", { tenant: TENANT, image, command: ["settle"], metrics: { port: 9090 } }));
  });

  it("runs a Deployment with no Service, its own ServiceAccount and a PDB for its two replicas", () => {
    expect(r.filter("Service")).toEqual([]);
    const deployment = r.find("Deployment", "settler", "shop");
    expect(at(deployment, "spec.replicas")).toBe(2);
    expect(at(deployment, "spec.template.spec.serviceAccountName")).toBe("settler");
    expect(r.find("ServiceAccount", "settler", "shop").automountServiceAccountToken).toBe(false);
    expect(at(r.find("PodDisruptionBudget", "settler", "shop"), "spec.selector.matchLabels")).toEqual({ "app.kubernetes.io/name": "settler", "app.kubernetes.io/instance": "settler" });
  });

  it("carries the tenant's profile and part-of label, like an AppService", () => {
    const deployment = r.find("Deployment", "settler", "shop");
    expect(deployment.metadata.labels).toMatchObject({ "app.kubernetes.io/part-of": "shop", "app.kubernetes.io/component": "worker", "app.kubernetes.io/managed-by": "slipway" });
    expect(at(deployment, "spec.template.spec.containers", 0, "resources", "requests", "memory")).toBe("1Gi");
    expect(at(deployment, "spec.template.spec.securityContext")).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
  });

  it("is scraped through a PodMonitor on its metrics port", () => {
    expect(at(r.find("PodMonitor", "settler", "shop"), "spec.podMetricsEndpoints")).toEqual([{ port: "metrics", path: "/metrics", interval: "30s", scheme: "http" }]);
    expect(at(r.find("Deployment", "settler", "shop"), "spec.template.spec.containers", 0, "ports")).toEqual([{ name: "metrics", containerPort: 9090, protocol: "TCP" }]);
    expect(r.find("NetworkPolicy", "settler-from-monitoring", "shop").spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "settler", "app.kubernetes.io/instance": "settler" } },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }], ports: [{ protocol: "TCP", port: 9090 }] }],
    });
  });

  it("validates against the schemas and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });

  it("passes every check without a metrics port (no probes to demand)", async () => {
    const plain = await render(() => new Worker("poller", { tenant: SHOP, image }));
    expect(at(plain.find("Deployment", "poller", "shop"), "spec.template.spec.containers", 0, "readinessProbe")).toBeUndefined();
    expect(plain.check()).toEqual([]);
  });
});

describe("Job and CronJob", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(() => {
      new Job("migrate", { tenant: SHOP, image, command: ["migrate"], completions: 3, parallelism: 2, ttlSecondsAfterFinished: 600, activeDeadlineSeconds: 900 });
      new CronJob("nightly-report", { tenant: SHOP, image, command: ["report"], schedule: "30 2 * * *", timeZone: "Europe/Berlin" });
    });
  });

  it("runs a Job to completion with retries, no preStop pause and no probes", () => {
    const job = r.find("Job", "migrate", "shop");
    expect(job.spec).toMatchObject({ backoffLimit: 3, completions: 3, parallelism: 2, ttlSecondsAfterFinished: 600, activeDeadlineSeconds: 900 });
    const pod = at(job, "spec.template.spec");
    expect(pod.restartPolicy).toBe("Never");
    expect(pod.containers[0].lifecycle).toBeUndefined();
    expect(pod.containers[0].readinessProbe).toBeUndefined();
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(at(job, "spec.selector")).toBeUndefined();
  });

  it("schedules a CronJob in a named time zone, never overlapping, with bounded history", () => {
    expect(r.find("CronJob", "nightly-report", "shop").spec).toMatchObject({
      schedule: "30 2 * * *",
      timeZone: "Europe/Berlin",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      suspend: false,
    });
    const pod = at(r.find("CronJob", "nightly-report", "shop"), "spec.jobTemplate.spec.template.spec");
    expect(pod.containers[0].lifecycle).toBeUndefined();
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(at(r.find("CronJob", "nightly-report", "shop"), "spec.jobTemplate.spec.template.metadata.labels")).toMatchObject({ "app.kubernetes.io/part-of": "shop", "app.kubernetes.io/component": "cronjob" });
  });

  it("validates against the schemas and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });
});

describe("tasks and workers in connections", () => {
  it("call out with connectTo, and only where connected", async () => {
    const r = await render(() => {
      const shop = new Tenant("shop");
      const api = new AppService("api", { tenant: shop, image, port: 8080 });
      const db = new AppService("db", { tenant: shop, image, port: 5432 });
      new Worker("settler", { tenant: shop, image }).connectTo(api);
      new CronJob("report", { tenant: shop, image, schedule: "@daily" }).connectTo(db);
    });
    const net = new Reachability(r.manifests());
    const pods = podsOf(r.manifests());
    const pod = (workload: string) => pods.find((p) => p.workload === workload)!;
    expect(net.allows(pod("Deployment/settler"), pod("Deployment/api"), "http")).toBe(true);
    expect(net.allows(pod("Deployment/settler"), pod("Deployment/db"), "http")).toBe(false);
    expect(net.allows(pod("CronJob/report"), pod("Deployment/db"), "http")).toBe(true);
    expect(net.allows(pod("CronJob/report"), pod("Deployment/api"), "http")).toBe(false);
    expect(r.check()).toEqual([]);
  });

  it("refuses to make a worker or a task a target: they serve no port", async () => {
    const error = await renderError(() => {
      const api = new AppService("api", { tenant: SHOP, image, port: 8080 });
      new Worker("settler", { tenant: SHOP, image }).allowFrom(api);
    });
    expect(inputErrorMismatches(error, { component: "Connection", name: "api-to-settler", field: "target", shown: 'Worker \\"settler\\"' })).toEqual([]);
  });
});

const worker: WorkerArgs = { tenant: SHOP, image };
const job: JobArgs = { tenant: SHOP, image };
const cron: CronJobArgs = { tenant: SHOP, image, schedule: "0 3 * * *" };

/** Bad inputs: [case, component, name, make, field, value shown]. */
const cases: [string, string, string, (name: string) => unknown, string, string][] = [
  ["worker given a port", "Worker", "w", (n) => new Worker(n, { ...worker, port: 8080 } as WorkerArgs), "port", "8080"],
  ["worker replicas with scale", "Worker", "w", (n) => new Worker(n, { ...worker, replicas: 2, scale: { min: 2, max: 4 } }), "replicas", "2"],
  ["worker metrics port out of range", "Worker", "w", (n) => new Worker(n, { ...worker, metrics: { port: 70000 } }), "metrics.port", "70000"],
  ["worker without tenant", "Worker", "w", (n) => new Worker(n, { image }), "tenant", "undefined"],
  ["worker runAs root", "Worker", "w", (n) => new Worker(n, { ...worker, runAs: { user: 0, group: 10001 } }), "runAs.user", "0"],
  ["job parallelism above completions", "Job", "j", (n) => new Job(n, { ...job, completions: 1, parallelism: 2 }), "parallelism", "2"],
  ["job negative backoff", "Job", "j", (n) => new Job(n, { ...job, backoffLimit: -1 }), "backoffLimit", "-1"],
  ["job restart always", "Job", "j", (n) => new Job(n, { ...job, restartPolicy: "Always" as "Never" }), "restartPolicy", '"Always"'],
  ["job latest image", "Job", "j", (n) => new Job(n, { ...job, image: "busybox:latest" }), "spec.containers[0].image", "latest"],
  ["cron without schedule", "CronJob", "c", (n) => new CronJob(n, { ...cron, schedule: undefined as unknown as string }), "schedule", "undefined"],
  ["cron with six fields", "CronJob", "c", (n) => new CronJob(n, { ...cron, schedule: "0 0 3 * * *" }), "schedule", '"0 0 3 * * *"'],
  ["cron minute 60", "CronJob", "c", (n) => new CronJob(n, { ...cron, schedule: "60 3 * * *" }), "schedule", '"60 3 * * *"'],
  ["cron day of week 7", "CronJob", "c", (n) => new CronJob(n, { ...cron, schedule: "0 3 * * 7" }), "schedule", '"0 3 * * 7"'],
  ["cron backwards range", "CronJob", "c", (n) => new CronJob(n, { ...cron, schedule: "0 5-3 * * *" }), "schedule", '"0 5-3 * * *"'],
  ["cron zero step", "CronJob", "c", (n) => new CronJob(n, { ...cron, schedule: "*/0 * * * *" }), "schedule", '"*/0 * * * *"'],
  ["cron unknown macro", "CronJob", "c", (n) => new CronJob(n, { ...cron, schedule: "@fortnightly" }), "schedule", '"@fortnightly"'],
  ["cron time zone in schedule", "CronJob", "c", (n) => new CronJob(n, { ...cron, schedule: "TZ=Europe/Berlin 0 3 * * *" }), "schedule", "TZ="],
  ["cron unknown time zone", "CronJob", "c", (n) => new CronJob(n, { ...cron, timeZone: "Mars/Olympus" }), "timeZone", '"Mars/Olympus"'],
  ["cron offset as time zone", "CronJob", "c", (n) => new CronJob(n, { ...cron, timeZone: "+02:00" }), "timeZone", '"+02:00"'],
  ["cron Local time zone", "CronJob", "c", (n) => new CronJob(n, { ...cron, timeZone: "Local" }), "timeZone", '"Local"'],
  ["cron bad concurrency policy", "CronJob", "c", (n) => new CronJob(n, { ...cron, concurrencyPolicy: "Skip" as "Forbid" }), "concurrencyPolicy", '"Skip"'],
  ["cron negative history", "CronJob", "c", (n) => new CronJob(n, { ...cron, failedJobsHistoryLimit: -1 }), "failedJobsHistoryLimit", "-1"],
  ["cron starting deadline below 10s", "CronJob", "c", (n) => new CronJob(n, { ...cron, startingDeadlineSeconds: 5 }), "startingDeadlineSeconds", "5"],
  ["cron name above 52 characters", "CronJob", "c".repeat(53), (n) => new CronJob(n, cron), "name", "ccccc"],
];

describe.each(cases)("bad input: %s", (_case, component, name, make, field, shown) => {
  it(`fails with ${component} "${name.slice(0, 8)}" and ${field}`, async () => {
    expect(inputErrorMismatches(await renderError(() => make(name)), { component, name, field, shown })).toEqual([]);
  });
});

describe("valid schedules", () => {
  it.each(["*/15 * * * *", "0 2 * * MON-FRI", "0 0 1,15 * *", "@hourly", "5 4 ? JAN-MAR sun", "0 22 * * 1-5"])("accepts %s", async (schedule) => {
    const r = await render(() => new CronJob("c", { ...cron, schedule }));
    expect(at(r.find("CronJob", "c", "shop"), "spec.schedule")).toBe(schedule);
  });
});
