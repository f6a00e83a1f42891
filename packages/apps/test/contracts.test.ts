import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { AppService, AppServiceArgs, CronJob, ExternalService, Job, planAppService, planStatefulApp, planWorker, StatefulApp, Worker } from "@slipway/apps";
import { DEFAULT_PROFILE } from "@slipway/core";
import { at, SHOP } from "./support";

const image = "ghcr.io/acme/legacy:3.0.1";

describe("AppService runAs", () => {
  it("runs an image whose user is a name as the given numeric user and group", async () => {
    const r = await render(() => new AppService("legacy", { tenant: SHOP, image, port: 8080, runAs: { user: 10001, group: 10002 } }));
    expect(at(r.find("Deployment", "legacy", "shop"), "spec.template.spec.securityContext")).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10002, fsGroup: 10002 });
    expect(r.check()).toEqual([]);
  });

  it("sets no user when none is given (the image's own user stays)", async () => {
    const r = await render(() => new AppService("plain", { tenant: SHOP, image, port: 8080 }));
    expect(at(r.find("Deployment", "plain", "shop"), "spec.template.spec.securityContext.runAsUser")).toBeUndefined();
  });

  it.each([
    ["root user", { user: 0, group: 10001 }, "runAs.user", "0"],
    ["root group", { user: 10001, group: 0 }, "runAs.group", "0"],
    ["negative user", { user: -5, group: 10001 }, "runAs.user", "-5"],
    ["user name instead of a number", { user: "app", group: 10001 }, "runAs.user", '"app"'],
    ["not an object", 10001, "runAs", "10001"],
  ])("refuses a %s", async (_case, runAs, field, shown) => {
    const error = await renderError(() => new AppService("legacy", { tenant: SHOP, image, port: 8080, runAs: runAs as AppServiceArgs["runAs"] }));
    expect(inputErrorMismatches(error, { component: "AppService", name: "legacy", field, shown })).toEqual([]);
  });
});

describe("each component's port contract", () => {
  it("an AppService must serve a port: the types require port or ports, and so does the runtime", async () => {
    // @ts-expect-error an AppService without a port is a Worker
    const noPort: AppServiceArgs = { tenant: SHOP, image };
    const error = await renderError(() => new AppService("svc", noPort));
    expect(inputErrorMismatches(error, { component: "AppService", name: "svc", field: "port", shown: "undefined" })).toEqual([]);
    expect((error as Error).message).toContain("a workload that serves no port is a Worker");
  });

  it("a Worker serves no port: it has no Service and refuses one", async () => {
    const r = await render(() => new Worker("svc", { tenant: SHOP, image }));
    expect(r.filter("Service")).toEqual([]);
    // @ts-expect-error a Worker takes no port
    const error = await renderError(() => new Worker("svc", { tenant: SHOP, image, port: 8080 }));
    expect(inputErrorMismatches(error, { component: "Worker", name: "svc", field: "port", shown: "8080" })).toEqual([]);
  });
});

describe("one tenant/namespace rule for every app component", () => {
  const storage = { size: "1Gi", class: "ceph-block" };
  const makers: [string, (args: Record<string, unknown>) => unknown][] = [
    ["AppService", (a) => new AppService("x", { image, port: 8080, ...a } as AppServiceArgs)],
    ["StatefulApp", (a) => new StatefulApp("x", { preset: "redis", storage, ...a })],
    ["ExternalService", (a) => new ExternalService("x", { ports: { redis: 6379 }, addresses: ["10.0.0.5"], ...a })],
    ["Worker", (a) => new Worker("x", { image, ...a })],
    ["Job", (a) => new Job("x", { image, ...a })],
    ["CronJob", (a) => new CronJob("x", { image, schedule: "@daily", ...a })],
  ];

  it.each(makers)("%s gives the same errors for a missing or a doubled placement", async (component, make) => {
    const missing = await renderError(() => make({}));
    expect(inputErrorMismatches(missing, { component, name: "x", field: "tenant", shown: "undefined" })).toEqual([]);
    expect((missing as Error).message).toBe(`${component} "x": tenant (undefined) is required. Fix: pass the Tenant the app runs in (or a namespace name)`);
    const doubled = await renderError(() => make({ tenant: SHOP, namespace: "other" }));
    expect((doubled as Error).message).toBe(`${component} "x": namespace ("other") is set together with tenant. Fix: pass only tenant`);
  });
});

describe("one place layers the defaults profile", () => {
  const tenant = { ...SHOP, profile: { revisionHistoryLimit: 9, size: "large" as const } };
  const site = (component: string) => ({ component, name: "x" });
  const workload = (objects: { kind: string; spec?: unknown }[], kind: string) => objects.find((o) => o.kind === kind)!.spec;

  it("the pure plans apply the tenant's profile, then the app's own defaults", () => {
    const service = planAppService(site("AppService"), { tenant, image, port: 8080, defaults: { size: "small" } }, DEFAULT_PROFILE);
    expect(at(workload(service.objects, "Deployment"), "revisionHistoryLimit")).toBe(9);
    expect(at(workload(service.objects, "Deployment"), "template.spec.containers", 0, "resources", "requests", "memory")).toBe("256Mi");
    const db = planStatefulApp(site("StatefulApp"), { tenant, preset: "redis", storage: { size: "1Gi", class: "ceph-block" } }, DEFAULT_PROFILE);
    expect(at(workload(db.objects, "StatefulSet"), "revisionHistoryLimit")).toBe(9);
    const worker = planWorker(site("Worker"), { tenant, image }, DEFAULT_PROFILE);
    expect(at(workload(worker.objects, "Deployment"), "template.spec.containers", 0, "resources", "requests", "memory")).toBe("1Gi");
  });
});
