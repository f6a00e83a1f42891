import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { checkCommand, formatCliError, loadPlatform, renderStack, RenderCommandResult } from "@slipway/cli";

const ROOT = resolve(__dirname, "../../..");
const SHOP = resolve(ROOT, "examples/shop");

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * A fresh copy of the shop example: jest keeps a program's modules for the whole file, so each render
 * of the same program in one test file needs its own path (inside the repository, to find its packages).
 */
function shopCopy(copies: string, name: string): string {
  const dir = join(copies, name);
  cpSync(SHOP, dir, { recursive: true, filter: (src) => !/[/\\](test|node_modules|dist)$/.test(src) });
  return dir;
}

/** Runs a command, capturing what it prints and the exit code it sets. */
async function capture(run: () => Promise<void>): Promise<{ stdout: string; stderr: string; exitCode: typeof process.exitCode }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  const error = jest.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  const warn = jest.spyOn(console, "warn").mockImplementation((line: string) => void err.push(line));
  const before = process.exitCode;
  try {
    await run();
    return { stdout: out.join("\n"), stderr: err.join("\n"), exitCode: process.exitCode };
  } finally {
    process.exitCode = before;
    [log, error, warn].forEach((spy) => spy.mockRestore());
  }
}

describe("a team stack rendered against the platform's render (--platform)", () => {
  let tmp: string;
  let copies: string;
  let platformDir: string;
  let platform: RenderCommandResult;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "slipway-platform-"));
    mkdirSync(join(ROOT, "rendered"), { recursive: true });
    copies = mkdtempSync(join(ROOT, "rendered", "test-programs-"));
    platformDir = join(tmp, "platform-dev");
    platform = await renderStack(ROOT, { stack: "dev", out: platformDir });
  });
  afterAll(() => [tmp, copies].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("the platform render writes its stack outputs to outputs.json, the secret kubeconfig masked", () => {
    expect(platform.files).toContain("outputs.json");
    const outputs = JSON.parse(readFileSync(join(platformDir, "outputs.json"), "utf8")) as Record<string, unknown>;
    expect(outputs).toMatchObject({ kubeconfig: "[secret]", tenants: { shop: "shop" }, gateway: { name: "platform", namespace: "gateway-system" } });
    const kubeconfig = platform.rendered.outputs.kubeconfig;
    expect(typeof kubeconfig).toBe("string");
    expect((kubeconfig as string).length).toBeGreaterThan(50);
    // The plaintext kubeconfig is nowhere in the render directory.
    for (const file of filesUnder(platformDir)) expect(readFileSync(file, "utf8")).not.toContain(kubeconfig as string);
  });

  it("renders a team stack whose StackReference the render directory answers", async () => {
    const shop = await renderStack(shopCopy(copies, "shop-dir"), { stack: "dev", out: join(tmp, "out-dir"), platform: platformDir });
    const cart = shop.rendered.find("Deployment", "cart", "shop");
    const image = (cart.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image;
    expect(image).toBe("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/cart:1.4.2");
    // The kubeconfig stays a secret in the team's render too.
    expect(shop.rendered.byType("pulumi:providers:kubernetes")[0].secretPaths).toContain("kubeconfig");
  });

  it("renders it against an outputs JSON file as well", async () => {
    const file = join(tmp, "outputs.json");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(join(platformDir, "outputs.json"), "utf8")), registry: "mirror.example.com" }));
    const shop = await renderStack(shopCopy(copies, "shop-file"), { stack: "dev", out: join(tmp, "out-file"), platform: file });
    const orders = shop.rendered.find("Deployment", "orders", "shop");
    expect((orders.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image).toBe("mirror.example.com/shop/orders:1.4.2");
  });

  it("without --platform, fails naming the StackReference and the option", async () => {
    const failure = renderStack(shopCopy(copies, "shop-none"), { stack: "dev", out: join(tmp, "out-none") });
    await expect(failure).rejects.toThrow('StackReference "acme/platform/local" has no outputs: pass --platform <render-dir|outputs.json> to slipway render/check/graph');
  });

  it("names a --platform that is not a render", async () => {
    expect(() => loadPlatform(join(tmp, "missing"))).toThrow(/--platform .*missing does not exist: render the platform first/);
    expect(() => loadPlatform(resolve(SHOP))).toThrow(/has no outputs.json: it is not a slipway render of the platform/);
    const notJson = join(tmp, "bad.json");
    writeFileSync(notJson, "kubeconfig: x");
    expect(() => loadPlatform(notJson)).toThrow(/bad.json is not JSON/);
  });

  it("check --platform loads the platform's objects as the rest of the cluster", async () => {
    const loaded = loadPlatform(platformDir);
    expect(loaded.view.manifests.length).toBe(platform.rendered.manifests().length);
    expect(loaded.view.manifests.map((m) => `${m.kind} ${m.metadata.namespace ?? ""}/${m.metadata.name}`)).toContain("Gateway gateway-system/platform");
    const { stdout, stderr } = await capture(() => checkCommand(shopCopy(copies, "shop-check"), { stack: "dev", platform: platformDir, crds: [resolve(ROOT, "../shared/crds")] }));
    expect(stderr).toContain(`running the checks with the platform's ${loaded.view.manifests.length} objects as the rest of the cluster`);
    expect(stderr).toMatch(/validating [1-9]\d+ objects/);
    expect(stdout).toContain("Schemas: every object is valid");
  });
});

describe("two components with one name", () => {
  it("fail the CLI with one clean line naming the URN, type and name", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const failure = renderStack(resolve(__dirname, "fixtures/duplicate"), { stack: "dev", out: join(tmpdir(), "slipway-duplicate-never-written") });
      const error = await failure.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(formatCliError(error)).toBe(
        "error: Duplicate resource URN 'urn:pulumi:dev::duplicate::pulumi:pulumi:Stack$slipway:apps:AppService::cart': two slipway:apps:AppService resources are both named \"cart\" in the stack; give each a unique name",
      );
      await new Promise((done) => setTimeout(done, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });
});
