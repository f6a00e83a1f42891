import { render } from "@slipway/testing";
import { kx } from "@slipway/apps";
import { containerNameFromImage } from "@slipway/core";
import { at } from "./support";

describe("kubernetesx parity without its bugs", () => {
  it("keeps hyphens in container names derived from images", () => {
    expect(containerNameFromImage("ghcr.io/acme/cert-manager:v1")).toBe("cert-manager");
    const spec = new kx.PodBuilder("certs", { containers: [{ image: "ghcr.io/acme/cert-manager:v1", ports: { http: 8080 } }] }).asPodSpec();
    expect(at(spec, "containers", 0, "name")).toBe("cert-manager");
  });

  it("adds a volume mounted in two containers exactly once", async () => {
    const r = await render(() => {
      const config = new kx.ConfigMap("shared", { metadata: { namespace: "demo" }, data: { "a.conf": "x" } });
      const pb = new kx.PodBuilder("web", {
        containers: [
          { name: "web", image: "nginxinc/nginx-unprivileged:1.27.3", ports: { http: 8080 }, mounts: [config.mount("/etc/web")] },
          { name: "reloader", image: "ghcr.io/acme/reloader:2.0.1", mounts: [config.mount("/watch")] },
        ],
      });
      new kx.Deployment("web", { metadata: { namespace: "demo" }, spec: pb.asDeploymentSpec() });
    });
    const pod = at(r.find("Deployment", "web", "demo"), "spec.template.spec");
    const configVolumes = pod.volumes.filter((v: { configMap?: unknown }) => v.configMap);
    expect(configVolumes).toEqual([{ name: "cm-shared", configMap: { name: "shared" } }]);
    expect(pod.containers.map((c: { volumeMounts: { name: string; mountPath: string }[] }) => c.volumeMounts.find((m) => m.name === "cm-shared")?.mountPath)).toEqual(["/etc/web", "/watch"]);
  });

  it("lets createService set the Service's name, type and metadata", async () => {
    const r = await render(() => {
      const pb = new kx.PodBuilder("api", { containers: [{ image: "ghcr.io/acme/api:1.0.0", ports: { http: 8080 } }] });
      const deployment = new kx.Deployment("api", { metadata: { namespace: "demo" }, spec: pb.asDeploymentSpec({ replicas: 3 }) });
      deployment.createService({ name: "api-public", type: "LoadBalancer", ports: { http: 80 }, metadata: { annotations: { "example.com/team": "a" } } });
    });
    const svc = r.find("Service", "api-public", "demo");
    expect(svc.metadata.annotations).toEqual({ "example.com/team": "a" });
    expect(at(svc, "spec")).toEqual({
      type: "LoadBalancer",
      selector: { "app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "api" },
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
    });
    expect(at(r.find("Deployment", "api", "demo"), "spec.replicas")).toBe(3);
  });

  it("builds StatefulSet and Job specs with secure defaults", () => {
    const pb = new kx.PodBuilder("db", { containers: [{ image: "postgres:16.4", ports: { postgres: 5432 } }] });
    const sts = pb.asStatefulSetSpec({ serviceName: "db-headless", replicas: 3 });
    expect(sts.serviceName).toBe("db-headless");
    expect(sts.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(at(sts, "template.spec.securityContext.runAsNonRoot")).toBe(true);
    const job = new kx.PodBuilder("migrate", { containers: [{ image: "ghcr.io/acme/migrate:1.0.0" }] }).asJobSpec();
    expect(at(job, "template.spec.restartPolicy")).toBe("Never");
    expect(at(job, "template.spec.containers", 0, "securityContext.readOnlyRootFilesystem")).toBeUndefined();
    expect(at(job, "template.spec.containers", 0, "securityContext", "readOnlyRootFilesystem")).toBe(true);
  });

  it("rejects bad input naming the builder and field", () => {
    expect(() => new kx.PodBuilder("Bad_Name", { containers: [] })).toThrow(/PodBuilder "Bad_Name": name \("Bad_Name"\) is not a DNS-1123 label/);
    expect(() => new kx.PodBuilder("x", { containers: [] }).asPodSpec()).toThrow(/PodBuilder "x": spec.containers \(\[\]\) must list at least one container/);
    expect(() => new kx.PodBuilder("x", { containers: [{ image: "nginx" }] }).asPodSpec()).toThrow(/PodBuilder "x": spec.containers\[0\].image \("nginx"\) has no tag or digest/);
    expect(() => new kx.PodBuilder("x", { containers: [{ image: "nginx:1.27.3" }] }).asDeploymentSpec({ replicas: -1 })).toThrow(/PodBuilder "x": replicas \(-1\) is below the minimum 0/);
  });
});

describe("kx builders on a Slipway platform", () => {
  const tenant = { namespace: "shop", tenantName: "shop", profile: { size: "large" as const }, imagePullSecrets: ["shop-pull"] };
  const containers = [{ name: "task", image: "ghcr.io/acme/task:1.0.0" }];

  it("puts no preStop pause into a Job's containers", () => {
    const spec = new kx.PodBuilder("migrate", { containers }).asJobSpec();
    expect(at(spec, "template.spec.containers", 0, "lifecycle")).toBeUndefined();
    expect(at(spec, "template.spec.restartPolicy")).toBe("Never");
  });

  it("applies the tenant's profile, pull secrets and part-of label", () => {
    const builder = new kx.PodBuilder("worker", { containers, tenant });
    expect(builder.labels["app.kubernetes.io/part-of"]).toBe("shop");
    const spec = builder.asDeploymentSpec();
    expect(at(spec, "template.spec.containers", 0, "resources", "requests", "memory")).toBe("1Gi");
    expect(at(spec, "template.spec.imagePullSecrets")).toEqual([{ name: "shop-pull" }]);
    expect(at(spec, "template.metadata.labels", "app.kubernetes.io/part-of")).toBe("shop");
  });

  it("honours the stack's slipway:defaults", async () => {
    const r = await render(
      () => {
        const builder = new kx.PodBuilder("web", { containers: [{ name: "web", image: "ghcr.io/acme/web:1.0.0", ports: { http: 8080 } }] });
        new kx.Deployment("web", { metadata: { namespace: "demo" }, spec: builder.asDeploymentSpec() });
      },
      { config: { "slipway:defaults": { replicas: 3, revisionHistoryLimit: 7 } } },
    );
    expect(at(r.find("Deployment", "web", "demo"), "spec.replicas")).toBe(3);
    expect(at(r.find("Deployment", "web", "demo"), "spec.revisionHistoryLimit")).toBe(7);
  });
});
