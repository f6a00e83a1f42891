import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { diffRenders, formatDiff, MASKED, writeManifests } from "@slipway/cli";
import { Rendered } from "@slipway/testing";
import { renderStack } from "./stacks.support";

describe("slipway diff: two renders of the local stack", () => {
  let work: string;
  let before: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "slipway-diff-test-"));
    before = join(work, "before");
    writeManifests(await renderStack("local"), before);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("shows exactly the one changed value, on the one object it reaches", async () => {
    const after = join(work, "after");
    writeManifests(
      await renderStack("local", (config) => {
        const tenants = config["platform:tenants"] as Record<string, { quota: Record<string, string> }>;
        tenants.billing.quota.memory = "24Gi";
      }),
      after,
    );
    const changes = diffRenders(before, after);
    expect(changes.map((c) => [c.change, c.key])).toEqual([["changed", "v1 ResourceQuota billing/billing"]]);
    // The tenant's memory quota caps both requests and limits.
    expect(changes[0].fields).toEqual([
      { path: 'spec.hard["limits.memory"]', before: "16Gi", after: "24Gi" },
      { path: 'spec.hard["requests.memory"]', before: "16Gi", after: "24Gi" },
    ]);
    expect(formatDiff(changes)).toContain('"16Gi" -> "24Gi"');
  });

  it("finds nothing between a render and itself, and names added and removed objects", () => {
    expect(diffRenders(before, before)).toEqual([]);
    const edited = join(work, "edited");
    writeManifests(new Rendered([], {}), edited);
    const changes = diffRenders(before, edited);
    expect(changes.every((c) => c.change === "removed" || c.key.startsWith("chart") || c.key.startsWith("cloud"))).toBe(true);
    expect(changes.some((c) => c.key === "v1 Namespace billing" && c.change === "removed")).toBe(true);
    expect(diffRenders(edited, before).find((c) => c.key === "v1 Namespace billing")?.change).toBe("added");
  });

  it("never prints a Secret's values, even masked ones", () => {
    const copy = join(work, "secret-copy");
    writeManifests(new Rendered([], {}), copy);
    const secret = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: a\ndata:\n  password: ${data}\n`;
    writeFileSync(join(before, "zz-secret.yaml"), secret("b2xk"));
    writeFileSync(join(copy, "zz-secret.yaml"), secret("bmV3"));
    const change = diffRenders(before, copy).find((c) => c.key === "v1 Secret a/s");
    rmSync(join(before, "zz-secret.yaml"));
    expect(change?.fields).toEqual([{ path: "data.password", before: MASKED, after: MASKED }]);
    expect(formatDiff([change!])).not.toMatch(/b2xk|bmV3/);
  });

  it("refuses a folder slipway render did not write", () => {
    const plain = join(work, "plain");
    writeManifests(new Rendered([], {}), plain);
    rmSync(join(plain, ".slipway-render"));
    expect(() => diffRenders(before, plain)).toThrow(/not a folder written by slipway render/);
    expect(readFileSync(join(before, ".slipway-render"), "utf8")).toContain("slipway render");
  });
});
