import { join, resolve } from "path";
import { fleetFromStacks, fleetStatus, fleetUp, formatFleetStatus, formatFleetUp, loadFleet, parseFleet } from "@slipway/cli";
import { SlipwayInputError } from "@slipway/core";
import { RECORDED, standInEngine } from "./fleet-stand-in";

const ROOT = resolve(__dirname, "../../..");
const SOURCE = join(ROOT, "fleet.yaml");

/** Two prod clusters with a team stack each, and a dev cluster. */
const TWO_REGIONS = {
  desired: { kubernetesVersion: "1.33" },
  environments: {
    dev: [{ stack: "dev", cluster: "acme-dev", teams: [{ dir: "examples/shop", stack: "dev" }] }],
    prod: [
      { stack: "prod-eu", cluster: "acme-prod-eu", region: "eu-west-1", teams: [{ dir: "examples/shop", stack: "prod-eu" }, { dir: "examples/yaml-wall", stack: "prod-eu" }] },
      { stack: "prod-us", cluster: "acme-prod-us", region: "us-east-1", desired: { kubernetesVersion: "1.34" }, teams: [{ dir: "examples/shop", stack: "prod-us" }] },
    ],
  },
};

describe("the fleet file", () => {
  it("the repository's fleet.yaml lists the four platform stacks, then the team stacks on the local cluster", () => {
    const fleet = loadFleet(SOURCE);
    expect(fleet.stacks.map((s) => s.id)).toEqual(["platform/local", "platform/dev", "platform/staging", "platform/prod", "shop/dev", "payments/dev", "gatekeeper/dev", "yaml-wall/dev"]);
    const shop = fleet.stacks.find((s) => s.id === "shop/dev")!;
    expect(shop).toMatchObject({ kind: "team", environment: "local", cluster: "onprem-kubekey", platform: "platform/local", dir: join(ROOT, "examples/shop") });
    expect(fleet.stacks.find((s) => s.id === "platform/prod")).toMatchObject({ region: "eu-west-1", desired: { kubernetesVersion: "1.33" } });
  });

  it("a cluster's desired versions override the fleet's, and its team stacks inherit them", () => {
    const fleet = parseFleet(SOURCE, TWO_REGIONS);
    const byId = Object.fromEntries(fleet.stacks.map((s) => [s.id, s]));
    expect(byId["platform/prod-eu"].desired.kubernetesVersion).toBe("1.33");
    expect(byId["platform/prod-us"].desired.kubernetesVersion).toBe("1.34");
    expect(byId["shop/prod-us"]).toMatchObject({ platform: "platform/prod-us", region: "us-east-1", desired: { kubernetesVersion: "1.34" } });
  });

  it("without a fleet file, the program's stack files are the fleet (one platform stack per environment)", () => {
    const fleet = fleetFromStacks(ROOT);
    expect(fleet.stacks.map((s) => `${s.id} ${s.environment}`)).toEqual(["platform/dev dev", "platform/local local", "platform/prod prod", "platform/staging staging"]);
  });

  it.each([
    ["no environments", {}, 'environments (undefined) must be a mapping'],
    ["a stray field", { ...TWO_REGIONS, clusters: [] }, "clusters ([]) is not a fleet field"],
    ["an environment without stacks", { environments: { dev: [] } }, "environments.dev ([]) must list the environment's platform stacks"],
    ["a stack without a name", { environments: { dev: [{ cluster: "x" }] } }, "environments.dev[0].stack (undefined) must be a non-empty string"],
    ["a team dir without Pulumi.yaml", { environments: { dev: [{ stack: "dev", teams: [{ dir: "examples/nowhere", stack: "dev" }] }] } }, "environments.dev[0].teams[0].dir (\"examples/nowhere\") has no Pulumi.yaml"],
    ["a stack listed twice", { environments: { dev: [{ stack: "dev" }], qa: [{ stack: "dev" }] } }, 'environments.qa[0].stack ("platform/dev") is listed twice'],
    ["an unquoted Kubernetes version", { desired: { kubernetesVersion: 1.3 }, environments: { dev: [{ stack: "dev" }] } }, "desired.kubernetesVersion (1.3) is not a quoted Kubernetes minor version"],
    ["a desired image on latest", { environments: { dev: [{ stack: "dev", teams: [{ dir: "examples/shop", stack: "dev", desired: { images: { web: "nginx:latest" } } }] }] } }, 'environments.dev[0].teams[0].desired.images.web ("nginx:latest") uses the mutable tag "latest"'],
    ["an unknown desired version", { desired: { helm: "3" }, environments: { dev: [{ stack: "dev" }] } }, 'desired.helm ("3") is not a desired version'],
  ])("refuses %s, naming the file and field", (_what, content, message) => {
    let error: unknown;
    try {
      parseFleet(SOURCE, content);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SlipwayInputError);
    expect((error as Error).message).toContain(`Fleet "${SOURCE}": ${message}`);
  });
});

describe("slipway fleet status, from recorded outputs", () => {
  const fleet = () => loadFleet(SOURCE);

  it("reads every stack: cluster, Kubernetes version, tenants, each app's image and replicas, last update", async () => {
    const rows = await fleetStatus(fleet(), standInEngine().engine);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId["platform/local"]).toMatchObject({ cluster: "onprem-kubekey", tenants: ["payments", "shop"], lastUpdate: { result: "succeeded" }, drift: [] });
    expect(byId["platform/dev"]).toMatchObject({ kubernetesVersion: "1.32", tenants: ["billing", "shop"] });
    expect(byId["shop/dev"].apps).toEqual([
      { name: "orders", image: "harbor.10.86.67.11.nip.io/shop/orders:1.4.2@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", digest: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", replicas: { min: 2, max: 6 } },
      { name: "web", image: "nginxinc/nginx-unprivileged:1.27.3", replicas: { min: 2, max: 2 } },
    ]);
    expect(byId["shop/dev"]).toMatchObject({ tenants: ["shop"], lastUpdate: { result: "failed" } });
  });

  it("reports drift from the desired versions, and a stack it cannot read", async () => {
    const rows = await fleetStatus(fleet(), standInEngine().engine);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId["platform/dev"].drift).toEqual(["kubernetes 1.32 (want 1.33)"]);
    expect(byId["platform/staging"]).toMatchObject({ error: "no stack named 'staging' found", drift: [] });
  });

  it("a team stack's desired image drifts unless the digest matches", async () => {
    const withImages = parseFleet(SOURCE, {
      environments: { local: [{ stack: "local", teams: [{ dir: "examples/shop", stack: "dev", desired: { images: { orders: "harbor.10.86.67.11.nip.io/shop/orders@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", web: "nginxinc/nginx-unprivileged:1.27.4", cart: "shop/cart:1.4.2" } } }] }] },
    });
    const [, shop] = await fleetStatus(withImages, standInEngine().engine);
    expect(shop.drift).toEqual(["app web runs nginxinc/nginx-unprivileged:1.27.3 (want nginxinc/nginx-unprivileged:1.27.4)", "app cart missing (want shop/cart:1.4.2)"]);
  });

  it("prints one table: a line per stack and per further app, digests shortened", async () => {
    const table = formatFleetStatus(await fleetStatus(fleet(), standInEngine().engine));
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^STACK +ENV +CLUSTER +K8S +TENANTS +APP +IMAGE +REPLICAS +LAST UPDATE +DRIFT$/);
    expect(lines.find((l) => l.startsWith("platform/dev "))).toMatch(/acme-dev \(eu-west-1\) +1\.32 +billing,shop .* 2026-12-01T21:02:40Z update succeeded +kubernetes 1\.32 \(want 1\.33\)$/);
    const shop = lines.findIndex((l) => l.startsWith("shop/dev "));
    expect(lines[shop]).toMatch(/orders +harbor\.10\.86\.67\.11\.nip\.io\/shop\/orders:1\.4\.2@sha256:9f86d081884c +x2-6 +2026-12-01T22:31:57Z update failed +none$/);
    expect(lines[shop + 1]).toMatch(/^ +web +nginxinc\/nginx-unprivileged:1\.27\.3 +x2$/);
    expect(lines.find((l) => l.startsWith("platform/staging "))).toMatch(/unreadable: no stack named 'staging' found +\?$/);
  });
});

describe("slipway fleet up", () => {
  const prod = () => parseFleet(SOURCE, TWO_REGIONS);

  it("updates platform stacks before their team stacks, the clusters of an environment side by side", async () => {
    const { engine, log, mostAtOnce } = standInEngine(RECORDED, { delay: (id) => (id === "platform/prod-us" ? 30 : 5) });
    const report = await fleetUp(prod(), "prod", engine, 2);
    expect(report).toMatchObject({ ok: true, notRun: [] });
    expect(log.slice(0, 2)).toEqual(["start platform/prod-eu", "start platform/prod-us"]);
    // A team stack starts after its own platform, not after the slower other cluster.
    expect(log.indexOf("start shop/prod-eu")).toBeGreaterThan(log.indexOf("done platform/prod-eu"));
    expect(log.indexOf("start shop/prod-eu")).toBeLessThan(log.indexOf("done platform/prod-us"));
    expect(log.indexOf("start shop/prod-us")).toBeGreaterThan(log.indexOf("done platform/prod-us"));
    expect(log.filter((l) => l.startsWith("start")).length).toBe(5);
    expect(mostAtOnce()).toBe(2);
    expect(log.some((l) => l.includes("/dev"))).toBe(false);
  });

  it("--parallel 1 runs one stack at a time", async () => {
    const { engine, mostAtOnce } = standInEngine();
    await fleetUp(prod(), "prod", engine, 1);
    expect(mostAtOnce()).toBe(1);
  });

  it("stops at the first failure and reports which stacks did not run", async () => {
    const { engine, log } = standInEngine(RECORDED, { failing: ["platform/prod-eu"] });
    const report = await fleetUp(prod(), "prod", engine, 1);
    expect(report).toMatchObject({ ok: false, failed: "platform/prod-eu", notRun: ["platform/prod-us", "shop/prod-eu", "yaml-wall/prod-eu", "shop/prod-us"] });
    expect(log).toEqual(["start platform/prod-eu", "fail platform/prod-eu"]);
    expect(formatFleetUp(report)).toContain("fleet up prod stopped: platform/prod-eu failed; not run: platform/prod-us, shop/prod-eu, yaml-wall/prod-eu, shop/prod-us");
    expect(formatFleetUp(report)).toContain("the Deployment did not become ready");
  });

  it("a stack already running when another fails finishes; nothing new starts", async () => {
    const { engine, log } = standInEngine(RECORDED, { failing: ["platform/prod-us"], delay: (id) => (id === "platform/prod-eu" ? 30 : 5) });
    const report = await fleetUp(prod(), "prod", engine, 2);
    expect(report.failed).toBe("platform/prod-us");
    expect(log).toEqual(["start platform/prod-eu", "start platform/prod-us", "fail platform/prod-us", "done platform/prod-eu"]);
    expect(report.ran.map((r) => `${r.id} ${r.ok}`)).toEqual(["platform/prod-us false", "platform/prod-eu true"]);
    expect(report.notRun).toEqual(["shop/prod-eu", "yaml-wall/prod-eu", "shop/prod-us"]);
  });

  it("an environment the fleet does not have, or a bad --parallel, is refused", async () => {
    await expect(fleetUp(prod(), "qa", standInEngine().engine)).rejects.toThrow('has no environment "qa"; it has dev, prod');
    await expect(fleetUp(prod(), "prod", standInEngine().engine, 0)).rejects.toThrow("--parallel must be a whole number of at least 1, not 0");
  });
});
