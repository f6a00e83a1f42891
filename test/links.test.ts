import type { Manifest } from "@slipway/core";
import { allChecks, certificateCovers, formatViolations } from "@slipway/checks";
import { Rendered } from "@slipway/testing";
import { EXAMPLES, renderExampleOn } from "./examples.support";
import { renderStack, STACKS } from "./stacks.support";

const LINKS = allChecks.filter((c) => c.cluster).map((c) => c.id);
const linkFindings = (r: Rendered, cluster: Rendered[] = []) => r.check({ cluster, only: LINKS });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const spec = (m: Manifest) => m.spec as any;

/** The routes of a render, with the Gateway each parentRef names found in the platform's render. */
function attachments(team: Rendered, platform: Rendered) {
  return team.filter("HTTPRoute").flatMap((route) =>
    spec(route).parentRefs.map((ref: { name: string; namespace?: string }) => ({
      route: `${route.metadata.namespace}/${route.metadata.name}`,
      gateway: platform.filter("Gateway").find((g) => g.metadata.name === ref.name && g.metadata.namespace === (ref.namespace ?? route.metadata.namespace)),
    })),
  );
}

describe.each(STACKS)("the %s platform with every example on it", (stack) => {
  let platform: Rendered;
  const teams = new Map<string, Rendered>();
  beforeAll(async () => {
    platform = await renderStack(stack);
    for (const example of EXAMPLES) teams.set(example.name, await renderExampleOn(example, stack, platform));
  }, 300000);

  it("has no link finding in the platform's own render", () => {
    expect(formatViolations(linkFindings(platform))).toBe(formatViolations([]));
  });

  it.each(EXAMPLES.map((e) => e.name))("has no link finding in %s judged against the platform's render", (name) => {
    expect(formatViolations(linkFindings(teams.get(name)!, [platform]))).toBe(formatViolations([]));
  });

  it("judges the examples against the platform's real objects, not in a vacuum", () => {
    const routes = [...teams.values()].flatMap((team) => attachments(team, platform));
    expect(routes.length).toBeGreaterThanOrEqual(2);
    for (const r of routes) expect({ route: r.route, gateway: r.gateway?.metadata.name }).toEqual({ route: r.route, gateway: "platform" });
    // Team pods pull from the platform registry with the tenant's pull secret where the platform has one.
    const pulls = platform.filter("Secret").filter((s) => s.type === "kubernetes.io/dockerconfigjson").map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
    const shop = teams.get("shop")!;
    const web = spec(shop.find("Deployment", "orders")).template.spec;
    if (pulls.includes(`${shop.find("Deployment", "orders").metadata.namespace}/shop-pull`)) expect(web.imagePullSecrets).toEqual([{ name: "shop-pull" }]);
  });

  it("serves every tenant and platform host under a name the gateway certificate covers (X.509)", () => {
    const domain = platform.outputs.domain as string;
    const names = spec(platform.find("Certificate", "platform-tls", "gateway-system")).dnsNames as string[];
    const hosts = [...Object.keys(platform.outputs.tenants as object).map((t) => `app.${t}.${domain}`), `grafana.platform.${domain}`];
    for (const host of hosts) expect({ host, covered: names.some((n) => certificateCovers(n, host)) }).toEqual({ host, covered: true });
  });
});
