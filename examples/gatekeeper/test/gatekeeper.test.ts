import { Tenant } from "@slipway/apps";
import { podsOf, Reachability, render, Rendered } from "@slipway/testing";
import { gatekeeper } from "../gatekeeper";
import { CRD_DIR, stackReferences } from "./fixture";

describe("the gatekeeper example", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(() => gatekeeper({ platformStack: "acme/platform/local", redisAddress: "10.86.67.40" }), { stackReferences });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const sts = () => r.find("StatefulSet", "gatekeeper", "security").spec as any;

  it("runs three replicas that never share a host, each with its own claim", () => {
    expect(sts().replicas).toBe(3);
    expect(sts().template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe("kubernetes.io/hostname");
    expect(sts().volumeClaimTemplates[0].spec).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: "ceph-block", resources: { requests: { storage: "2Gi" } } });
    expect(sts().persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(r.find("PodDisruptionBudget", "gatekeeper", "security")).toBeDefined();
  });

  it("serves two HTTP ports, probing the admin port", () => {
    const c = sts().template.spec.containers[0];
    expect(c.ports).toEqual([
      { name: "http", containerPort: 8080, protocol: "TCP" },
      { name: "admin", containerPort: 8081, protocol: "TCP" },
    ]);
    expect(c.readinessProbe.httpGet).toEqual({ path: "/ready", port: "admin", scheme: "HTTP" });
    expect((r.find("Service", "gatekeeper-headless", "security").spec as { clusterIP: string }).clusterIP).toBe("None");
  });

  it("is reachable under its nip.io host through the platform gateway", async () => {
    expect(r.outputs.url).toBe("https://gatekeeper.security.10.86.67.11.nip.io");
    const route = r.find("HTTPRoute", "gatekeeper", "security").spec as { hostnames: string[]; rules: { backendRefs: { name: string; port: number }[] }[] };
    expect(route.hostnames).toEqual(["gatekeeper.security.10.86.67.11.nip.io"]);
    expect(route.rules[0].backendRefs[0]).toMatchObject({ name: "gatekeeper", port: 8080 });
    // Only the gateway's proxies get in, and only on the routed port (not the admin port).
    const net = new Reachability([...(await render(() => new Tenant("security"))).manifests(), ...r.manifests()]);
    const [pod] = podsOf(r.manifests());
    const inGateway = (labels: Record<string, string>) => ({ workload: "Deployment/envoy", namespace: "gateway-system", labels, ports: {} });
    const proxy = inGateway({ "gateway.envoyproxy.io/owning-gateway-name": "platform", "gateway.envoyproxy.io/owning-gateway-namespace": "gateway-system" });
    expect(net.allows(proxy, pod, 8080)).toBe(true);
    expect(net.allows(proxy, pod, 8081)).toBe(false);
    expect(net.allows(inGateway({ "app.kubernetes.io/name": "gateway-helm" }), pod, 8080)).toBe(false);
  });

  it("reaches the external Redis, and only it", async () => {
    const tenant = await render(() => new Tenant("security"));
    const net = new Reachability([...tenant.manifests(), ...r.manifests()]);
    const [pod] = podsOf(r.manifests());
    expect(net.allows(pod, { ip: "10.86.67.40" }, 6379)).toBe(true);
    expect(net.allows(pod, { ip: "10.86.67.40" }, 6380)).toBe(false);
    expect(net.allows(pod, { ip: "10.86.67.41" }, 6379)).toBe(false);
    expect(r.find("EndpointSlice", "sessions-redis-external", "security").endpoints).toEqual([{ addresses: ["10.86.67.40"], conditions: { ready: true } }]);
  });

  it("validates against the schemas and passes every check", () => {
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check()).toEqual([]);
  });
});
