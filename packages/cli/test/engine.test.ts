import { accessSync, constants, existsSync } from "fs";
import { join, resolve } from "path";
import { Command } from "commander";
import type { RunResult } from "@slipway/automation";
import { engineCommand, EngineCommandDeps, engineRunOptions, outputsCommand, POLICY_ANALYZER_DIR } from "@slipway/cli";
import { registerEngineCommands } from "../src/commands/engine-cli";

const SAMPLE = resolve(__dirname, "../../../examples/sample");

function standIn(checkPasses = true) {
  const printed: string[] = [];
  const ran: { operation: string; options: Parameters<EngineCommandDeps["run"]>[1] }[] = [];
  const checked: string[] = [];
  const deps: EngineCommandDeps = {
    run: async (operation, options) => {
      ran.push({ operation, options });
      return { operation, stack: options.stack, ok: operation !== "destroy", changes: {}, opMap: {}, steps: [], seconds: 1, errors: [], policyViolations: [], summary: "" } as RunResult;
    },
    outputs: async (_options, showSecrets) => ({ url: "http://x", token: showSecrets ? "t0ken" : "[secret]" }),
    check: (dir, stack) => (checked.push(`${dir}:${stack}`), checkPasses),
    print: (t) => printed.push(t),
  };
  return { deps, printed, ran, checked };
}

describe("slipway preview|up|destroy|refresh|outputs", () => {
  afterEach(() => (process.exitCode = undefined));

  it("runs the program dir's project and stack config: Pulumi.yaml's name, its folder as the work dir", () => {
    const options = engineRunOptions(SAMPLE, { stack: "dev" });
    expect(options).toMatchObject({ workDir: SAMPLE, projectName: "sample", stack: "dev", progress: true });
    expect(typeof options.program).toBe("function");
    expect(options.policyPacks).toBeUndefined();
  });

  it("a bad program dir is a clear error naming the file", () => {
    expect(() => engineRunOptions("/nonexistent/app", { stack: "dev" })).toThrow("/nonexistent/app/Pulumi.yaml not found");
  });

  it("--policy-pack resolves the folders and puts the shipped analyzer launcher on the engine's PATH", () => {
    const options = engineRunOptions(SAMPLE, { stack: "dev", policyPack: ["packages/checks/policy-pack"], secretsProvider: "passphrase" });
    expect(options.policyPacks).toEqual([resolve("packages/checks/policy-pack")]);
    expect(options.pluginDirs).toEqual([POLICY_ANALYZER_DIR]);
    expect(options.secretsProvider).toBe("passphrase");
    const launcher = join(POLICY_ANALYZER_DIR, "pulumi-analyzer-policy-nodejs");
    expect(existsSync(launcher)).toBe(true);
    expect(() => accessSync(launcher, constants.X_OK)).not.toThrow();
  });

  it("up runs the checks first and stops on a finding, without touching the engine", async () => {
    const { deps, ran, checked } = standIn(false);
    expect(await engineCommand("up", SAMPLE, { stack: "dev", check: true }, deps)).toBeUndefined();
    expect(checked).toEqual([`${SAMPLE}:dev`]);
    expect(ran).toEqual([]);
    expect(process.exitCode).toBe(1);
  });

  it("up --no-check deploys without checking; preview never checks", async () => {
    const { deps, ran, checked } = standIn(false);
    await engineCommand("up", SAMPLE, { stack: "dev", check: false }, deps);
    await engineCommand("preview", SAMPLE, { stack: "dev" }, deps);
    expect(checked).toEqual([]);
    expect(ran.map((r) => r.operation)).toEqual(["up", "preview"]);
    expect(process.exitCode).toBeUndefined();
  });

  it("up with clean checks deploys; a failed run sets a non-zero exit code", async () => {
    const { deps, ran } = standIn(true);
    expect((await engineCommand("up", SAMPLE, { stack: "dev", check: true }, deps))?.ok).toBe(true);
    expect(process.exitCode).toBeUndefined();
    expect((await engineCommand("destroy", SAMPLE, { stack: "dev" }, deps))?.ok).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(ran).toHaveLength(2);
  });

  it("--json prints one JSON document and no progress", async () => {
    const { deps, printed, ran } = standIn(true);
    await engineCommand("refresh", SAMPLE, { stack: "dev", json: true }, deps);
    expect(ran[0].options.progress).toBe(false);
    expect(JSON.parse(printed.join("\n"))).toMatchObject({ operation: "refresh", stack: "dev", ok: true });
  });

  it("outputs hides secrets unless --show-secrets", async () => {
    const { deps, printed } = standIn();
    await outputsCommand(SAMPLE, { stack: "dev" }, deps);
    expect(printed).toEqual(["url: http://x", "token: [secret]"]);
    expect(await outputsCommand(SAMPLE, { stack: "dev", showSecrets: true, json: true }, deps)).toEqual({ url: "http://x", token: "t0ken" });
  });

  it("the command line: every engine command needs --stack; --no-check and --policy-pack only where they apply", () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    registerEngineCommands(program);
    const names = program.commands.map((c) => c.name());
    expect(names).toEqual(["preview", "up", "destroy", "refresh", "outputs"]);
    const flags = (name: string) => program.commands.find((c) => c.name() === name)!.options.map((o) => o.long);
    expect(flags("up")).toEqual(expect.arrayContaining(["--stack", "--json", "--policy-pack", "--no-check", "--secrets-provider"]));
    expect(flags("destroy")).not.toContain("--no-check");
    expect(flags("destroy")).not.toContain("--policy-pack");
    expect(flags("outputs")).toContain("--show-secrets");
    expect(() => program.parse(["node", "slipway", "up", "."])).toThrow(/required option '-s, --stack <name>' not specified/);
  });
});
