import * as pulumi from "@pulumi/pulumi";
import { findSecretLeaks } from "@slipway/checks";
import { podsOf, Reachability, render } from "@slipway/testing";
import { OFFICE, yamlWall } from "../yaml-wall";

const DB_PASSWORD = "example-yaml-wall-db-9d41";

describe("the yaml-wall example", () => {
  it("renders what the YAML wall describes, secure by default", async () => {
    const r = await render(() => yamlWall(pulumi.secret(DB_PASSWORD)));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const d = r.find("Deployment", "nginx", "web").spec as any;
    expect(d.replicas).toBe(3);
    const c = d.template.spec.containers[0];
    expect(c.volumeMounts).toContainEqual({ name: "files-0", mountPath: "/app/config", readOnly: true });
    expect(c.env.map((e: { name: string }) => e.name)).toEqual(["APP_PASSWORD", "DB_PASSWORD"]);
    expect(c.env.every((e: { valueFrom?: { secretKeyRef?: unknown } }) => e.valueFrom?.secretKeyRef)).toBe(true);
    expect((r.find("Service", "nginx", "web").spec as { type: string; ports: { port: number }[] }).type).toBe("LoadBalancer");
    expect(r.find("Namespace", "web").metadata.labels).toMatchObject({ "slipway.dev/tenant": "web", "pod-security.kubernetes.io/enforce": "restricted" });
    expect((r.find("Service", "nginx", "web").spec as { ports: { port: number }[] }).ports[0].port).toBe(80);
    expect(findSecretLeaks(r.resources, DB_PASSWORD, { yaml: r.toYaml() })).toEqual([]);
    expect(r.validate()).toEqual([]);
  });

  it("passes every check in its own tenant, the LoadBalancer a named exception open to the office only", async () => {
    const r = await render(() => yamlWall(pulumi.secret(DB_PASSWORD)));
    expect(r.check()).toEqual([]);
    const service = r.find("Service", "nginx", "web");
    expect(service.metadata.annotations).toEqual({ "slipway.dev/exposure-reason": expect.stringContaining("office-only load balancer") });
    expect(service.spec).toMatchObject({ externalTrafficPolicy: "Local", loadBalancerSourceRanges: [OFFICE] });
    expect((r.find("ResourceQuota", "web", "web").spec as { hard: Record<string, string> }).hard["services.loadbalancers"]).toBe("1");
    const [pod] = podsOf(r.manifests());
    expect(new Reachability(r.manifests()).allows({ workload: "Deployment/other", namespace: "other", labels: {}, ports: {} }, pod, 8080)).toBe(false);
    const inbound = r.find("NetworkPolicy", "nginx-from-load-balancer", "web").spec as { ingress: { from: unknown[]; ports: unknown[] }[] };
    expect(inbound.ingress).toEqual([{ from: [{ ipBlock: { cidr: OFFICE } }], ports: [{ protocol: "TCP", port: 8080 }] }]);
  });
});
