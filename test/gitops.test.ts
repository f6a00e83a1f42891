import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parseAllDocuments } from "yaml";
import { holdsRedacted, writeGitOps, writeManifests } from "@slipway/cli";
import { Manifest } from "@slipway/core";
import { REDACTED, validateManifests } from "@slipway/testing";
import { Rendered } from "@slipway/testing";
import { CRD_DIR, renderStack } from "./stacks.support";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}
const docs = (file: string) => parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS() as Manifest);

describe("slipway render --gitops", () => {
  const work = mkdtempSync(join(tmpdir(), "slipway-gitops-"));
  let rendered: Rendered;
  beforeAll(async () => {
    rendered = await renderStack("local");
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // What `slipway render --gitops <tool> --gitops-path rendered/local` does after rendering.
  const render = (tool: "argocd" | "flux") => {
    const out = join(work, tool);
    writeManifests(rendered, out, { leaveOut: holdsRedacted });
    writeGitOps(rendered, out, { tool, repo: "https://git.example/platform.git", path: "rendered/local", prefix: "local" }, []);
  };

  it("writes an Argo CD Application per folder, valid against Argo CD's CRD, each wave after the folders it waits for", () => {
    render("argocd");
    const apps = docs(join(work, "argocd", "gitops", "argocd.yaml"));
    expect(validateManifests(apps, { crdDirs: [join(CRD_DIR, "argo-cd")] })).toEqual([]);
    // The CRD does judge them: an Application without a destination is refused.
    const broken = { ...apps[0], spec: { ...(apps[0].spec as object), destination: undefined } };
    expect(validateManifests([JSON.parse(JSON.stringify(broken)) as Manifest], { crdDirs: [join(CRD_DIR, "argo-cd")] })).not.toEqual([]);
    const folders = readdirSync(join(work, "argocd")).filter((n) => statSync(join(work, "argocd", n)).isDirectory() && n !== "gitops");
    const byPath = new Map(apps.map((a) => [(a.spec as { source: { path: string } }).source.path, a]));
    expect([...byPath.keys()].sort()).toEqual(folders.map((f) => `rendered/local/${f}`).sort());
    const wave = (folder: string) => Number((byPath.get(`rendered/local/${folder}`)!.metadata.annotations as Record<string, string>)["argocd.argoproj.io/sync-wave"]);
    // A tenant's objects live in a Namespace from _cluster; Grafana's route needs the gateway's namespace first.
    expect(wave("shop")).toBeGreaterThan(wave("_cluster"));
    expect(wave("monitoring")).toBeGreaterThan(wave("gateway-system"));
  });

  it("leaves secret-bearing objects out of what is applied and lists them for the cluster to provide", () => {
    const out = join(work, "argocd");
    const applied = files(out).filter((f) => f.endsWith(".yaml") && !f.includes("gitops") && !/(charts|cloud)\.yaml$/.test(f));
    for (const file of applied) expect(readFileSync(file, "utf8")).not.toContain(REDACTED);
    const required = docs(join(out, "gitops", "required-secrets.yaml"))[0] as unknown as { kind: string; namespace: string; name: string; keys: string[] }[];
    expect(required).toContainEqual({ apiVersion: "v1", kind: "Secret", namespace: "shop", name: "shop-pull", keys: [".dockerconfigjson"] });
    expect(files(out).some((f) => f.endsWith(join("shop", "secret.yaml")))).toBe(false);
  });

  it("writes Flux Kustomizations, valid against Flux's CRD, whose dependsOn name earlier folders", () => {
    render("flux");
    const ks = docs(join(work, "flux", "gitops", "flux.yaml"));
    expect(validateManifests(ks, { crdDirs: [join(CRD_DIR, "flux")] })).toEqual([]);
    const shop = ks.find((k) => k.metadata.name === "local-shop")!;
    expect((shop.spec as { dependsOn: { name: string }[] }).dependsOn).toContainEqual({ name: "local-cluster" });
    expect((shop.spec as { path: string }).path).toBe("./rendered/local/shop");
  });
});
