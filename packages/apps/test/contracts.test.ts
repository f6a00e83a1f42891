import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { AppService, AppServiceArgs, Worker } from "@slipway/apps";
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
