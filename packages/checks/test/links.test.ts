import { allChecks, certificateCovers, hostnamesIntersect, objectRef, runChecks, StackView, Violation } from "@slipway/checks";
import { obj, platformView, teamView } from "./links-fixture";

const LINKS = allChecks.filter((c) => c.cluster).map((c) => c.id);

type Side = "team" | "platform";
/** `team`: the team's render judged with the platform's; `platform`: the platform's render alone (its own check). */
type Row = [id: string, what: string, judge: Side, mutate: (views: { team: StackView; platform: StackView }) => void];

const route = (v: { team: StackView }) => obj(v.team, "HTTPRoute", "web").spec;
const gateway = (v: { platform: StackView }) => obj(v.platform, "Gateway", "platform").spec;
const webPod = (v: { team: StackView }, name = "web") => obj(v.team, "Deployment", name).spec.template.spec;

/** Each row breaks exactly one field of the cluster; exactly that link check must fail, and no other check changes its verdict. */
const rows: Row[] = [
  ["L1", "the route's namespace lacks the label the https listener selects", "team", (v) => delete obj(v.platform, "Namespace", "shop").metadata.labels["slipway.dev/gateway-routes"]],
  ["L1", "sectionName names no listener", "team", (v) => (route(v).parentRefs[0].sectionName = "https-tenants")],
  ["L1", "the listener admits only GRPCRoutes", "team", (v) => (gateway(v).listeners[1].allowedRoutes.kinds = [{ group: "gateway.networking.k8s.io", kind: "GRPCRoute" }])],
  ["L1", "parentRef names a Gateway the cluster lacks", "team", (v) => (route(v).parentRefs[0].name = "public")],
  ["L1", "the route attaches to the http listener (Same namespace only)", "team", (v) => (route(v).parentRefs[0].sectionName = "http")],
  ["L2", "the route's host is outside the listener's hostname", "team", (v) => (route(v).hostnames = ["web.shop.example.org"])],
  ["L2", "the listener serves another domain", "team", (v) => (gateway(v).listeners[1].hostname = "*.internal.example.com")],
  ["L3", "the certificate has no wildcard for the tenant (X.509: one label)", "team", (v) => (obj(v.platform, "Certificate", "platform-tls").spec.dnsNames = ["*.apps.example.com"])],
  ["L3", "the listener's Secret is written by no Certificate", "platform", (v) => (gateway(v).listeners[1].tls.certificateRefs[0].name = "other-tls")],
  ["L4", "a cross-namespace backend has no ReferenceGrant", "team", (v) => (v.platform.manifests = v.platform.manifests.filter((m) => m.kind !== "ReferenceGrant"))],
  ["L4", "a cross-namespace backend names a port the Service lacks", "team", (v) => (route(v).rules[0].backendRefs[0].port = 9300)],
  ["L5", "the ServiceMonitor scrapes a port name the Service lacks", "team", (v) => (obj(v.team, "ServiceMonitor", "web").spec.endpoints[0].port = "metrics")],
  ["L5", "the PDB selects no pod", "team", (v) => (obj(v.team, "PodDisruptionBudget", "web").spec.selector.matchLabels["slipway.dev/track"] = "blue")],
  ["L6", "envFrom names a ConfigMap nothing renders", "team", (v) => (webPod(v).containers[0].envFrom[0].configMapRef.name = "web-settings")],
  ["L6", "a private-registry pod lists no pull secret", "team", (v) => delete webPod(v, "web-canary").imagePullSecrets],
  ["L6", "the namespace's pull secret is gone", "team", (v) => (v.platform.manifests = v.platform.manifests.filter((m) => m.metadata.name !== "shop-pull"))],
  ["L7", "the tenant's DNS allow misses NodeLocal DNSCache", "team", (v) => obj(v.platform, "NetworkPolicy", "allow-dns").spec.egress[0].to.pop()],
  ["L7", "the cluster's NodeLocal DNSCache moved to another address", "team", (v) => (v.platform.outputs = { ...v.platform.outputs, clusterDns: { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, nodeLocal: "169.254.20.10" } })],
  ["L7", "the DNS allow reaches CoreDNS only, on a cluster without NodeLocal DNSCache but with CoreDNS elsewhere", "team", (v) => (v.platform.outputs = { ...v.platform.outputs, clusterDns: { namespace: "dns", podLabels: { "k8s-app": "coredns" } } })],
  ["L8", "a claim names a StorageClass the cluster lacks", "team", (v) => (obj(v.team, "StatefulSet", "db").spec.volumeClaimTemplates[0].spec.storageClassName = "gp3")],
  ["L8", "the Gateway names a GatewayClass the cluster lacks", "platform", (v) => (gateway(v).gatewayClassName = "envoy")],
  ["L8", "the Certificate names an issuer the cluster lacks", "platform", (v) => (obj(v.platform, "Certificate", "platform-tls").spec.issuerRef.name = "letsencrypt")],
  ["L8", "the log sink is a Service nothing creates", "platform", (v) => (obj(v.platform, "Namespace", "logging").metadata.annotations["slipway.dev/sink"] = "opensearch.search.svc:9200")],
  ["L9", "the in-cluster Service reaches the canary undeclared", "team", (v) => delete obj(v.team, "Service", "web").metadata.annotations],
  ["L9", "the weighted backends reach the same pods", "team", (v) => delete obj(v.team, "Service", "web-canary").spec.selector["slipway.dev/track"]],
];

function judge(side: Side, views: { team: StackView; platform: StackView }): Violation[] {
  return side === "team" ? runChecks(views.team, { cluster: [views.platform] }) : runChecks(views.platform);
}
const fresh = () => ({ team: teamView(), platform: platformView() });
const links = (vs: Violation[]) => vs.filter((v) => LINKS.includes(v.check));
const others = (vs: Violation[]) => vs.filter((v) => !LINKS.includes(v.check)).map((v) => `${v.check} ${v.object} ${v.field}`).sort();

describe("the link checks' cluster", () => {
  it("passes every link check, from the team's side and the platform's", () => {
    expect(links(judge("team", fresh()))).toEqual([]);
    expect(links(judge("platform", fresh()))).toEqual([]);
  });

  it("has a one-field break for every link check", () => {
    expect(LINKS).toEqual(["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"]);
    expect(LINKS.filter((id) => !rows.some(([row]) => row === id))).toEqual([]);
  });
});

describe.each(rows)("%s fails alone when %s", (id, _what, side, mutate) => {
  it("reports only that link check and changes no other verdict", () => {
    const before = judge(side, fresh());
    const views = fresh();
    mutate(views);
    const after = judge(side, views);
    expect([...new Set(links(after).map((v) => v.check))]).toEqual([id]);
    expect(others(after)).toEqual(others(before));
    const own = new Set(views[side].manifests.map(objectRef));
    for (const v of links(after)) {
      expect(own.has(v.object)).toBe(true);
      expect(v.field).not.toBe("");
      expect(v.hint.length).toBeGreaterThan(0);
    }
  });
});

describe("judging several renders as one cluster", () => {
  it("leaves references into namespaces no render creates alone (a team checked without its platform)", () => {
    expect(links(runChecks(teamView()))).toEqual([]);
  });

  it("judges the team's route against the platform's real listener once the platform's render is given", () => {
    const views = fresh();
    delete obj(views.platform, "Namespace", "shop").metadata.labels["slipway.dev/gateway-routes"];
    expect(links(runChecks(views.team))).toEqual([]);
    expect(links(runChecks(views.team, { cluster: [views.platform] })).map((v) => `${v.check} ${v.object}`)).toEqual(["L1 gateway.networking.k8s.io/v1/HTTPRoute shop/web"]);
  });

  it("reports the stack's own objects only: the platform's findings stay with the platform's check", () => {
    const views = fresh();
    gateway(views).gatewayClassName = "envoy";
    const teamObjects = new Set(views.team.manifests.map(objectRef));
    const team = runChecks(views.team, { cluster: [views.platform] });
    expect(team.length).toBeGreaterThan(0); // the small fixture fails pod checks: they must be about the team's own objects
    expect(team.filter((v) => !teamObjects.has(v.object))).toEqual([]);
    expect(runChecks(views.platform).map((v) => v.check)).toContain("L8");
  });

  it("runs the other checks over the stack alone, whatever the cluster holds", () => {
    const views = fresh();
    const alone = runChecks(views.team).filter((v) => !LINKS.includes(v.check));
    const together = runChecks(views.team, { cluster: [views.platform] }).filter((v) => !LINKS.includes(v.check));
    expect(together).toEqual(alone);
  });
});

describe("references to objects the cluster creates from rendered ones", () => {
  it("accepts a Secret a rendered cert-manager Certificate issues, and reports it once the Certificate names another", () => {
    const mount = (v: { team: StackView }) => (webPod(v).volumes ??= []).push({ name: "tls", secret: { secretName: "web-tls" } });
    const issuer = (secretName: string) => ({ apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "web", namespace: "shop" }, spec: { secretName, dnsNames: ["web.shop.svc"], issuerRef: { name: "ca", kind: "ClusterIssuer" } } });
    const issued = fresh();
    mount(issued);
    issued.team.manifests.push(issuer("web-tls"));
    expect(links(judge("team", issued)).filter((v) => v.check === "L6")).toEqual([]);
    const other = fresh();
    mount(other);
    other.team.manifests.push(issuer("other-tls"));
    expect(links(judge("team", other)).filter((v) => v.check === "L6").map((v) => v.field)).toEqual([expect.stringMatching(/volumes\[\d+\]\.secret\.secretName$/)]);
  });
  it("accepts the Secret Rook writes beside a rendered ObjectBucketClaim, and reports it once the claim has another name", () => {
    const envFrom = (v: { team: StackView }) => (webPod(v).containers[0].envFrom ??= []).push({ secretRef: { name: "backups-bucket" } });
    const claim = (name: string) => ({ apiVersion: "objectbucket.io/v1alpha1", kind: "ObjectBucketClaim", metadata: { name, namespace: "shop" }, spec: { bucketName: "b", storageClassName: "buckets" } });
    const claimed = fresh();
    envFrom(claimed);
    claimed.team.manifests.push(claim("backups-bucket"));
    expect(links(judge("team", claimed)).filter((v) => v.check === "L6")).toEqual([]);
    const other = fresh();
    envFrom(other);
    other.team.manifests.push(claim("other-bucket"));
    expect(links(judge("team", other)).filter((v) => v.check === "L6").map((v) => v.field)).toEqual([expect.stringMatching(/envFrom\[\d+\]\.secretRef\.name$/)]);
  });
});

describe("the host rules", () => {
  it.each([
    ["*.example.com", "a.example.com", true],
    ["*.example.com", "a.b.example.com", true], // Gateway API: any depth
    ["*.example.com", "example.com", false],
    ["*.example.com", "*.shop.example.com", true],
    ["a.example.com", "*.example.com", true],
    ["*.example.com", "a.example.org", false],
    [undefined, "anything.example.org", true],
  ])("listener %s and route host %s intersect: %s", (listener, host, expected) => {
    expect(hostnamesIntersect(listener, host)).toBe(expected);
  });

  it.each([
    ["*.example.com", "a.example.com", true],
    ["*.example.com", "a.b.example.com", false], // X.509: one label per wildcard
    ["*.shop.example.com", "cart.shop.example.com", true],
    ["*.example.com", "example.com", false],
    ["*.example.com", "*.shop.example.com", false],
    ["*.shop.example.com", "*.shop.example.com", true],
    ["A.Example.com", "a.example.COM", true],
  ])("certificate name %s covers %s: %s", (name, host, expected) => {
    expect(certificateCovers(name, host)).toBe(expected);
  });
});
