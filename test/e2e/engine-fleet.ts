import { readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join } from "path";
import { diff } from "just-diff";
import { parse, parseAllDocuments, stringify } from "yaml";
import { EngineProgram, slipway } from "./engine-stacks";
import { Report } from "./report";

/** What the fleet step needs from the engine step. */
export interface FleetStepContext {
  cli: string;
  env: NodeJS.ProcessEnv;
  work: string;
  opTimeout: number;
  report: Report;
  platform: EngineProgram;
  yamlWall: EngineProgram;
  shop: EngineProgram;
  /** The digest-pinned image yaml-wall's dev stack runs now. */
  image: string;
  /** A `secure:` value of the repository's yaml-wall stack file (renders as a placeholder offline). */
  dbPasswordCiphertext: unknown;
}

interface StatusRow {
  id: string;
  tenants: string[];
  apps: { name: string; image: string; digest?: string; replicas?: { min: number; max: number } }[];
  lastUpdate?: { kind: string; result: string };
  error?: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

/**
 * `slipway fleet status` over the deployed loopback platform and team stacks (real outputs and
 * history through the Automation API), then `slipway promote nginx --from dev --to staging`:
 * yaml-wall's dev digest lands in its staging stack file as the one changed value, and a staging
 * render runs it; a promotion of an image dev runs by tag is refused, saying why.
 */
export function fleetAndPromotion(ctx: FleetStepContext): string[] {
  const { report, platform, yamlWall, shop } = ctx;
  const run = (args: string[]) => slipway(ctx.cli, args, ctx.env, ctx.opTimeout);
  const teams = [
    { dir: yamlWall.workDir, stack: yamlWall.stack, images: { nginx: "yaml-wall:image" } },
    { dir: shop.workDir, stack: shop.stack },
  ];
  const devFleet = { platform: platform.workDir, environments: { dev: [{ stack: platform.stack, cluster: "loopback", teams }] } };
  const statusFile = join(ctx.work, "fleet-status.yaml");
  writeFileSync(statusFile, stringify(devFleet));

  report.say("\n== slipway fleet status: the deployed stacks' real outputs and history");
  const table = run(["fleet", "status", "--fleet", statusFile]);
  report.say(table.output.trimEnd().split("\n").map((l) => `        ${l}`).join("\n"));
  const status = run(["fleet", "status", "--fleet", statusFile, "--json"]);
  let rows: StatusRow[] = [];
  try {
    rows = JSON.parse(status.output.slice(status.output.indexOf("["))) as StatusRow[];
  } catch {
    rows = [];
  }
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  const ids = [`platform/${platform.stack}`, `yaml-wall/${yamlWall.stack}`, `shop/${shop.stack}`];
  report.check(`fleet status reads all ${ids.length} stacks, each last updated successfully`, status.status === 0 && ids.every((id) => byId[id]?.lastUpdate?.result === "succeeded" && !byId[id].error) ? undefined : status.output.slice(-2000));
  report.check("the platform's row lists its tenants", JSON.stringify(byId[ids[0]]?.tenants) === JSON.stringify(["payments", "shop"]) ? undefined : `tenants: ${JSON.stringify(byId[ids[0]]?.tenants)}`);
  const nginx = byId[ids[1]]?.apps.find((a) => a.name === "nginx");
  report.check(`yaml-wall's nginx: ${ctx.image}, 3 replicas, by digest`, nginx?.image === ctx.image && nginx.digest && nginx.replicas?.max === 3 ? undefined : `nginx: ${JSON.stringify(nginx)}`);
  const shopApps = (byId[ids[2]]?.apps ?? []).map((a) => a.name).sort();
  report.check(`shop's six services with their images (${shopApps.join(", ")})`, JSON.stringify(shopApps) === JSON.stringify(["api-gateway", "cart", "orders", "registry", "users", "web"]) ? undefined : `apps: ${JSON.stringify(byId[ids[2]]?.apps)}`);

  report.say("\n== slipway promote nginx --from dev --to staging: the digest dev runs, into staging's stack file");
  const stagingFile = join(yamlWall.workDir, "Pulumi.staging.yaml");
  writeFileSync(stagingFile, stringify({ config: { "yaml-wall:dbPassword": ctx.dbPasswordCiphertext, "yaml-wall:image": "nginxinc/nginx-unprivileged:1.27.3" } }));
  const fleetFile = join(ctx.work, "fleet.yaml");
  const stagingTeams = [{ dir: yamlWall.workDir, stack: "staging", images: { nginx: "yaml-wall:image" } }];
  writeFileSync(fleetFile, stringify({ ...devFleet, environments: { ...devFleet.environments, staging: [{ stack: "staging", cluster: "loopback-staging", teams: stagingTeams }] } }));
  const before = readFileSync(stagingFile, "utf8");
  const promoted = run(["promote", "nginx", "--from", "dev", "--to", "staging", "--fleet", fleetFile]);
  report.say(promoted.output.trimEnd().split("\n").map((l) => `        ${l}`).join("\n"));
  const changes = diff(parse(before), parse(readFileSync(stagingFile, "utf8")));
  report.check("the promotion changes exactly one config value, to dev's digest", promoted.status === 0 && JSON.stringify(changes) === JSON.stringify([{ op: "replace", path: ["config", "yaml-wall:image"], value: ctx.image }]) ? undefined : `changes: ${JSON.stringify(changes)}\n${promoted.output.slice(-1500)}`);
  const out = join(ctx.work, "staging-render");
  const rendered = run(["render", yamlWall.workDir, "--stack", "staging", "--out", out, "--no-charts"]);
  type Workload = { kind?: string; metadata?: { name?: string }; spec?: { template: { spec: { containers: { image: string }[] } } } };
  const manifests = rendered.status === 0 ? filesUnder(out).filter((f) => f.endsWith(".yaml")).flatMap((f) => parseAllDocuments(readFileSync(f, "utf8")).map((d) => d.toJSON() as Workload)) : [];
  const deployment = manifests.find((d) => d?.kind === "Deployment" && d.metadata?.name === "nginx");
  const image = deployment?.spec?.template.spec.containers[0].image;
  report.check("a staging render runs the promoted digest", image === ctx.image ? undefined : `image: ${image}\n${rendered.output.slice(-1500)}`);

  const refused = run(["promote", "web", "--from", "dev", "--to", "staging", "--fleet", fleetFile]);
  report.check("promoting shop's web, which dev runs by tag only, is refused and says why", refused.status !== 0 && /a tag without a digest/.test(refused.output) ? undefined : refused.output.slice(-1500));
  report.say(`        ${refused.output.trim().split("\n")[0]}`);
  return [`fleet status: ${table.seconds}s (table), ${status.seconds}s (--json)`, `promote: ${promoted.seconds}s, refused: ${refused.seconds}s`];
}
