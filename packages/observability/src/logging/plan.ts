import * as pulumi from "@pulumi/pulumi";
import {
  buildResources,
  checkDnsLabel,
  checkInput,
  checkOneOf,
  checkPort,
  DEFAULT_PROFILE,
  fail,
  InputSite,
  Manifest,
  OperatorPlan,
  parseQuantity,
  planOperator,
  requireSecret,
  SINK_ANNOTATION,
  SINK_EXTERNAL_ANNOTATION,
  standardLabels,
  systemNamespaceLabels,
} from "@slipway/core";
import { FLUENT_BIT_CHART } from "../versions";
import { LogBackendArgs, LoggingArgs } from "./args";
import { CA_MOUNT, filterSection, inputSection, OutputSettings, outputSection, serviceSection } from "./fluent-bit-config";
import { fluentBitRules, fluentBitServiceMonitor } from "./monitoring";
import { checkBackendHost, checkFluentSize, checkIndexPrefix, checkRetryLimit } from "./validate";
import { fluentBitImageValues, fluentBitValues } from "./values";

/** Everything a Logging component renders, and the facts its outputs are made of. */
export interface LoggingPlan {
  /**
   * The `logging` namespace (labelled privileged: fluent-bit reads host log files), the objects the
   * DaemonSet reads at start (credentials Secret, CA ConfigMap), and the fluent-bit chart.
   */
  operator: OperatorPlan;
  /** ServiceMonitor and PrometheusRule, when a MonitoringStack is given: they wait for its CRDs. */
  monitoringResources: Manifest[];
  /** The rendered Fluent Bit configuration sections. */
  config: { service: string; inputs: string; filters: string; outputs: string };
}

const MB = 1e6;
const CHUNK_BYTES = 2 * MB;
const DEFAULT_RESOURCES = { requests: { cpu: "100m", memory: "256Mi", ephemeralStorage: "64Mi" }, limits: { cpu: "1", memory: "512Mi", ephemeralStorage: "256Mi" } };

function checkTls(site: InputSite, tls: LogBackendArgs["tls"]): { enabled: boolean; verify: boolean; ca?: pulumi.Input<string> } {
  if (tls === false) return { enabled: false, verify: false };
  if (tls === undefined) return { enabled: true, verify: true };
  if (typeof tls !== "object" || tls === null) return fail(site, "backend.tls", tls, "must be an object or false", "e.g. { verify: true }");
  const verify = tls.verify ?? true;
  if (typeof verify !== "boolean") fail(site, "backend.tls.verify", tls.verify, "must be true or false");
  const ca = tls.caCertificate === undefined ? undefined : checkInput(tls.caCertificate, (pem) => {
    if (typeof pem !== "string" || !pem.includes("-----BEGIN CERTIFICATE-----")) fail(site, "backend.tls.caCertificate", typeof pem === "string" ? pem.slice(0, 30) : pem, "is not a PEM certificate", "pass the CA's PEM text");
  });
  return { enabled: true, verify, ca };
}

function planBackend(site: InputSite, backend: LogBackendArgs) {
  if (!backend || typeof backend !== "object") return fail(site, "backend", backend, "is required", '{ kind: "opensearch", host: "logs.example.com" }');
  const kind = checkOneOf(site, "backend.kind", backend.kind, ["elasticsearch", "opensearch"] as const);
  const host = checkBackendHost(site, "backend.host", backend.host);
  const port = checkPort(site, "backend.port", backend.port ?? 9200);
  const tls = checkTls(site, backend.tls);
  const index = backend.index ?? {};
  if (typeof index !== "object" || index === null) fail(site, "backend.index", index, "must be an object", '{ perTenant: true, prefix: "logs" }');
  const perTenant = index.perTenant ?? true;
  if (typeof perTenant !== "boolean") fail(site, "backend.index.perTenant", index.perTenant, "must be true or false");
  const prefix = checkIndexPrefix(site, "backend.index.prefix", index.prefix ?? "logs");
  const external = backend.external ?? false;
  if (typeof external !== "boolean") fail(site, "backend.external", backend.external, "must be true or false");
  let credentials: { username: string; password: pulumi.Output<string> } | undefined;
  if (backend.credentials !== undefined) {
    const { username, password } = backend.credentials ?? {};
    if (typeof username !== "string" || !/^[^\s:]{1,256}$/.test(username)) fail(site, "backend.credentials.username", username, "is not a user name", "a non-empty name without spaces or ':'");
    credentials = { username, password: requireSecret(site, "backend.credentials.password", password) };
  }
  if (credentials && !tls.enabled) fail(site, "backend.tls", false, "is off while credentials are sent", "enable TLS so the password never crosses the network in clear text");
  return { plugin: kind === "elasticsearch" ? ("es" as const) : ("opensearch" as const), host, port, tls, perTenant, prefix, credentials, external };
}

/** The namespace records where its DaemonSet ships logs, so the link checks (L8) can find the sink in the cluster or see it declared external. */
function sinkAnnotations(backend: { host: string; port: number; external: boolean }): Record<string, string> {
  return { [SINK_ANNOTATION]: `${backend.host}:${backend.port}`, ...(backend.external ? { [SINK_EXTERNAL_ANNOTATION]: "true" } : {}) };
}

/** The pure plan of a Logging component: validated arguments in, manifests and chart values out. */
export function planLogging(site: InputSite, args: LoggingArgs): LoggingPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, 40);
  if (!args.cluster || typeof args.cluster !== "object") return fail(site, "cluster", args.cluster, "is required", "pass the Cluster whose logs are shipped");
  const namespaceName = checkDnsLabel(site, "namespace", args.namespace ?? "logging");
  const backend = planBackend(site, args.backend);
  const buffer = args.buffer ?? {};
  if (typeof buffer !== "object" || buffer === null) fail(site, "buffer", buffer, "must be an object");
  const memory = buffer.memory ?? "50MB";
  const memoryBytes = checkFluentSize(site, "buffer.memory", memory, { min: 1 * MB, max: 2e9 });
  const filesystem = buffer.filesystem ?? "5GB";
  const filesystemBytes = checkFluentSize(site, "buffer.filesystem", filesystem, { min: 100 * MB, max: 500e9 });
  if (filesystemBytes < memoryBytes) fail(site, "buffer.filesystem", filesystem, `is smaller than buffer.memory (${memory})`, "the disk queue must hold at least what memory buffers");
  const backlogMemory = buffer.backlogMemory ?? "5MB";
  const backlogBytes = checkFluentSize(site, "buffer.backlogMemory", backlogMemory, { min: 1 * MB, max: 1e9 });
  const maxChunksUp = buffer.maxChunksUp ?? 64;
  if (typeof maxChunksUp !== "number" || !Number.isInteger(maxChunksUp) || maxChunksUp < 1 || maxChunksUp > 1024) {
    fail(site, "buffer.maxChunksUp", maxChunksUp, "must be a whole number from 1 to 1024");
  }
  const retryLimit = checkRetryLimit(site, "retryLimit", args.retryLimit ?? "no_limits");
  const logLevel = checkOneOf(site, "logLevel", args.logLevel ?? "info", ["error", "warn", "info", "debug"] as const);
  const resources = buildResources(site, "resources", DEFAULT_PROFILE, args.resources ?? DEFAULT_RESOURCES);
  // Buffers live in the pod's memory: if they can outgrow its limit, a slow backend gets fluent-bit OOM-killed.
  const memoryLimit = parseQuantity(String((resources.limits as Record<string, string>).memory)) ?? 0;
  const buffered = memoryBytes + maxChunksUp * CHUNK_BYTES + backlogBytes;
  if (buffered > memoryLimit * 0.8) {
    fail(site, "buffer", `${Math.round(buffered / MB)}MB`, `can outgrow 80% of the memory limit (${(resources.limits as Record<string, string>).memory})`, "lower buffer.memory or buffer.maxChunksUp, or raise resources.limits.memory");
  }

  const labels = standardLabels({ name: "fluent-bit", instance: name, component: "logging", partOf: "slipway" });
  const chartInputs: Manifest[] = [];
  const credentialsSecret = `${name}-backend-credentials`;
  if (backend.credentials) {
    chartInputs.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: credentialsSecret, namespace: namespaceName, labels },
      type: "kubernetes.io/basic-auth",
      stringData: { username: backend.credentials.username, password: backend.credentials.password },
    });
  }
  const caConfigMap = `${name}-backend-ca`;
  if (backend.tls.ca !== undefined) {
    chartInputs.push({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: caConfigMap, namespace: namespaceName, labels }, data: { "ca.crt": backend.tls.ca } });
  }
  const output: OutputSettings = {
    plugin: backend.plugin,
    host: backend.host,
    port: backend.port,
    tls: { enabled: backend.tls.enabled, verify: backend.tls.verify, ...(backend.tls.ca !== undefined ? { caFile: `${CA_MOUNT}/ca.crt` } : {}) },
    credentials: backend.credentials !== undefined,
    perTenant: backend.perTenant,
    prefix: backend.prefix,
    retryLimit,
    totalLimitSize: filesystem,
  };
  const config = {
    service: serviceSection({ logLevel, maxChunksUp, backlogMemory }),
    inputs: inputSection(memory),
    filters: filterSection(),
    outputs: outputSection(output),
  };
  const meta = { namespace: namespaceName, labels };
  const chartValues = fluentBitValues({
    config,
    resources,
    ...(backend.credentials ? { credentialsSecret } : {}),
    ...(backend.tls.ca !== undefined ? { caConfigMap } : {}),
  });
  return {
    operator: planOperator(site, {
      namespace: { name: namespaceName, level: "privileged", labels: systemNamespaceLabels("fluent-bit"), annotations: sinkAnnotations(backend) },
      chart: { source: FLUENT_BIT_CHART, release: "fluent-bit", values: chartValues, imageValues: fluentBitImageValues },
      overrides: args.chart,
      clusterMirror: args.cluster.imageMirror,
      chartInputs,
    }),
    monitoringResources: args.monitoring ? [fluentBitServiceMonitor(`${name}-fluent-bit`, meta), fluentBitRules(`${name}-fluent-bit-alerts`, meta)] : [],
    config,
  };
}
