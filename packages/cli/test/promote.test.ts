import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { diff } from "just-diff";
import { parse, stringify } from "yaml";
import { Fleet, FleetEngine, loadStack, parseFleet, promote, PromoteDeps, promoteCommand } from "@slipway/cli";
import { Recorded, RECORDED, standInEngine } from "./fleet-stand-in";

const ROOT = resolve(__dirname, "../../..");
const DIGEST = "sha256:2b0b7b1e5d3c4a6f8e9d0c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f";
const ORDERS = "harbor.10.86.67.11.nip.io/shop/orders:1.4.2@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
let work: string;

/** A throwaway project of an example (its Pulumi.yaml with an absolute main) with the given stack files. */
function project(example: string, stackFiles: Record<string, string>): string {
  const dir = join(work, example);
  mkdirSync(dir, { recursive: true });
  const yaml = parse(readFileSync(join(ROOT, "examples", example, "Pulumi.yaml"), "utf8")) as { main?: string };
  writeFileSync(join(dir, "Pulumi.yaml"), stringify({ ...yaml, main: join(ROOT, "examples", example, yaml.main ?? ".") }));
  for (const [stack, text] of Object.entries(stackFiles)) writeFileSync(join(dir, `Pulumi.${stack}.yaml`), text);
  return dir;
}

const YAML_WALL_DEV = readFileSync(join(ROOT, "examples/yaml-wall/Pulumi.dev.yaml"), "utf8");
const YAML_WALL_STAGING = `# staging: what passed dev, promoted by digest
config:
  yaml-wall:dbPassword:
    secure: AAABAJ7nGXh3yZ9bOKw0dDq8rvD1/oiQ9H5ZbYq0kKk=
  yaml-wall:image: nginxinc/nginx-unprivileged:1.27.3 # set by slipway promote
`;

function fleetOf(dirs: { yamlWall: string; shop?: string }): Fleet {
  const team = (stack: string) => [{ dir: dirs.yamlWall, stack, images: { nginx: "yaml-wall:image" } }, ...(dirs.shop ? [{ dir: dirs.shop, stack }] : [])];
  return parseFleet(join(ROOT, "fleet.yaml"), {
    environments: {
      dev: [{ stack: "local", cluster: "onprem", teams: team("dev") }],
      staging: [{ stack: "staging", cluster: "acme-staging", teams: team("staging") }],
    },
  });
}

/** Recorded outputs with the platform under the ids this fleet gives it. */
function recorded(changes: Partial<Recorded["history"]> = {}): Recorded {
  return { outputs: RECORDED.outputs, history: { ...RECORDED.history, ...changes } as Recorded["history"] };
}

function deps(record = recorded(), findings: string[] = []): PromoteDeps & { engine: FleetEngine; checked: string[] } {
  const checked: string[] = [];
  return { engine: standInEngine(record).engine, check: async (s, platform) => (checked.push(`${s.id} platform:${platform ? Object.keys(platform).length : "none"}`), findings), checked };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "slipway-promote-test-"));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  process.exitCode = undefined;
});

describe("slipway promote", () => {
  it("writes the digest dev runs into staging's stack file: exactly one config value changes, and staging renders it", async () => {
    const dir = project("yaml-wall", { dev: YAML_WALL_DEV, staging: YAML_WALL_STAGING });
    const before = readFileSync(join(dir, "Pulumi.staging.yaml"), "utf8");
    const d = deps();
    const result = await promote(fleetOf({ yamlWall: dir }), { app: "nginx", from: "dev", to: "staging" }, d);
    expect(result).toMatchObject({ ok: true, source: "yaml-wall/dev", image: `nginxinc/nginx-unprivileged:1.27.4@${DIGEST}` });
    expect(d.checked).toEqual(["yaml-wall/dev platform:7"]);
    const after = readFileSync(join(dir, "Pulumi.staging.yaml"), "utf8");
    expect(diff(parse(before), parse(after))).toEqual([{ op: "replace", path: ["config", "yaml-wall:image"], value: `nginxinc/nginx-unprivileged:1.27.4@${DIGEST}` }]);
    // The file keeps its comments; the diff shows the one line.
    expect(after).toContain("# staging: what passed dev, promoted by digest");
    const [change] = result.ok ? result.changes : [];
    expect(change.diff.split("\n")[2]).toBe("@@ -3,4 +3,4 @@");
    expect(change.diff.split("\n").filter((l) => /^[-+][^-+]/.test(l))).toEqual([
      "-  yaml-wall:image: nginxinc/nginx-unprivileged:1.27.3 # set by slipway promote",
      `+  yaml-wall:image: nginxinc/nginx-unprivileged:1.27.4@${DIGEST} # set by slipway promote`,
    ]);
    // Staging renders the image by digest (AppService accepts image@sha256:...).
    const { rendered } = await loadStack(dir, { stack: "staging" });
    const deployment = rendered.manifests().find((m) => m.kind === "Deployment" && m.metadata.name === "nginx") as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(deployment.spec.template.spec.containers[0].image).toBe(`nginxinc/nginx-unprivileged:1.27.4@${DIGEST}`);
    expect(rendered.check().filter((v) => v.check === "S14")).toEqual([]);
  }, 60_000);

  it("adds an app's image under <project>:images when the stack has none yet, and shop's staging render uses it", async () => {
    const yamlWall = project("yaml-wall", { dev: YAML_WALL_DEV, staging: YAML_WALL_STAGING });
    const shopDev = readFileSync(join(ROOT, "examples/shop/Pulumi.dev.yaml"), "utf8");
    const shop = project("shop", { dev: shopDev, staging: shopDev });
    const before = readFileSync(join(shop, "Pulumi.staging.yaml"), "utf8");
    const fixed = recorded({ "shop/dev": { kind: "update", result: "succeeded", time: "2026-12-01T23:05:00.000Z" } });
    const result = await promote(fleetOf({ yamlWall, shop }), { app: "orders", from: "dev", to: "staging" }, deps(fixed));
    expect(result).toMatchObject({ ok: true, source: "shop/dev", image: ORDERS, changes: [{ stack: "shop/staging", key: "shop:images.orders", after: ORDERS }] });
    const after = readFileSync(join(shop, "Pulumi.staging.yaml"), "utf8");
    expect(diff(parse(before), parse(after))).toEqual([{ op: "add", path: ["config", "shop:images"], value: { orders: ORDERS } }]);
    const platform = join(work, "platform.json");
    writeFileSync(platform, JSON.stringify(RECORDED.outputs["platform/local"]));
    const { rendered } = await loadStack(shop, { stack: "staging", platform });
    const image = (name: string) => (rendered.manifests().find((m) => m.kind === "Deployment" && m.metadata.name === name) as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers[0].image;
    expect(image("orders")).toBe(ORDERS);
    expect(image("cart")).toBe("harbor.10.86.67.11.nip.io/shop/cart:1.4.2");
  }, 60_000);

  it("--dry-run prints the diff and writes nothing; a second promotion has nothing to change", async () => {
    const dir = project("yaml-wall", { dev: YAML_WALL_DEV, staging: YAML_WALL_STAGING });
    const printed: string[] = [];
    const d = { ...deps(), print: (t: string) => printed.push(t) };
    const options = { fleet: undefined, from: "dev", to: "staging" };
    const fleetFile = join(work, "fleet.yaml");
    writeFileSync(fleetFile, stringify({ platform: ROOT, environments: { dev: [{ stack: "local", teams: [{ dir, stack: "dev", images: { nginx: "yaml-wall:image" } }] }], staging: [{ stack: "staging", teams: [{ dir, stack: "staging", images: { nginx: "yaml-wall:image" } }] }] } }));
    await promoteCommand("nginx", { ...options, fleet: fleetFile, dryRun: true }, d);
    expect(readFileSync(join(dir, "Pulumi.staging.yaml"), "utf8")).toBe(YAML_WALL_STAGING);
    expect(printed.join("\n")).toContain(`+  yaml-wall:image: nginxinc/nginx-unprivileged:1.27.4@${DIGEST}`);
    expect(printed.join("\n")).toContain("would be written to yaml-wall/staging (yaml-wall:image)");
    await promoteCommand("nginx", { ...options, fleet: fleetFile }, d);
    printed.length = 0;
    await promoteCommand("nginx", { ...options, fleet: fleetFile }, d);
    expect(printed).toEqual([`nginx: staging already runs nginxinc/nginx-unprivileged:1.27.4@${DIGEST}; nothing to change`]);
  }, 60_000);

  describe("refuses, saying why, and writes nothing", () => {
    it.each([
      ["the source runs a tag without a digest", "web", recorded(), [], "shop/dev runs web as nginxinc/nginx-unprivileged:1.27.3, a tag without a digest; slipway promotes digests only (it does not ask a registry)"],
      ["the source's last update failed", "orders", recorded(), [], "the last update of shop/dev (update at 2026-12-01T22:31:57.000Z) failed; what runs there is not what was tested"],
      ["the source was never updated", "nginx", recorded({ "yaml-wall/dev": undefined }), [], "yaml-wall/dev has never been updated"],
      ["the source's checks fail", "nginx", recorded(), ["S3 web/Deployment/nginx: allowPrivilegeEscalation is not false", "R1 web/Deployment/nginx: no cpu request"], "the checks of yaml-wall/dev fail (2): S3 web/Deployment/nginx: allowPrivilegeEscalation is not false; R1"],
      ["no stack of the source environment runs the app", "checkout", recorded(), [], 'no team stack of dev runs an app "checkout"'],
    ])("when %s", async (_why, app, record, findings, message) => {
      const yamlWall = project("yaml-wall", { dev: YAML_WALL_DEV, staging: YAML_WALL_STAGING });
      const shop = project("shop", { dev: "config: {}\n", staging: "config: {}\n" });
      const result = await promote(fleetOf({ yamlWall, shop }), { app: app as string, from: "dev", to: "staging" }, deps(record as Recorded, findings as string[]));
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.refused).toContain(message);
      expect(readFileSync(join(yamlWall, "Pulumi.staging.yaml"), "utf8")).toBe(YAML_WALL_STAGING);
      expect(readFileSync(join(shop, "Pulumi.staging.yaml"), "utf8")).toBe("config: {}\n");
    });

    it("when the target environment has no stack of the program, or no stack file", async () => {
      const yamlWall = project("yaml-wall", { dev: YAML_WALL_DEV });
      const fleet = fleetOf({ yamlWall });
      expect(await promote(fleet, { app: "nginx", from: "dev", to: "staging" }, deps())).toMatchObject({ ok: false, refused: expect.stringContaining(`yaml-wall/staging has no stack file ${join(yamlWall, "Pulumi.staging.yaml")}`) });
      const noTarget = parseFleet(join(ROOT, "fleet.yaml"), { environments: { dev: [{ stack: "local", teams: [{ dir: yamlWall, stack: "dev" }] }], staging: [{ stack: "staging" }] } });
      expect(await promote(noTarget, { app: "nginx", from: "dev", to: "staging" }, deps())).toMatchObject({ ok: false, refused: "staging has no stack of yaml-wall (the program of yaml-wall/dev) to promote into" });
    });

    it("the command says it was refused and exits non-zero", async () => {
      const yamlWall = project("yaml-wall", { dev: YAML_WALL_DEV, staging: YAML_WALL_STAGING });
      const fleetFile = join(work, "fleet.yaml");
      writeFileSync(fleetFile, stringify({ platform: ROOT, environments: { dev: [{ stack: "local", teams: [{ dir: yamlWall, stack: "dev" }] }], staging: [{ stack: "staging", teams: [{ dir: yamlWall, stack: "staging" }] }] } }));
      const printed: string[] = [];
      await promoteCommand("nginx", { fleet: fleetFile, from: "dev", to: "staging" }, { ...deps(recorded(), ["S6 privileged"]), print: (t) => printed.push(t) });
      expect(printed).toEqual(["promote nginx refused: the checks of yaml-wall/dev fail (1): S6 privileged"]);
      expect(process.exitCode).toBe(1);
    });
  });
});
