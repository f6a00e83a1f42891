import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative, resolve } from "path";
import { parse } from "yaml";
import { initTeamStack, loadStack, renderStack, SLIPWAY_VERSION, TEAM_DEPENDENCIES, TEAM_DEV_DEPENDENCIES, TEAM_PACKAGES } from "@slipway/cli";

const ROOT = resolve(__dirname, "../../..");
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, string>>;

describe("slipway init", () => {
  let tmp: string;
  let inRepo: string;
  let platformDir: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "slipway-init-"));
    platformDir = join(tmp, "platform-dev");
    await renderStack(ROOT, { stack: "dev", out: platformDir });
    // Inside the repository, so the scaffold's imports resolve to this checkout's packages.
    mkdirSync(join(ROOT, "rendered"), { recursive: true });
    inRepo = mkdtempSync(join(ROOT, "rendered", "test-init-"));
  });
  afterAll(() => [tmp, inRepo].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("scaffolds a team stack that renders against the platform and passes every check", async () => {
    const dir = join(inRepo, "payments");
    const files = initTeamStack(dir, { tenant: "billing", platform: platformDir });
    expect(files).toEqual([".gitignore", "Pulumi.dev.yaml", "Pulumi.yaml", "README.md", "index.ts", "jest.config.js", "package.json", "test/stack.test.ts", "tsconfig.json"]);
    expect(parse(readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8"))).toEqual({
      config: { "payments:platformStack": "acme/platform/dev", "payments:tenant": "billing", "payments:version": "0.1.0" },
    });
    const stack = await loadStack(dir, { stack: "dev", platform: resolve(dir, readJson(join(dir, "package.json")).config.platform) });
    const deployment = stack.rendered.find("Deployment", "payments", "billing");
    const [container] = (deployment.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers;
    expect(container.image).toBe("123456789012.dkr.ecr.eu-west-1.amazonaws.com/billing/payments:0.1.0");
    expect(stack.rendered.find("HTTPRoute", "payments", "billing").spec).toMatchObject({ hostnames: ["payments.billing.dev.apps.example.com"] });
    expect(stack.rendered.validate().filter((p) => !p.message.startsWith("no CRD found"))).toEqual([]);
    expect(stack.rendered.check({ cluster: [stack.platform!.view] })).toEqual([]);
  });

  it("depends on the @slipway packages at this version, or on their tarballs with --packages", () => {
    const fromRegistry = readJson(join(inRepo, "payments", "package.json"));
    expect(fromRegistry.dependencies).toEqual({ ...TEAM_DEPENDENCIES, "@slipway/apps": SLIPWAY_VERSION, "@slipway/core": SLIPWAY_VERSION, "@slipway/network": SLIPWAY_VERSION });
    expect(fromRegistry.devDependencies["@slipway/cli"]).toBe(SLIPWAY_VERSION);
    expect(fromRegistry.scripts.render).toBe('slipway render . --stack dev --platform "$npm_package_config_platform"');

    const packed = join(tmp, "packed");
    mkdirSync(packed);
    for (const name of [...TEAM_PACKAGES.dependencies, ...TEAM_PACKAGES.devDependencies]) writeFileSync(join(packed, `slipway-${name}-${SLIPWAY_VERSION}.tgz`), "");
    initTeamStack(join(tmp, "ledger"), { packages: packed });
    const fromTarballs = readJson(join(tmp, "ledger", "package.json"));
    expect(fromTarballs.dependencies["@slipway/apps"]).toBe(`file:../packed/slipway-apps-${SLIPWAY_VERSION}.tgz`);
    expect(fromTarballs.devDependencies["@slipway/testing"]).toBe(`file:../packed/slipway-testing-${SLIPWAY_VERSION}.tgz`);
    // Without --platform: the platform's dev render of the directory init ran in, relative to the project.
    expect(fromTarballs.config.platform).toBe(relative(join(tmp, "ledger"), resolve("rendered", "dev")));
  });

  it("refuses a non-empty directory, a bad name and a missing tarball", () => {
    expect(() => initTeamStack(join(inRepo, "payments"))).toThrow(/payments is not empty: slipway init scaffolds a new directory/);
    expect(() => initTeamStack(join(tmp, "Bad_Name"))).toThrow(/slipway init "Bad_Name": directory name \("Bad_Name"\)/);
    expect(() => initTeamStack(join(tmp, "fine"), { tenant: "No" })).toThrow(/--tenant \("No"\)/);
    expect(() => initTeamStack(join(tmp, "empty"), { packages: join(tmp, "nothing-here") })).toThrow(`has no slipway-apps-${SLIPWAY_VERSION}.tgz: pack the packages first`);
    expect(existsSync(join(tmp, "fine"))).toBe(false);
  });

  it("installs the @pulumi packages and tools at the ranges this repository tests with", () => {
    const root = readJson(join(ROOT, "package.json")).devDependencies;
    for (const [name, range] of Object.entries({ ...TEAM_DEPENDENCIES, ...TEAM_DEV_DEPENDENCIES })) expect(`${name}@${root[name]}`).toBe(`${name}@${range}`);
  });

  it("lists every @slipway package the team's packages depend on (what --packages must install)", () => {
    const deps = (name: string) => Object.keys(readJson(join(ROOT, "packages", name, "package.json")).dependencies ?? {}).filter((d) => d.startsWith("@slipway/")).map((d) => d.slice("@slipway/".length));
    const closure = (names: readonly string[]): string[] => {
      const seen = new Set<string>();
      const visit = (name: string) => (seen.has(name) ? undefined : (seen.add(name), deps(name).forEach(visit)));
      names.forEach(visit);
      return [...seen].sort();
    };
    expect(closure(TEAM_PACKAGES.dependencies)).toEqual([...TEAM_PACKAGES.dependencies]);
    expect(closure([...TEAM_PACKAGES.dependencies, ...TEAM_PACKAGES.devDependencies])).toEqual([...TEAM_PACKAGES.dependencies, ...TEAM_PACKAGES.devDependencies].sort());
  });
});
