/**
 * The e2e tier's checks against a live cluster (started by tools/e2e/run.sh): render the platform's
 * local stack and every example, apply every rendered object with server-side apply, wait for the
 * workloads, assert what only a real API server and controllers can prove, then delete everything.
 * Prints one line per check and `N passed, N failed` at the end; exits 1 on any failure.
 *
 * Environment: E2E_KUBECTL and E2E_KUBECONFIG (required), E2E_OUT (render folder),
 * E2E_CRDS (default ../shared/crds), E2E_READY_TIMEOUT (seconds per workload, default 120).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { enforcesRestricted, isWorkload, podCreationFailures, quotaInForce, serviceEndpoints, waitReady } from "./checks";
import { describe, Kubectl } from "./kubectl";
import { defaultExemptions, waivesPodSecurity } from "@slipway/checks";
import { CHART_ANNOTATION } from "@slipway/testing";
import { inApplyOrder, K8sObject, loadCharts, loadRendered, needsLiveBackend, withDummySecrets } from "./manifests";
import { podSecurityProbe, probeNamespace } from "./pod-security";
import { Report } from "./report";
import { discoverTargets, platformReferences, renderTarget } from "./targets";
import { expectedClaims, volumesFor } from "./volumes";

const repoRoot = resolve(__dirname, "../..");
const outDir = process.env.E2E_OUT ?? "/tmp/slipway-e2e-rendered";
const crdDir = process.env.E2E_CRDS ?? resolve(repoRoot, "../shared/crds");
const readyTimeout = Number(process.env.E2E_READY_TIMEOUT ?? "120");
const kubectl = new Kubectl(required("E2E_KUBECTL"), required("E2E_KUBECONFIG"));
const report = new Report();
/** Namespaces of the named host-agent exemptions (CHECKS S1-S11): privileged on purpose. */
// Only host agents' namespaces are privileged; a chart's fixed settings (R4, R10, ...) leave its namespace restricted.
const hostAgents = defaultExemptions.filter(waivesPodSecurity);
const hostAgentNamespaces = new Set(hostAgents.map((e) => e.namespace));

/** One object to apply, with where it came from. */
interface Item {
  object: K8sObject;
  source: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tier through tools/e2e/run.sh`);
  return value;
}

function crdFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? crdFiles(path) : entry.endsWith(".yaml") ? [path] : [];
    })
    .sort();
}

function isBuiltIn(o: K8sObject): boolean {
  const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "";
  return group === "" || group.endsWith(".k8s.io") || ["apps", "batch", "policy", "autoscaling"].includes(group);
}

function podSecurityProof(): void {
  report.say("\n== Pod Security admission can fail (a deliberately broken pod)");
  const probe = podSecurityProbe(kubectl);
  report.check("a privileged pod is rejected by Pod Security (restricted)", probe.rejected);
  report.check("a compliant pod in the same namespace is admitted", probe.admitted);
}

/**
 * The platform's outputs as its stack reference, for the examples. A platform that exports no
 * kubeconfig (an existing cluster) is given the e2e cluster's: that is the cluster it stands for here.
 */
function platformOutputs(platformDir: string): string {
  const outputs = JSON.parse(readFileSync(join(platformDir, "outputs.json"), "utf8")) as Record<string, unknown>;
  if (outputs.kubeconfig === undefined) {
    outputs.kubeconfig = readFileSync(required("E2E_KUBECONFIG"), "utf8");
    report.say("  note  the platform stack exports no kubeconfig: its stack reference gets the e2e cluster's");
  }
  const file = join(outDir, "platform-stack-reference.json");
  writeFileSync(file, JSON.stringify(outputs));
  return file;
}

/** Renders every target (the platform first, then the examples against its outputs); returns what to apply. */
function renderAll(): Item[] {
  report.say("\n== Render the local platform stack and every example");
  const items: Item[] = [];
  const [platform, ...examples] = discoverTargets(repoRoot);
  let platformFile: string | undefined;
  for (const target of [platform, ...examples]) {
    const dir = join(outDir, target.name.replace(/\//g, "_"));
    const references = target === platform || !platformFile ? {} : Object.fromEntries(platformReferences(target, platform).map((name) => [name, platformFile as string]));
    const named = Object.keys(references);
    const label = `render ${target.name} (stack ${target.stack})${named.length ? ` with stack reference ${named.join(", ")}` : ""}`;
    const error = renderTarget(repoRoot, target, dir, references);
    if (!report.check(label, error === undefined ? undefined : error.split("\n").slice(-3).join("\n"))) continue;
    if (target === platform) platformFile = platformOutputs(dir);
    const { objects } = loadRendered(dir);
    const charts = loadCharts(dir);
    const fromCharts = objects.filter((o) => o.metadata.annotations?.[CHART_ANNOTATION] !== undefined);
    const perChart = [...new Set(fromCharts.map((o) => o.metadata.annotations![CHART_ANNOTATION]))].map((id) => `${id} ${fromCharts.filter((o) => o.metadata.annotations![CHART_ANNOTATION] === id).length}`);
    report.say(`        ${objects.length} objects (${fromCharts.length} from ${charts.length} charts${perChart.length ? `: ${perChart.join(", ")}` : ", none rendered"})`);
    // Webhooks and aggregated APIs would route the API server to kwok's fake pods, which serve nothing.
    const needBackend = objects.filter(needsLiveBackend);
    if (needBackend.length) report.say(`  skip  ${needBackend.length} objects that need a live backend: ${needBackend.map(describe).join(", ")}`);
    for (const object of objects.filter((o) => !needsLiveBackend(o))) items.push({ object, source: target.name });
  }
  return items;
}

function installCrds(): number {
  report.say(`\n== Install the upstream CRDs from ${crdDir}`);
  let installed = 0;
  for (const file of crdFiles(crdDir)) {
    const result = kubectl.run(["apply", "--server-side", "--field-manager=slipway-e2e", "-f", file]);
    if (result.ok) installed += result.stdout.split("\n").filter((l) => l.includes("serverside-applied")).length;
    else report.fail(`install CRDs of ${file.slice(crdDir.length + 1)}`, result.stderr);
  }
  const established = kubectl.run(["wait", "--for=condition=Established", "crd", "--all", "--timeout=120s"]);
  report.check(`${installed} CRDs installed and Established`, established.ok ? undefined : established.stderr);
  return installed;
}

/** Whether a workload's pods run in the host's network namespace. */
function hostNetwork(w: K8sObject): boolean {
  return (w.spec as { template?: { spec?: { hostNetwork?: boolean } } } | undefined)?.template?.spec?.hostNetwork === true;
}

/** Namespaces every cluster has: never created or deleted here (charts put objects into kube-system). */
const SYSTEM_NAMESPACES = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

/** Namespaces the examples use but expect the platform to own: created here, restricted like a Tenant's. */
function missingNamespaces(items: Item[]): Item[] {
  const rendered = new Set(items.filter((i) => i.object.kind === "Namespace").map((i) => i.object.metadata.name));
  const used = new Set(items.map((i) => i.object.metadata.namespace).filter((n): n is string => !!n));
  return [...used]
    .filter((ns) => !rendered.has(ns) && !SYSTEM_NAMESPACES.has(ns))
    .sort()
    .map((name) => ({
      source: "e2e (namespace used but not rendered)",
      object: {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name, labels: { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted" } },
      },
    }));
}

/** Applies every item in dependency order; returns those the server accepted. */
function applyAll(items: Item[]): { applied: Item[]; rejected: number } {
  report.say("\n== Server-side apply, in dependency order");
  const applied: Item[] = [];
  let rejected = 0;
  const ordered = inApplyOrder(items);
  const lastCrd = ordered.map((i) => i.object.kind).lastIndexOf("CustomResourceDefinition");
  for (const [index, item] of ordered.entries()) {
    const { object, replaced } = withDummySecrets(item.object);
    const result = kubectl.apply(object);
    const podSecurityWarning = /would violate PodSecurity/.test(result.stderr) ? result.stderr : undefined;
    const why = !result.ok ? result.stderr : podSecurityWarning;
    const note = replaced > 0 ? ` (${replaced} redacted value${replaced > 1 ? "s" : ""} replaced by a dummy)` : "";
    if (report.check(`apply ${describe(object)} [${item.source}]${note}`, why)) applied.push({ ...item, object });
    else rejected += 1;
    if (index === lastCrd) {
      // The charts' CRDs must be served before their custom resources are applied.
      const established = kubectl.run(["wait", "--for=condition=Established", "crd", "--all", "--timeout=120s"]);
      report.check("the charts' CRDs are Established", established.ok ? undefined : established.stderr);
    }
  }
  return { applied, rejected };
}

function selects(selector: Record<string, string>, workload: K8sObject): boolean {
  const labels = ((workload.spec as { template?: { metadata?: { labels?: Record<string, string> } } })?.template?.metadata?.labels ?? {}) as Record<string, string>;
  return workload.metadata.namespace !== undefined && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function assertLive(applied: Item[]): number {
  const objects = applied.map((i) => i.object);
  const workloads = objects.filter(isWorkload);

  report.say("\n== Workloads Ready (kwok nodes run the pods)");
  let podsReady = 0;
  for (const w of workloads) {
    const { ready, complaint } = waitReady(kubectl, w, readyTimeout);
    podsReady += ready;
    report.check(`${describe(w)} Ready (${ready} pods)`, complaint);
  }

  report.say("\n== Pod Security, quotas and LimitRanges admitted every pod");
  for (const ns of [...new Set(workloads.map((w) => w.metadata.namespace ?? "default"))].sort()) {
    if (hostAgentNamespaces.has(ns)) report.say(`  note  namespace ${ns} holds named host agents (${hostAgents.filter((e) => e.namespace === ns).map((e) => e.name).join(", ")}): privileged by design`);
    else report.check(`namespace ${ns} enforces Pod Security restricted`, enforcesRestricted(kubectl, ns));
    const failures = podCreationFailures(kubectl, ns);
    report.check(`no pod of namespace ${ns} was refused at admission`, failures.length ? failures.join("\n") : undefined);
  }
  for (const q of objects.filter((o) => o.kind === "ResourceQuota")) report.check(`${describe(q)} in force`, quotaInForce(kubectl, q));
  for (const l of objects.filter((o) => o.kind === "LimitRange")) report.check(`${describe(l)} accepted`, kubectl.get(l) ? undefined : "missing");

  report.say("\n== Services have endpoints");
  for (const s of objects.filter((o) => o.kind === "Service")) {
    const selector = (s.spec as { selector?: Record<string, string> })?.selector;
    if (selector && !workloads.some((w) => w.metadata.namespace === s.metadata.namespace && selects(selector, w))) {
      report.say(`  skip  ${describe(s)}: selects no rendered workload (chart-managed or external)`);
      continue;
    }
    if (selector && workloads.some((w) => w.metadata.namespace === s.metadata.namespace && selects(selector, w) && hostNetwork(w))) {
      report.say(`  skip  ${describe(s)}: selects host-network pods, whose addresses are kwok's fake node IPs`);
      continue;
    }
    report.check(`${describe(s)} has ready endpoints`, serviceEndpoints(kubectl, s));
  }

  report.say("\n== Custom resources accepted by their CRD schemas (strict field validation)");
  for (const c of objects.filter((o) => !isBuiltIn(o))) report.check(`${describe(c)} stored`, kubectl.get(c) ? undefined : "missing after apply");
  return podsReady;
}

/**
 * Deletes in reverse order, then the namespaces (which take the StatefulSets' claims with them),
 * then the volumes (protected while a claim uses them), and checks that nothing is left.
 */
function deleteAll(objects: K8sObject[]): void {
  report.say("\n== Delete everything and check it is gone");
  const reversed = inApplyOrder(objects.map((object) => ({ object }))).reverse().map((i) => i.object);
  const last = ["Namespace", "PersistentVolume"];
  const ordered = [...reversed.filter((o) => !last.includes(o.kind)), ...last.flatMap((kind) => reversed.filter((o) => o.kind === kind))];
  for (const o of ordered) {
    const result = kubectl.delete(o, 120);
    if (!result.ok) report.fail(`delete ${describe(o)}`, result.stderr);
  }
  const left = objects.filter((o) => kubectl.get(o) !== undefined);
  report.check(`all ${objects.length} objects deleted`, left.length ? `still there: ${left.map(describe).join(", ")}` : undefined);
}

function main(): void {
  const start = Date.now();
  podSecurityProof();
  const rendered = renderAll();
  installCrds();
  const namespaces = missingNamespaces(rendered);
  for (const n of namespaces) report.say(`  note  namespace ${n.object.metadata.name} is used but not rendered: created restricted, as the platform would`);
  const volumes = volumesFor(expectedClaims(rendered.map((i) => i.object))).map((object) => ({ object, source: "e2e (volume for a claim)" }));
  const { applied, rejected } = applyAll([...namespaces, ...rendered, ...volumes]);
  const podsReady = assertLive(applied);
  deleteAll([...applied.map((i) => i.object), probeNamespace()]);

  const fromRendered = applied.filter((i) => !i.source.startsWith("e2e")).length;
  report.say(`\nobjects applied: ${fromRendered} of ${rendered.length} rendered (+${applied.length - fromRendered} provided by the tier); pods Ready: ${podsReady}; rejections: ${rejected}; ${Math.round((Date.now() - start) / 1000)}s`);
  report.say(report.summary());
  process.exitCode = report.failedCount > 0 ? 1 : 0;
}

main();
