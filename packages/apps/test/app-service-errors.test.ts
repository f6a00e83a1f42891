import * as pulumi from "@pulumi/pulumi";

import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { AppService, AppServiceArgs } from "@slipway/apps";
import { GATEWAY, SHOP } from "./support";

const ok: AppServiceArgs = { tenant: SHOP, image: "ghcr.io/acme/cart:1.4.2", port: 8080 };
const expose = { host: "cart.example.com", gateway: GATEWAY };

/** Construction-time bad inputs: [case, name, args, field, value shown in the message]. */
const cases: [string, string, Partial<AppServiceArgs> | Record<string, unknown>, string, string][] = [
  ["uppercase name", "Cart", {}, "name", '"Cart"'],
  ["name starting with a digit", "1cart", {}, "name", '"1cart"'],
  ["name too long", "a".repeat(60), {}, "name", "a".repeat(20)],
  ["no tenant or namespace", "cart", { tenant: undefined }, "tenant", "undefined"],
  ["tenant and namespace", "cart", { namespace: "other" }, "namespace", '"other"'],
  ["bad namespace", "cart", { tenant: undefined, namespace: "Shop_1" }, "namespace", '"Shop_1"'],
  ["no port", "cart", { port: undefined }, "port", "undefined"],
  ["port and ports", "cart", { ports: { http: 80 } }, "port", "8080"],
  ["port out of range", "cart", { port: 70000 }, "ports.http.port", "70000"],
  ["port zero", "cart", { port: 0 }, "ports.http.port", "0"],
  ["bad port name", "cart", { port: undefined, ports: { HTTP_Main: 8080 } }, "ports.HTTP_Main", '"HTTP_Main"'],
  ["port name too long", "cart", { port: undefined, ports: { "http-main-service": 8080 } }, "ports.http-main-service", '"http-main-service"'],
  ["duplicate port numbers", "cart", { port: undefined, ports: { http: 8080, web: 8080 } }, "ports.web", "8080"],
  ["empty ports", "cart", { port: undefined, ports: {} }, "ports", "{}"],
  ["image with latest tag", "cart", { image: "nginx:latest" }, "spec.containers[0].image", '"nginx:latest"'],
  ["image without tag", "cart", { image: "ghcr.io/acme/cart" }, "spec.containers[0].image", '"ghcr.io/acme/cart"'],
  ["image with bad characters", "cart", { image: "ghcr.io/Acme/Cart:1.0" }, "spec.containers[0].image", '"ghcr.io/Acme/Cart:1.0"'],
  ["replicas with scale", "cart", { replicas: 3, scale: { min: 2, max: 4 } }, "replicas", "3"],
  ["scale.min below 2", "cart", { scale: { min: 1, max: 4 } }, "scale.min", "1"],
  ["scale.max not above min", "cart", { scale: { min: 5, max: 3 } }, "scale.max", "3"],
  ["scale cpu percent above 100", "cart", { scale: { min: 2, max: 4, cpuPercent: 150 } }, "scale.cpuPercent", "150"],
  ["zero replicas", "cart", { replicas: 0 }, "replicas", "0"],
  ["fractional replicas", "cart", { replicas: 2.5 }, "replicas", "2.5"],
  ["bad memory quantity", "cart", { resources: { requests: { memory: "lots" } } }, "spec.containers[0].resources.requests.memory", '"lots"'],
  ["memory without suffix", "cart", { resources: { requests: { memory: "512" } } }, "spec.containers[0].resources.requests.memory", '"512"'],
  ["cpu limit below request", "cart", { resources: { requests: { cpu: "2" } }, cpuLimit: "500m" }, "spec.containers[0].resources.limits.cpu", '"500m"'],
  ["unknown size preset", "cart", { resources: "huge" }, "spec.containers[0].resources", '"huge"'],
  ["probe on an undeclared port", "cart", { probes: { readiness: { tcp: { port: "admin" } } } }, "spec.containers[0].probes.readiness.tcp.port", '"admin"'],
  ["probe on an undeclared port number", "cart", { probes: { liveness: { http: { path: "/", port: 9999 } } } }, "spec.containers[0].probes.liveness.http.port", "9999"],
  ["probe path without slash", "cart", { probes: { readiness: { http: { path: "healthz" } } } }, "spec.containers[0].probes.readiness.http.path", '"healthz"'],
  ["identical readiness and liveness", "cart", { probes: { readiness: { tcp: {} }, liveness: { tcp: {}, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 } } }, "spec.containers[0].probes.liveness", "tcp"],
  ["canary weight 0", "cart", { canary: { image: "ghcr.io/acme/cart:1.5.0", weight: 0 } }, "canary.weight", "0"],
  ["canary weight 100", "cart", { canary: { image: "ghcr.io/acme/cart:1.5.0", weight: 100 } }, "canary.weight", "100"],
  ["canary with latest image", "cart", { canary: { image: "ghcr.io/acme/cart:latest", weight: 10 } }, "canary.containers[0].image", "latest"],
  ["host that is not a hostname", "cart", { expose: { ...expose, host: "not a host" } }, "expose.host", '"not a host"'],
  ["host that is an IP", "cart", { expose: { ...expose, host: "10.0.0.1" } }, "expose.host", '"10.0.0.1"'],
  ["expose without gateway or ingress", "cart", { expose: { host: "cart.example.com" } }, "expose.gateway", "undefined"],
  ["public ingress without TLS", "cart", { expose: { host: "cart.example.com", ingress: { className: "nginx" } } }, "expose.ingress", "nginx"],
  ["route path without slash", "cart", { expose: { ...expose, paths: ["api"] } }, "expose.paths[0]", '"api"'],
  ["duplicate env key from config", "cart", { env: { MODE: "a" }, config: { MODE: "b" } }, "env.MODE", '"MODE"'],
  ["invalid env name", "cart", { env: { "1BAD": "x" } }, "spec.containers[0].env.1BAD", '"1BAD"'],
  ["plain string where a secret is required", "cart", { secrets: { DB_PASSWORD: "hunter2-plain" } }, "secrets.DB_PASSWORD", "[plain text]"],
  ["metrics interval not a duration", "cart", { metrics: { interval: "often" } }, "metrics.interval", '"often"'],
  ["metrics on an undeclared port", "cart", { metrics: { port: "metrics" } }, "metrics.port", '"metrics"'],
  ["capability other than NET_BIND_SERVICE", "cart", { sidecars: [{ name: "x", image: "busybox:1.36", addCapabilities: ["SYS_ADMIN" as "NET_BIND_SERVICE"] }] }, "spec.containers[1].addCapabilities", '"SYS_ADMIN"'],
  ["sidecar named like the app", "cart", { sidecars: [{ name: "app", image: "busybox:1.36" }] }, "spec.containers[1].name", '"app"'],
  ["writable path not absolute", "cart", { writablePaths: ["tmp"] }, "spec.containers[0].writablePaths[0].mountPath", '"tmp"'],
  ["file path not absolute", "cart", { files: { "app.yaml": "a" } }, 'files["app.yaml"]', '"app.yaml"'],
  ["service type unknown", "cart", { serviceType: "External" as "ClusterIP" }, "serviceType", '"External"'],
  ["LoadBalancer without a reason", "cart", { serviceType: "LoadBalancer", loadBalancerSourceRanges: ["198.51.100.0/24"] }, "exposureReason", "undefined"],
  ["NodePort with a one-word reason", "cart", { serviceType: "NodePort", exposureReason: "because" }, "exposureReason", '"because"'],
  ["LoadBalancer without source ranges", "cart", { serviceType: "LoadBalancer", exposureReason: "a partner network reaches it directly" }, "loadBalancerSourceRanges", "undefined"],
  ["LoadBalancer open to the internet", "cart", { serviceType: "LoadBalancer", exposureReason: "a partner network reaches it directly", loadBalancerSourceRanges: ["0.0.0.0/0"] }, "loadBalancerSourceRanges[0]", '"0.0.0.0/0"'],
  ["exposure reason on a ClusterIP Service", "cart", { exposureReason: "nothing is exposed here" }, "exposureReason", '"nothing is exposed here"'],
];

describe("AppService rejects bad input with a clear error", () => {
  it.each(cases)("%s", async (_case, name, override, field, shown) => {
    const error = await renderError(() => new AppService(name, { ...ok, ...override } as AppServiceArgs));
    expect(inputErrorMismatches(error, { component: "AppService", name, field, shown })).toEqual([]);
  });

  it("has at least 25 cases", () => expect(cases.length).toBeGreaterThanOrEqual(25));
});

describe("AppService checks deploy-time values with the same error", () => {
  it("refuses a secret Output given as a plain env value", async () => {
    const attempt = render(() => new AppService("cart", { ...ok, env: { TOKEN: pulumi.secret("deploy-time-secret-1") } }));
    await expect(attempt).rejects.toThrow(/AppService "cart": spec.containers\[0\].env.TOKEN \("\[secret\]"\) is a secret given as a plain env value/);
  });

  it("refuses a secret in args, telling to pass it through env and $(VAR)", async () => {
    const attempt = render(() => new AppService("cart", { ...ok, args: ["--token", pulumi.secret("deploy-time-secret-2")] }));
    await expect(attempt).rejects.toThrow(/AppService "cart": spec.containers\[0\].args\[1\] \("\[secret\]"\) is a secret in a container's arguments.*\$\(DB_PASSWORD\) in args/);
  });

  it("mounts secretFiles read-only from a Secret and refuses them in plain text", async () => {
    const r = await render(() => new AppService("cart", { ...ok, secretFiles: { "/app/secrets/db.conf": pulumi.secret("password=deploy-time-secret-3") } }));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pod = r.find("Deployment", "cart", "shop").spec as any;
    expect(pod.template.spec.containers[0].volumeMounts).toContainEqual({ name: "secret-files-0", mountPath: "/app/secrets", readOnly: true });
    expect(pod.template.spec.volumes).toContainEqual({ name: "secret-files-0", secret: { secretName: "cart-secret-files", items: [{ key: "app-secrets-db.conf", path: "db.conf" }], defaultMode: 0o440 } });
    expect(r.find("Secret", "cart-secret-files", "shop").stringData).toEqual({ "app-secrets-db.conf": "password=deploy-time-secret-3" });
    const error = await renderError(() => new AppService("cart", { ...ok, secretFiles: { "/app/secrets/db.conf": "password=plain" } }));
    expect(inputErrorMismatches(error, { component: "AppService", name: "cart", field: 'secretFiles["/app/secrets/db.conf"]', shown: "[plain text]" })).toEqual([]);
  });

  it("refuses a non-secret Output where a secret is required", async () => {
    const attempt = render(() => new AppService("cart", { ...ok, secrets: { DB_PASSWORD: pulumi.output("not-secret") } }));
    await expect(attempt).rejects.toThrow(/AppService "cart": secrets.DB_PASSWORD .* is not a Pulumi secret/);
  });

  it("refuses a bad image that is only known at deploy time", async () => {
    const attempt = render(() => new AppService("cart", { ...ok, image: pulumi.output("nginx:latest") }));
    await expect(attempt).rejects.toThrow(/AppService "cart": spec.containers\[0\].image \("nginx:latest"\) uses the mutable tag "latest"/);
  });
});
