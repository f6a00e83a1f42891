/**
 * The e2e tier's engine step (started by tools/e2e/engine-run.sh, cluster up): `slipway up` of a
 * loopback platform and of the yaml-wall and shop examples through the real Pulumi engine (the
 * Automation API, inline programs) with a file backend; every object of the state exists and every
 * rollout is Ready; an image change updates exactly that Deployment; a preview then shows no
 * changes; `slipway fleet status` reads every stack and `slipway promote` writes dev's digest into a
 * staging stack file (test/e2e/engine-fleet.ts); secrets are encrypted in the state; the policy pack refuses a privileged pod inside the
 * engine; a custom resource without its CRD fails `up` clearly; `destroy` leaves nothing behind.
 * Prints one line per check, the counts and times, and `N passed, N failed`; exits 1 on a failure.
 *
 * Environment (engine-run.sh sets it): E2E_KUBECTL, E2E_KUBECONFIG, E2E_WORK (temp folder),
 * SLIPWAY_PULUMI_ROOT (folder with bin/pulumi), PATH with pulumi-resource-kubernetes,
 * PULUMI_BACKEND_URL (file://), PULUMI_CONFIG_PASSPHRASE, E2E_ENGINE_OP_TIMEOUT (seconds, default 300).
 */
import { randomBytes } from "crypto";
import { readdirSync, readFileSync, statSync } from "fs";
import { join, resolve } from "path";
import { describe, Kubectl } from "./kubectl";
import { K8sObject } from "./manifests";
import { Report } from "./report";
import { EngineProgram, engineStack, slipway, SlipwayCall, stateObjects, throwawayProject } from "./engine-stacks";
import { fleetAndPromotion } from "./engine-fleet";
import { parse } from "yaml";

const repoRoot = resolve(__dirname, "../..");
const cli = join(repoRoot, "packages/cli/dist/bin.js");
const crdDir = process.env.E2E_CRDS ?? resolve(repoRoot, "../shared/crds");
const policyPack = join(repoRoot, "packages/checks/policy-pack");
const opTimeout = Number(process.env.E2E_ENGINE_OP_TIMEOUT ?? "300");
const work = required("E2E_WORK");
const pulumiRoot = required("SLIPWAY_PULUMI_ROOT");
const kubectl = new Kubectl(required("E2E_KUBECTL"), required("E2E_KUBECONFIG"));
const report = new Report();
const env = { ...process.env, KUBECONFIG: required("E2E_KUBECONFIG"), PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" };

/** Obviously fake, unique per run: the state file is searched for them. */
const fake = (what: string) => `e2e-fake-${what}-${randomBytes(6).toString("hex")}`;
const secrets = { dbPassword: fake("db"), appPassword: fake("app"), mysqlPassword: fake("mysql"), mysqlRootPassword: fake("mysql-root"), redisPassword: fake("redis") };
// By digest, so the fleet step can promote it (kwok's nodes pull nothing: the digest only has to be well formed).
const NEW_IMAGE = "nginxinc/nginx-unprivileged:1.27.4@sha256:5d1b2b4f0f5e0d3f4a6c8e9b7a2d1c3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the engine step through tools/e2e/engine-run.sh`);
  return value;
}

/** Runs `slipway <op> <workDir> --stack <stack> [...extra] --json` and records whether it did as expected. */
function run(op: string, program: EngineProgram, extra: string[] = [], expectOk = true): SlipwayCall {
  const call = slipway(cli, [op, program.workDir, "--stack", program.stack, ...extra, "--json"], env, opTimeout);
  const ok = call.status === 0 && call.result?.ok === true;
  const told = call.result ? `${call.result.summary}` : "no result";
  report.check(`slipway ${op} ${program.project}${extra.length ? ` ${extra.join(" ")}` : ""}: ${expectOk ? "succeeds" : "fails"} (${told})`, ok === expectOk ? undefined : call.output.split("\n").slice(-30).join("\n"));
  return call;
}

function exists(o: K8sObject): boolean {
  return kubectl.get(o) !== undefined;
}

/** A Deployment or StatefulSet whose rollout finished with every replica Ready; else why not. */
function rolloutReady(o: K8sObject): string | undefined {
  const rollout = kubectl.run(["rollout", "status", `${o.kind.toLowerCase()}/${o.metadata.name}`, "-n", o.metadata.namespace ?? "default", "--timeout=60s"]);
  if (!rollout.ok) return rollout.stderr || rollout.stdout;
  const status = (kubectl.get(o)?.status ?? {}) as { replicas?: number; readyReplicas?: number };
  return status.replicas && status.readyReplicas === status.replicas ? undefined : `${status.readyReplicas ?? 0} of ${status.replicas ?? 0} replicas Ready`;
}

function installCrds(): void {
  report.say(`\n== The upstream CRDs (${crdDir})`);
  const files = (dir: string): string[] => readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? files(join(dir, e)) : e.endsWith(".yaml") ? [join(dir, e)] : []));
  const failed = files(crdDir).map((f) => kubectl.run(["apply", "--server-side", "--field-manager=slipway-e2e", "-f", f])).filter((r) => !r.ok);
  const established = kubectl.run(["wait", "--for=condition=Established", "crd", "--all", "--timeout=120s"]);
  report.check("CRDs installed and Established", failed.length ? failed[0].stderr : established.ok ? undefined : established.stderr);
}

/** Every file of the file backend's state (stacks, backups, history). */
function stateText(): string {
  const dir = new URL(required("PULUMI_BACKEND_URL")).pathname;
  const walk = (d: string): string[] => readdirSync(d).flatMap((e) => (statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : [join(d, e)]));
  return walk(dir).map((f) => readFileSync(f, "utf8")).join("\n");
}

async function main(): Promise<void> {
  const figures: string[] = [];
  installCrds();

  report.say("\n== Stacks on a file backend, run from throwaway project folders");
  const platform = throwawayProject(work, join(__dirname, "engine/platform"), "local");
  const yamlWall = throwawayProject(work, join(repoRoot, "examples/yaml-wall"), "dev", { "yaml-wall:platformStack": "organization/platform/local" });
  const shop = throwawayProject(work, join(repoRoot, "examples/shop"), "dev", { "shop:platformStack": "organization/platform/local" });
  const privileged = throwawayProject(work, join(__dirname, "engine/privileged"), "dev");
  const broken = throwawayProject(work, join(__dirname, "engine/broken"), "dev");
  const given: [EngineProgram, string, string][] = [
    [platform, "platform:kubeconfig", readFileSync(required("E2E_KUBECONFIG"), "utf8")],
    [yamlWall, "yaml-wall:dbPassword", secrets.dbPassword],
    [yamlWall, "yaml-wall:appPassword", secrets.appPassword],
    [shop, "shop:mysqlPassword", secrets.mysqlPassword],
    [shop, "shop:mysqlRootPassword", secrets.mysqlRootPassword],
    [shop, "shop:redisPassword", secrets.redisPassword],
  ];
  for (const [program, key, value] of given) await (await engineStack(program, pulumiRoot)).setConfig(key, { value, secret: true });
  report.pass(`secrets given as secret config (${given.length}), passphrase secrets provider`);

  report.say("\n== slipway preview, as a person sees it");
  const seen = slipway(cli, ["preview", platform.workDir, "--stack", platform.stack], env, opTimeout);
  const planned = seen.output.split("\n").filter((l) => /^\[ *[0-9.ms]+\] \+ {2}create /.test(l));
  const closing = seen.output.split("\n").find((l) => l.startsWith("preview succeeded"));
  report.check(`progress: one line per planned resource (${planned.length}), then the summary`, seen.status === 0 && planned.length > 5 && closing ? undefined : seen.output.slice(-2000));
  report.say(`        ${planned[0] ?? ""}\n        ${closing ?? ""}`);

  report.say("\n== slipway up: the loopback platform, then the team stacks on it");
  const ups = [platform, yamlWall, shop].map((p) => ({ program: p, call: run("up", p, p === platform ? [] : ["--no-check"]) }));
  const objects = new Map<EngineProgram, K8sObject[]>();
  for (const { program, call } of ups) {
    const live = await stateObjects(await engineStack(program, pulumiRoot));
    objects.set(program, live);
    const missing = live.filter((o) => !exists(o)).map(describe);
    report.check(`${program.project}: every one of the ${live.length} Kubernetes objects in its state exists`, missing.length ? `missing: ${missing.join(", ")}` : undefined);
    const workloads = live.filter((o) => o.kind === "Deployment" || o.kind === "StatefulSet");
    const notReady = workloads.map((o) => [describe(o), rolloutReady(o)] as const).filter(([, why]) => why !== undefined);
    report.check(`${program.project}: every rollout is Ready (${workloads.length} workloads)`, notReady.length ? notReady.map(([w, why]) => `${w}: ${why}`).join("\n") : undefined);
    figures.push(`up ${program.project}: ${JSON.stringify(call.result?.changes ?? {})} in ${call.seconds}s`);
  }

  report.say("\n== Secrets in the state");
  const state = stateText();
  const leaked = Object.entries(secrets).filter(([, v]) => state.includes(v)).map(([k]) => k);
  report.check(`no plaintext secret in the state files (${Object.keys(secrets).length} searched)`, leaked.length ? `found: ${leaked.join(", ")}` : undefined);
  report.check("the state holds secrets as ciphertext", state.includes('"ciphertext"') ? undefined : "no ciphertext in the state");

  report.say("\n== An image change updates exactly the changed Deployment");
  await (await engineStack(yamlWall, pulumiRoot)).setConfig("yaml-wall:image", { value: NEW_IMAGE });
  const update = run("up", yamlWall, ["--no-check"]);
  // Reading the platform's StackReference is a step, not a change.
  const steps = (update.result?.steps ?? []).filter((s) => s.op !== "read");
  report.check("the update changed exactly one resource: Deployment nginx", steps.length === 1 && steps[0].op === "update" && steps[0].type === "kubernetes:apps/v1:Deployment" && steps[0].name === "nginx" ? undefined : `steps: ${JSON.stringify(steps)}`);
  const nginx = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx", namespace: "web" } };
  const image = (kubectl.get(nginx)?.spec as { template?: { spec?: { containers?: { image: string }[] } } })?.template?.spec?.containers?.[0]?.image;
  report.check(`the live Deployment runs ${NEW_IMAGE} and rolled out`, image === NEW_IMAGE ? rolloutReady(nginx) : `image is ${image}`);
  figures.push(`update yaml-wall: ${JSON.stringify(update.result?.changes ?? {})} in ${update.seconds}s`);
  const preview = run("preview", yamlWall);
  const changed = Object.keys(preview.result?.changes ?? {}).filter((k) => k !== "unchanged");
  report.check("slipway preview after the update shows no changes", preview.result && !changed.length ? undefined : `changes: ${JSON.stringify(preview.result?.changes)}`);

  const repoStackFile = parse(readFileSync(join(repoRoot, "examples/yaml-wall/Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  figures.push(...fleetAndPromotion({ cli, env, work, opTimeout, report, platform, yamlWall, shop, image: NEW_IMAGE, dbPasswordCiphertext: repoStackFile.config["yaml-wall:dbPassword"] }));

  report.say("\n== The policy pack, run by the engine, refuses a privileged pod");
  const refused = run("up", privileged, ["--no-check", "--policy-pack", policyPack], false);
  const violations = refused.result?.policyViolations ?? [];
  report.check(`mandatory findings stop the up (${violations.length}, S6 among them)`, violations.some((v) => /\bS6:/.test(v)) ? undefined : `findings: ${violations.join("; ") || refused.output.slice(-2000)}`);
  report.check("nothing of the refused program reached the cluster", exists({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "escape", namespace: "web" } }) ? "Deployment web/escape exists" : undefined);

  report.say("\n== A custom resource without its CRD fails up clearly");
  const crdless = run("up", broken, ["--no-check"], false);
  const said = (crdless.result?.errors ?? []).join("\n");
  report.check("the error names the kind and the missing CRD", /Widget/.test(said) && /CRD|no matches for kind|could not find the requested resource/i.test(said) ? undefined : `errors: ${said || crdless.output.slice(-2000)}`);
  report.say(`        ${said.split("\n")[0]}`);

  report.say("\n== slipway destroy leaves nothing behind");
  for (const program of [broken, privileged, shop, yamlWall, platform]) {
    const call = run("destroy", program);
    if (objects.has(program)) figures.push(`destroy ${program.project}: ${JSON.stringify(call.result?.changes ?? {})} in ${call.seconds}s`);
  }
  const left = [...objects.values()].flat().filter(exists).map(describe);
  report.check(`every object of every stack is gone (${[...objects.values()].flat().length} checked)`, left.length ? `left: ${left.join(", ")}` : undefined);

  report.say("\n== Figures");
  figures.forEach((f) => report.say(`  ${f}`));
  report.say(report.summary());
  process.exitCode = report.failedCount ? 1 : 0;
}

main().catch((err: unknown) => {
  report.fail("the engine step", err instanceof Error ? (err.stack ?? err.message) : String(err));
  report.say(report.summary());
  process.exitCode = 1;
});
