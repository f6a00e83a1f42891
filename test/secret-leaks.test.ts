import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { findSecretLeaks } from "@slipway/checks";
import { AppService, Tenant } from "@slipway/apps";
import { Cluster } from "@slipway/cluster";
import { ClusterHandle } from "@slipway/core";
import { DnsZone } from "@slipway/dns";
import { Logging, MonitoringStack } from "@slipway/observability";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";

/**
 * CHECKS X2 over every component that takes a secret: a unique value passed in as a Pulumi secret
 * appears only inside Secret inputs (or encrypted in a non-cluster resource such as a provider),
 * never in other objects, plain outputs or rendered YAML. Each case also proves the value arrived.
 */
const handle = (): ClusterHandle => ({ clusterName: "main", kind: "existing", provider: new k8s.Provider("k", { kubeconfig: "{}" }) });
const block = { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce" as const] };
const kubeconfig = (token: string) =>
  `apiVersion: v1\nkind: Config\ncurrent-context: main\nclusters: [{name: main, cluster: {server: "https://10.86.67.10:6443"}}]\ncontexts: [{name: main, context: {cluster: main, user: admin}}]\nusers: [{name: admin, user: {token: ${token}}}]\n`;

const cases: [string, (secret: pulumi.Output<string>, value: string) => unknown][] = [
  ["AppService secrets", (secret) => new AppService("api", { namespace: "shop", image: "ghcr.io/acme/api:1.0.0", port: 8080, secrets: { TOKEN: secret } })],
  [
    "AppService secretFiles",
    (secret) => new AppService("api", { namespace: "shop", image: "ghcr.io/acme/api:1.0.0", port: 8080, secretFiles: { "/app/secrets/db.conf": pulumi.interpolate`password=${secret}\n` } }),
  ],
  ["Tenant pull secret", (secret) => new Tenant("shop", { registry: { image: (r, t) => `${r}:${t}`, pullSecretDockerConfig: secret } })],
  ["existing Cluster kubeconfig", (_secret, value) => new Cluster("main", { kind: "existing", kubeconfig: pulumi.secret(kubeconfig(value)) })],
  ["DnsZone rfc2136 TSIG key", (secret) => new DnsZone("corp", { kind: "rfc2136", cluster: handle(), domain: "apps.corp.example", server: { host: "10.86.67.2", tsigKeyName: "slipway", tsigSecret: secret } })],
  ["Logging backend password", (secret) => new Logging("logs", { cluster: handle(), backend: { kind: "opensearch", host: "logs.example.com", credentials: { username: "fluent-bit", password: secret } } })],
  [
    "MonitoringStack receivers",
    (secret) =>
      new MonitoringStack("mon", {
        cluster: handle(),
        storageClass: block,
        alerting: { receivers: [{ name: "ops", webhook: { url: pulumi.interpolate`https://hooks.example.com/${secret}` } }], defaultReceiver: "ops" },
      }),
  ],
];

describe("a secret passed to a component stays in Secrets", () => {
  it.each(cases)("%s", async (name, program) => {
    const value = `x2-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-4f7c1e`;
    const r = await render(() => {
      program(pulumi.secret(value), value);
    });
    expect(findSecretLeaks(r.resources, value, { outputs: r.outputs, yaml: r.toYaml() })).toEqual([]);
    // Not vacuous: the value reached a Secret (or an encrypted provider input).
    const holders = r.resources.filter((x) => JSON.stringify(x.inputs).includes(value)).map((x) => x.type);
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.every((t) => t === "kubernetes:core/v1:Secret" || t.startsWith("pulumi:providers:"))).toBe(true);
  });
});

/** Where a secret would be written in clear text (pod spec, ConfigMap), the component refuses it, naming the field and never the value. */
const refused: [string, string, (secret: pulumi.Output<string>) => unknown][] = [
  ["AppService args", "spec.containers[0].args[1]", (secret) => new AppService("api", { namespace: "shop", image: "ghcr.io/acme/api:1.0.0", port: 8080, args: ["--db-password", secret] })],
  ["AppService command", "spec.containers[0].command[0]", (secret) => new AppService("api", { namespace: "shop", image: "ghcr.io/acme/api:1.0.0", port: 8080, command: [secret] })],
  ["AppService sidecar args", "spec.containers[1].args[0]", (secret) => new AppService("api", { namespace: "shop", image: "ghcr.io/acme/api:1.0.0", port: 8080, sidecars: [{ name: "proxy", image: "ghcr.io/acme/proxy:1.0.0", args: [secret] }] })],
  ["AppService config", "config.DB_URL", (secret) => new AppService("api", { namespace: "shop", image: "ghcr.io/acme/api:1.0.0", port: 8080, config: { DB_URL: pulumi.interpolate`mysql://app:${secret}@db:3306/app` } })],
  ["AppService files", 'files["/app/config/app.yaml"]', (secret) => new AppService("api", { namespace: "shop", image: "ghcr.io/acme/api:1.0.0", port: 8080, files: { "/app/config/app.yaml": pulumi.interpolate`password: ${secret}\n` } })],
];

describe("a secret given where it would be plain text is refused", () => {
  it.each(refused)("%s", async (name, field, program) => {
    const value = `x2-refused-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-91b3`;
    const error = await renderError(() => {
      program(pulumi.secret(value));
    });
    expect(inputErrorMismatches(error, { component: "AppService", name: "api", field, shown: "[secret]" })).toEqual([]);
    expect((error as Error).message).not.toContain(value);
  });
});
