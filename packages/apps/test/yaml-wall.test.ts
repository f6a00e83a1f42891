import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Manifest } from "@slipway/core";
import { render, Rendered } from "@slipway/testing";
import { AppService, kx } from "@slipway/apps";
import { at, CRD_DIR } from "./support";

/**
 * The classic YAML-wall example: an nginx Deployment of 3 replicas with a ConfigMap mounted at
 * /app/config, a Secret holding a generated app password and a database password from config,
 * both as env vars, exposed by a LoadBalancer Service on port 80. Written twice.
 */
const DB_PASSWORD = "yaml-wall-db-password-5c1e";
const config = { "project:dbPassword": DB_PASSWORD };
const secretConfigKeys = ["project:dbPassword"];
const NGINX = "nginxinc/nginx-unprivileged:1.27.3";
const NGINX_CONF = "server { listen 8080; location / { return 200 'ok'; } }\n";

function withBuilders() {
  const cfg = new pulumi.Config();
  const appPassword = new random.RandomPassword("app-password", { length: 24, special: false });
  const files = new kx.ConfigMap("nginx-config", { metadata: { namespace: "web" }, data: { "nginx.conf": NGINX_CONF } });
  const secret = new kx.Secret("nginx-secrets", {
    metadata: { namespace: "web" },
    stringData: { APP_PASSWORD: appPassword.result, DB_PASSWORD: cfg.requireSecret("dbPassword") },
  });
  const pb = new kx.PodBuilder("nginx", {
    containers: [
      {
        image: NGINX,
        ports: { http: 8080 },
        env: { APP_PASSWORD: secret.asEnvValue("APP_PASSWORD"), DB_PASSWORD: secret.asEnvValue("DB_PASSWORD") },
        mounts: [files.mount("/app/config")],
      },
    ],
  });
  const deployment = new kx.Deployment("nginx", { metadata: { namespace: "web" }, spec: pb.asDeploymentSpec({ replicas: 3 }) });
  deployment.createService({ type: "LoadBalancer", ports: { http: 80 } });
}

function withAppService() {
  const cfg = new pulumi.Config();
  const appPassword = new random.RandomPassword("app-password", { length: 24, special: false });
  new AppService("nginx", {
    namespace: "web",
    image: NGINX,
    ports: { http: { port: 80, targetPort: 8080 } },
    replicas: 3,
    serviceType: "LoadBalancer",
    exposureReason: "the legacy clients connect to the node balancer directly",
    loadBalancerSourceRanges: ["203.0.113.0/24"],
    files: { "/app/config/nginx.conf": NGINX_CONF },
    secrets: { APP_PASSWORD: appPassword.result, DB_PASSWORD: cfg.requireSecret("dbPassword") },
  });
}

function expectTheYamlWall(r: Rendered, names: { configMap: string; secret: string; container: string }) {
  const deployment = r.find("Deployment", "nginx", "web");
  expect(at(deployment, "spec.replicas")).toBe(3);
  const pod = at(deployment, "spec.template.spec");
  const container = pod.containers.find((c: { name: string }) => c.name === names.container);
  expect(container.image).toBe(NGINX);
  const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === "/app/config");
  const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name);
  expect(volume.configMap.name).toBe(names.configMap);
  expect(Object.values(r.find("ConfigMap", names.configMap, "web").data as Record<string, string>)).toEqual([NGINX_CONF]);
  expect(container.env).toEqual([
    { name: "APP_PASSWORD", valueFrom: { secretKeyRef: { name: names.secret, key: "APP_PASSWORD" } } },
    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: names.secret, key: "DB_PASSWORD" } } },
  ]);
  const secret = r.find("Secret", names.secret, "web");
  expect(Object.keys(secret.stringData as object).sort()).toEqual(["APP_PASSWORD", "DB_PASSWORD"]);
  expect((secret.stringData as Record<string, string>).DB_PASSWORD).toBe(DB_PASSWORD);
  const service = r.find("Service", "nginx", "web");
  expect(at(service, "spec.type")).toBe("LoadBalancer");
  expect(at(service, "spec.ports")).toEqual([{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
  expect(at(service, "spec.selector")).toEqual({ "app.kubernetes.io/name": "nginx", "app.kubernetes.io/instance": "nginx" });
  // The database password appears only inside the Secret.
  const leaks = r.manifests().filter((m: Manifest) => m.kind !== "Secret" && JSON.stringify(m).includes(DB_PASSWORD));
  expect(leaks).toEqual([]);
  expect(r.toYaml()).not.toContain(DB_PASSWORD);
  expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
}

describe("the YAML wall, rewritten", () => {
  it("with kubernetesx-style builders", async () => {
    const r = await render(withBuilders, { config, secretConfigKeys });
    expectTheYamlWall(r, { configMap: "nginx-config", secret: "nginx-secrets", container: "nginx-unprivileged" });
  });

  it("with AppService", async () => {
    const r = await render(withAppService, { config, secretConfigKeys });
    expectTheYamlWall(r, { configMap: "nginx-files", secret: "nginx-secrets", container: "app" });
    expect(r.find("PodDisruptionBudget", "nginx", "web")).toBeDefined();
  });
});
