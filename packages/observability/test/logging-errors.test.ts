import * as pulumi from "@pulumi/pulumi";

import { LogBackendArgs, Logging, LoggingArgs } from "@slipway/observability";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { cluster } from "./support";

type Args = Omit<LoggingArgs, "cluster">;
const backend: LogBackendArgs = { kind: "opensearch", host: "logs.example.com" };
const ok: Args = { backend };
const withBackend = (override: Partial<LogBackendArgs> | Record<string, unknown>): Args => ({ backend: { ...backend, ...override } as LogBackendArgs });
const withIndexPrefix = (prefix: unknown): Args => withBackend({ index: { prefix } });

/** Construction-time bad inputs: [case, name, args, field, value shown in the message]. */
const cases: [string, string, Args | Record<string, unknown>, string, string][] = [
  ["uppercase name", "Logs", {}, "name", '"Logs"'],
  ["no backend", "logs", { backend: undefined }, "backend", "undefined"],
  ["unknown backend kind", "logs", withBackend({ kind: "loki" }), "backend.kind", '"loki"'],
  ["host with a scheme", "logs", withBackend({ host: "https://logs.example.com" }), "backend.host", '"https://logs.example.com"'],
  ["host with a port", "logs", withBackend({ host: "logs.example.com:9200" }), "backend.host", '"logs.example.com:9200"'],
  ["host with underscores", "logs", withBackend({ host: "es_cluster.local" }), "backend.host", '"es_cluster.local"'],
  ["empty host", "logs", withBackend({ host: "" }), "backend.host", '""'],
  ["port zero", "logs", withBackend({ port: 0 }), "backend.port", "0"],
  ["port out of range", "logs", withBackend({ port: 92000 }), "backend.port", "92000"],
  ["port as a string", "logs", withBackend({ port: "9200" }), "backend.port", '"9200"'],
  ["tls verify not a boolean", "logs", withBackend({ tls: { verify: "yes" } }), "backend.tls.verify", '"yes"'],
  ["CA that is not PEM", "logs", withBackend({ tls: { caCertificate: "not a certificate" } }), "backend.tls.caCertificate", "not a certificate"],
  ["credentials over clear text", "logs", withBackend({ tls: false, credentials: { username: "shipper", password: pulumi.secret("fake-es-pass-11") } }), "backend.tls", "false"],
  ["password in plain text", "logs", withBackend({ credentials: { username: "shipper", password: "plain-es-pass-12" } }), "backend.credentials.password", "[plain text]"],
  ["username with a colon", "logs", withBackend({ credentials: { username: "ship:per", password: pulumi.secret("fake-es-pass-13") } }), "backend.credentials.username", '"ship:per"'],
  ["index prefix in uppercase", "logs", withIndexPrefix("Logs"), "backend.index.prefix", '"Logs"'],
  ["index prefix with a slash", "logs", withIndexPrefix("logs/app"), "backend.index.prefix", '"logs/app"'],
  ["index prefix with a star", "logs", withIndexPrefix("logs*"), "backend.index.prefix", '"logs*"'],
  ["index prefix with a comma", "logs", withIndexPrefix("logs,app"), "backend.index.prefix", '"logs,app"'],
  ["index prefix with a hash", "logs", withIndexPrefix("logs#1"), "backend.index.prefix", '"logs#1"'],
  ["index prefix with a space", "logs", withIndexPrefix("app logs"), "backend.index.prefix", '"app logs"'],
  ["index prefix starting with '-'", "logs", withIndexPrefix("-logs"), "backend.index.prefix", '"-logs"'],
  ["index prefix starting with '_'", "logs", withIndexPrefix("_logs"), "backend.index.prefix", '"_logs"'],
  ["index prefix starting with '+'", "logs", withIndexPrefix("+logs"), "backend.index.prefix", '"+logs"'],
  ["index prefix '..'", "logs", withIndexPrefix(".."), "backend.index.prefix", '".."'],
  ["empty index prefix", "logs", withIndexPrefix(""), "backend.index.prefix", '""'],
  ["index prefix too long", "logs", withIndexPrefix("l".repeat(201)), "backend.index.prefix", "lllll"],
  ["perTenant not a boolean", "logs", withBackend({ index: { perTenant: "yes" } }), "backend.index.perTenant", '"yes"'],
  ["memory buffer in Kubernetes units", "logs", { ...ok, buffer: { memory: "50Mi" } }, "buffer.memory", '"50Mi"'],
  ["memory buffer without a number", "logs", { ...ok, buffer: { memory: "MB" } }, "buffer.memory", '"MB"'],
  ["memory buffer below 1MB", "logs", { ...ok, buffer: { memory: "512K" } }, "buffer.memory", '"512K"'],
  ["disk buffer too small", "logs", { ...ok, buffer: { filesystem: "10MB" } }, "buffer.filesystem", '"10MB"'],
  ["disk buffer smaller than memory buffer", "logs", { ...ok, buffer: { memory: "200MB", filesystem: "150MB" } }, "buffer.filesystem", '"150MB"'],
  ["backlog memory not a size", "logs", { ...ok, buffer: { backlogMemory: "five" } }, "buffer.backlogMemory", '"five"'],
  ["max chunks up zero", "logs", { ...ok, buffer: { maxChunksUp: 0 } }, "buffer.maxChunksUp", "0"],
  ["buffers larger than the memory limit", "logs", { ...ok, buffer: { memory: "300MB" } }, "buffer", "MB"],
  ["retry limit zero", "logs", { ...ok, retryLimit: 0 }, "retryLimit", "0"],
  ["retry limit 'forever'", "logs", { ...ok, retryLimit: "forever" }, "retryLimit", '"forever"'],
  ["unknown log level", "logs", { ...ok, logLevel: "verbose" }, "logLevel", '"verbose"'],
  ["bad namespace", "logs", { ...ok, namespace: "Logging" }, "namespace", '"Logging"'],
  ["memory limit not a quantity", "logs", { ...ok, resources: { limits: { memory: "big" } } }, "resources.limits.memory", '"big"'],
  ["chart repository not a URL", "logs", { ...ok, chart: { repository: "charts.internal" } }, "chart.repository", '"charts.internal"'],
  ["chart repository over FTP", "logs", { ...ok, chart: { repository: "ftp://x" } }, "chart.repository", '"ftp://x"'],
  ["chart version latest", "logs", { ...ok, chart: { version: "latest" } }, "chart.version", '"latest"'],
];

describe("Logging rejects bad input with a clear error", () => {
  it.each(cases)("%s", async (_case, name, override, field, shown) => {
    const error = await renderError(() => new Logging(name, { cluster: cluster(), ...ok, ...override } as LoggingArgs));
    expect(inputErrorMismatches(error, { component: "Logging", name, field, shown })).toEqual([]);
  });

  it("has at least 15 cases", () => expect(cases.length).toBeGreaterThanOrEqual(15));
});

describe("Logging checks deploy-time values with the same error", () => {
  it("refuses a backend password Output that is not a Pulumi secret", async () => {
    const attempt = render(() => new Logging("logs", { cluster: cluster(), ...withBackend({ credentials: { username: "shipper", password: pulumi.output("not-secret-es-14") } }) }));
    await expect(attempt).rejects.toThrow(/Logging "logs": backend.credentials.password .* is not a Pulumi secret/);
  });
});
