import { delimiter } from "path";
import { engineEnv, findPulumi } from "@slipway/automation";

describe("the engine's surroundings", () => {
  it("puts plugin folders first on the engine's PATH and turns the update check off", () => {
    expect(engineEnv(["/opt/analyzer", "/opt/providers"], { PATH: "/usr/bin" })).toEqual({ PATH: ["/opt/analyzer", "/opt/providers", "/usr/bin"].join(delimiter), PULUMI_SKIP_UPDATE_CHECK: "true" });
    expect(engineEnv([], {}).PATH).toBe("");
  });

  it("looks for the CLI in root/bin when given, and says what to do when it cannot run", async () => {
    const asked: unknown[] = [];
    const missing = { get: async (opts?: unknown) => (asked.push(opts), Promise.reject(new Error("code: -2\n stdout: \n stderr: Command failed with ENOENT: spawn /opt/pulumi/bin/pulumi ENOENT\n err?: Error"))) };
    await expect(findPulumi(missing as never, "/opt/pulumi")).rejects.toThrow("the Pulumi CLI (/opt/pulumi/bin/pulumi) could not run: Command failed with ENOENT: spawn /opt/pulumi/bin/pulumi ENOENT. Install it, or set SLIPWAY_PULUMI_ROOT to a folder holding bin/pulumi");
    await expect(findPulumi(missing as never, undefined)).rejects.toThrow("the Pulumi CLI (pulumi on PATH) could not run");
    expect(asked).toEqual([{ root: "/opt/pulumi" }, {}]);
  });
});
