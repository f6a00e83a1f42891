/** The pieces of Fluent Bit's classic configuration, written by our code into the chart's `config.*` strings. */

/** Where chunks are buffered on the node: under the chart's /var/log host mount, so they survive pod restarts. */
export const STORAGE_PATH = "/var/log/flb-storage/";
/** Where the tail input remembers file offsets, so a restarted pod neither re-ships nor skips lines. */
export const TAIL_DB = "/var/log/flb_kube.db";
/** Where a backend CA certificate is mounted. */
export const CA_MOUNT = "/fluent-bit/tls";
/** Fluent Bit's HTTP server port (health and metrics), as the chart's Service and probes expect. */
export const METRICS_PORT = 2020;
/** Environment variables the output reads credentials from (`${VAR}` in the config). */
export const CREDENTIAL_ENV = { user: "ES_USER", password: "ES_PASSWORD" } as const;

/** Settled output settings: every value already validated. */
export interface OutputSettings {
  plugin: "es" | "opensearch";
  host: string;
  port: number;
  tls: { enabled: boolean; verify: boolean; caFile?: string };
  credentials: boolean;
  perTenant: boolean;
  prefix: string;
  retryLimit: number | "no_limits";
  totalLimitSize: string;
}

export interface ServiceSettings {
  logLevel: string;
  maxChunksUp: number;
  backlogMemory: string;
}

/** Renders one `[SECTION]` with aligned keys. */
function section(name: string, entries: [string, string | number][]): string {
  const width = Math.max(...entries.map(([key]) => key.length));
  return [`[${name}]`, ...entries.map(([key, value]) => `    ${key.padEnd(width)} ${value}`)].join("\n") + "\n";
}

export function serviceSection(s: ServiceSettings): string {
  return section("SERVICE", [
    ["Daemon", "Off"],
    ["Flush", 1],
    ["Log_Level", s.logLevel],
    ["Parsers_File", "/fluent-bit/etc/parsers.conf"],
    ["Parsers_File", "/fluent-bit/etc/conf/custom_parsers.conf"],
    ["HTTP_Server", "On"],
    ["HTTP_Listen", "0.0.0.0"],
    ["HTTP_Port", METRICS_PORT],
    ["Health_Check", "On"],
    ["storage.path", STORAGE_PATH],
    ["storage.sync", "normal"],
    ["storage.checksum", "off"],
    ["storage.max_chunks_up", s.maxChunksUp],
    ["storage.backlog.mem_limit", s.backlogMemory],
    ["storage.metrics", "on"],
  ]);
}

/** Tails every container log (CRI format), buffering to disk so a slow backend does not drop lines. */
export function inputSection(memBufLimit: string): string {
  return section("INPUT", [
    ["Name", "tail"],
    ["Tag", "kube.*"],
    ["Path", "/var/log/containers/*.log"],
    ["multiline.parser", "cri"],
    ["DB", TAIL_DB],
    ["Mem_Buf_Limit", memBufLimit],
    ["Skip_Long_Lines", "On"],
    ["Refresh_Interval", 10],
    ["storage.type", "filesystem"],
  ]);
}

/** Adds pod, namespace and label metadata; pods may choose their parser or opt out by annotation. */
export function filterSection(): string {
  return section("FILTER", [
    ["Name", "kubernetes"],
    ["Match", "kube.*"],
    ["Kube_URL", "https://kubernetes.default.svc:443"],
    ["Kube_Tag_Prefix", "kube.var.log.containers."],
    ["Merge_Log", "On"],
    ["Keep_Log", "Off"],
    ["K8S-Logging.Parser", "On"],
    ["K8S-Logging.Exclude", "On"],
    ["Labels", "On"],
    ["Annotations", "Off"],
  ]);
}

/** Ships to Elasticsearch/OpenSearch: daily indices per tenant namespace, credentials from env, bounded disk queue. */
export function outputSection(o: OutputSettings): string {
  const entries: [string, string | number][] = [
    ["Name", o.plugin],
    ["Match", "kube.*"],
    ["Host", o.host],
    ["Port", o.port],
    ["tls", o.tls.enabled ? "On" : "Off"],
  ];
  if (o.tls.enabled) entries.push(["tls.verify", o.tls.verify ? "On" : "Off"]);
  if (o.tls.caFile) entries.push(["tls.ca_file", o.tls.caFile]);
  if (o.credentials) entries.push(["HTTP_User", `\${${CREDENTIAL_ENV.user}}`], ["HTTP_Passwd", `\${${CREDENTIAL_ENV.password}}`]);
  entries.push(["Logstash_Format", "On"], ["Logstash_Prefix", o.prefix]);
  // The namespace names the index ("shop-2025.01.31"); records without one fall back to the prefix.
  if (o.perTenant) entries.push(["Logstash_Prefix_Key", "$kubernetes['namespace_name']"]);
  entries.push(
    ["Suppress_Type_Name", "On"],
    ["Replace_Dots", "On"],
    ["Trace_Error", "On"],
    ["Retry_Limit", o.retryLimit],
    ["storage.total_limit_size", o.totalLimitSize],
  );
  return section("OUTPUT", entries);
}
