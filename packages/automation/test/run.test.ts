import { outputValues, runStack, stackOutputs } from "@slipway/automation";
import { diagnostic, fakeDeps, fakeStack, step, summaryEvent } from "./fake-stack";

const options = { workDir: "/tmp/shop", projectName: "shop", stack: "dev", program: () => ({}) };

describe("runStack with a stand-in engine", () => {
  it("up: follows the events, then reports the changes and a summary line", async () => {
    const { stack, calls } = fakeStack([step("resOutputsEvent", "create", "cart"), step("resOutputsEvent", "create", "web"), summaryEvent({ create: 2 })], { create: 2 });
    const deps = fakeDeps(stack);
    const result = await runStack("up", { ...options, policyPacks: ["/packs/slipway"] }, deps);
    expect(result).toMatchObject({ operation: "up", ok: true, changes: { created: 2 }, errors: [], summary: "up succeeded in 4.5s: 2 created" });
    expect(calls[0].operation).toBe("up");
    expect(calls[0].options).toMatchObject({ policyPacks: ["/packs/slipway"], color: "never" });
    expect(deps.lines[0]).toBe("up shop/dev...");
    expect(deps.lines.filter((l) => l.includes("created"))).toHaveLength(3);
    expect(deps.lines.at(-1)).toBe(result.summary);
    expect(result.steps).toEqual([
      { op: "create", type: "kubernetes:apps/v1:Deployment", name: "cart" },
      { op: "create", type: "kubernetes:apps/v1:Deployment", name: "web" },
    ]);
  });

  it("lists only the steps that changed something", async () => {
    const { stack } = fakeStack([step("resOutputsEvent", "same", "a"), step("resOutputsEvent", "update", "nginx", undefined, ["spec"]), step("resOutputsEvent", "same", "b")], { same: 2, update: 1 });
    const result = await runStack("up", options, fakeDeps(stack));
    expect(result.steps).toEqual([{ op: "update", type: "kubernetes:apps/v1:Deployment", name: "nginx" }]);
    expect(result.changes).toEqual({ updated: 1, unchanged: 2 });
  });

  it("a failed up is not thrown: ok is false, the engine's error diagnostics say why", async () => {
    const events = [step("resOpFailedEvent", "create", "widget"), diagnostic("error", 'creation failed: no matches for kind "Widget" in version "example.com/v1"'), summaryEvent({ create: 1 })];
    const { stack } = fakeStack(events, {}, new Error("code: 255\n stdout: \n stderr: error: update failed\n"));
    const deps = fakeDeps(stack);
    const result = await runStack("up", options, deps);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(['creation failed: no matches for kind "Widget" in version "example.com/v1"']);
    expect(result.changes).toEqual({ created: 1 });
    expect(deps.lines).toContain('error: creation failed: no matches for kind "Widget" in version "example.com/v1"');
    expect(deps.lines.at(-1)).toMatch(/^up failed in/);
  });

  it("when the engine gives no diagnostic, the command's stderr is the error", async () => {
    const { stack } = fakeStack([], {}, new Error("code: 255\n stdout: \n stderr: error: no Pulumi.yaml project file found\n err?: Error"));
    const result = await runStack("preview", options, fakeDeps(stack));
    expect(result.errors).toEqual(["error: no Pulumi.yaml project file found"]);
  });

  it("collects mandatory policy findings and says they stopped the run", async () => {
    const policy = { sequence: 0, timestamp: 0, policyEvent: { resourceUrn: "urn:pulumi:dev::shop::kubernetes:apps/v1:Deployment::evil", message: "privileged container\nmore", color: "never", policyName: "S6-no-privileged", policyPackName: "slipway", policyPackVersion: "0.1.0", policyPackVersionTag: "", enforcementLevel: "mandatory" as const } };
    const { stack } = fakeStack([policy], {}, new Error("stderr: error: preview failed"));
    const deps = fakeDeps(stack);
    const result = await runStack("preview", options, deps);
    expect(result.policyViolations).toEqual(["S6-no-privileged evil: privileged container"]);
    expect(deps.lines).toContain("1 mandatory policy finding(s) stopped the preview");
  });

  it("destroy and refresh take no policy packs; progress can be silenced", async () => {
    const { stack, calls } = fakeStack([step("resOutputsEvent", "delete", "cart")], { delete: 1 });
    const deps = fakeDeps(stack);
    const result = await runStack("destroy", { ...options, policyPacks: ["/p"], progress: false }, deps);
    expect(result.changes).toEqual({ deleted: 1 });
    expect(calls[0].options.policyPacks).toBeUndefined();
    expect(deps.lines).toEqual([]);
  });

  it("outputs hide secrets unless asked", async () => {
    const { stack } = fakeStack([], {});
    expect(await stackOutputs(options, false, fakeDeps(stack))).toEqual({ url: "http://cart.shop", password: "[secret]" });
    expect(outputValues({ p: { value: "hunter2", secret: true } }, true)).toEqual({ p: "hunter2" });
  });
});
