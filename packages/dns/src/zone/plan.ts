import * as pulumi from "@pulumi/pulumi";
import {
  checkDnsLabel,
  checkDuration,
  checkHostname,
  checkInput,
  checkIp,
  checkLabelValue,
  checkNumber,
  checkOneOf,
  checkPort,
  childName,
  ClusterHandle,
  fail,
  InputSite,
  isDns1123Subdomain,
  Manifest,
  OperatorPlan,
  planOperator,
  requireSecret,
  shortHash,
  standardLabels,
  systemNamespaceLabels,
} from "@slipway/core";
import { isIP } from "net";
import { EXTERNAL_DNS_CHART, NIP_IO } from "../versions";
import { externalDnsImageValues } from "./external-dns";
import { DnsRecordArgs, DnsZoneArgs, ExternalDnsArgs, Rfc2136ZoneArgs } from "./args";
import { checkHostInZone } from "./naming";

/** The ServiceAccount external-dns runs as; its IAM role trusts exactly this name. */
export const EXTERNAL_DNS_SERVICE_ACCOUNT = "external-dns";
/** Key of the TSIG secret in its Kubernetes Secret. */
export const TSIG_SECRET_KEY = "tsig-secret";

const SOURCES = ["gateway-httproute", "service", "crd", "ingress"] as const;
const RECORD_TYPES = ["A", "AAAA", "CNAME", "TXT"] as const;
const TSIG_ALGORITHMS = ["hmac-sha256", "hmac-sha512", "hmac-sha1"] as const;
const TSIG_KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,251}[A-Za-z0-9.])?$/;

/** The validated settings of an RFC2136 server. */
export interface Rfc2136Server {
  /** The zone on the server updates go to. */
  zone: string;
  host: string;
  port: number;
  tsigKeyName: string;
  tsigAlgorithm: (typeof TSIG_ALGORITHMS)[number];
  /** The TSIG secret, checked to be a Pulumi secret. */
  tsigSecret: pulumi.Output<string>;
  /** The Secret in external-dns' namespace that holds it. */
  secretName: string;
}

/** What external-dns needs, validated. */
export interface ExternalDnsPlan {
  namespace: string;
  txtOwnerId: string;
  policy: "upsert-only" | "sync";
  domainFilters: string[];
  sources: string[];
  interval: string;
}

/** Everything a DnsZone renders, plus the facts its outputs and the cloud resources are made of. */
export type DnsZonePlan =
  | { kind: "nipio"; domain: string; ingressIp: string }
  | {
      kind: "route53" | "rfc2136";
      domain: string;
      cluster: ClusterHandle;
      externalDns: ExternalDnsPlan;
      /**
       * external-dns' restricted namespace, the TSIG Secret it reads at start, its chart (values set
       * by the component, which knows the zone and role), and the DNSEndpoints that need its CRD.
       */
      operator: OperatorPlan;
      rfc2136?: Rfc2136Server;
    };

function requireCluster(site: InputSite, cluster: ClusterHandle | undefined): ClusterHandle {
  if (!cluster || typeof cluster !== "object" || !cluster.provider) return fail(site, "cluster", cluster, "is required", "pass the Cluster external-dns runs in");
  return cluster;
}

function checkTtl(site: InputSite, path: string, value: unknown): number {
  return checkNumber(site, path, value, { min: 1, max: 86400 });
}

function planExternalDns(site: InputSite, zoneName: string, domain: string, cluster: ClusterHandle, args: ExternalDnsArgs = {}, stack: string): ExternalDnsPlan {
  if (typeof args !== "object" || args === null) return fail(site, "externalDns", args, "must be an object");
  const namespace = checkDnsLabel(site, "externalDns.namespace", args.namespace ?? childName("external-dns", zoneName));
  const txtOwnerId = checkLabelValue(site, "externalDns.txtOwnerId", args.txtOwnerId ?? childName(cluster.clusterName, stack));
  const policy = checkOneOf(site, "externalDns.policy", args.policy ?? "upsert-only", ["upsert-only", "sync"] as const);
  const filters = args.domainFilters ?? [domain];
  if (!Array.isArray(filters) || filters.length === 0) fail(site, "externalDns.domainFilters", filters, "must list at least one domain", `e.g. ["${domain}"]`);
  filters.forEach((f, i) => checkHostInZone(site, `externalDns.domainFilters[${i}]`, f, domain));
  const sources = args.sources ?? ["gateway-httproute", "service", "crd"];
  if (!Array.isArray(sources) || sources.length === 0) fail(site, "externalDns.sources", sources, "must list at least one source");
  sources.forEach((s, i) => checkOneOf(site, `externalDns.sources[${i}]`, s, SOURCES));
  const interval = args.interval ?? "1m";
  checkDuration(site, "externalDns.interval", interval, { minSeconds: 10 });
  return { namespace, txtOwnerId, policy, domainFilters: [...filters], sources: [...sources], interval };
}

function checkTarget(site: InputSite, path: string, type: DnsRecordArgs["type"], value: unknown): void {
  if (type === "A") checkIp(site, path, value, 4);
  else if (type === "AAAA") checkIp(site, path, value, 6);
  else if (type === "CNAME") checkHostname(site, path, value);
  else if (typeof value !== "string" || value.length === 0 || value.length > 255) fail(site, path, value, "is not a TXT value of 1-255 characters");
}

/** A DNSEndpoint's name: `<type>.<host>` (a wildcard label spelled out), hashed when too long. */
function recordObjectName(type: string, host: string): string {
  const name = `${type.toLowerCase()}.${host.replace(/^\*\./, "wildcard.")}`;
  return isDns1123Subdomain(name) ? name : `${type.toLowerCase()}-${shortHash(host, 12)}`;
}

function planRecords(site: InputSite, zoneName: string, domain: string, namespace: string, args: { records?: DnsRecordArgs[]; ttl?: number }, sources: string[]): Manifest[] {
  const records = args.records ?? [];
  if (!Array.isArray(records)) return fail(site, "records", records, "must be a list of records");
  const defaultTtl = checkTtl(site, "ttl", args.ttl ?? 300);
  if (records.length > 0 && !sources.includes("crd")) fail(site, "externalDns.sources", sources, 'lacks "crd", so records would never be published', 'add "crd" to the sources');
  const seen = new Set<string>();
  return records.map((record, i) => {
    const path = `records[${i}]`;
    if (!record || typeof record !== "object") return fail(site, path, record, "must be { host, targets }");
    const host = checkHostInZone(site, `${path}.host`, record.host, domain, { wildcard: true });
    const type = checkOneOf(site, `${path}.type`, record.type ?? "A", RECORD_TYPES);
    const ttl = checkTtl(site, `${path}.ttl`, record.ttl ?? defaultTtl);
    if (!Array.isArray(record.targets) || record.targets.length === 0) fail(site, `${path}.targets`, record.targets, "must list at least one target");
    if (type === "CNAME" && record.targets.length > 1) fail(site, `${path}.targets`, record.targets, "lists more than one target for a CNAME");
    const key = `${type} ${host}`;
    if (seen.has(key)) fail(site, `${path}.host`, host, `repeats a ${type} record`, "merge the targets into one record");
    seen.add(key);
    const targets = record.targets.map((t, j) => checkInput(t, (value) => checkTarget(site, `${path}.targets[${j}]`, type, value)));
    return {
      apiVersion: "externaldns.k8s.io/v1alpha1",
      kind: "DNSEndpoint",
      metadata: { name: recordObjectName(type, host), namespace, labels: standardLabels({ name: zoneName, component: "dns-record", partOf: "slipway" }) },
      spec: { endpoints: [{ dnsName: host, recordType: type, recordTTL: ttl, targets }] },
    };
  });
}

function planRfc2136(site: InputSite, zoneName: string, domain: string, server: Rfc2136ZoneArgs["server"]): Rfc2136Server {
  if (!server || typeof server !== "object") return fail(site, "server", server, "is required", "pass { host, tsigKeyName, tsigSecret }");
  const host = typeof server.host === "string" && isIP(server.host) !== 0 ? server.host : checkHostname(site, "server.host", server.host);
  const port = checkPort(site, "server.port", server.port ?? 53);
  if (typeof server.tsigKeyName !== "string" || !TSIG_KEY_NAME.test(server.tsigKeyName)) {
    fail(site, "server.tsigKeyName", server.tsigKeyName, "is not a TSIG key name", 'use the key name configured on the server, e.g. "externaldns-key"');
  }
  const tsigAlgorithm = checkOneOf(site, "server.tsigAlgorithm", server.tsigAlgorithm ?? "hmac-sha256", TSIG_ALGORITHMS);
  const tsigSecret = requireSecret(site, "server.tsigSecret", server.tsigSecret);
  return { zone: domain, host, port, tsigKeyName: server.tsigKeyName, tsigAlgorithm, tsigSecret, secretName: childName(zoneName, "tsig") };
}

/** The pure plan of a DnsZone: validated arguments in, Kubernetes objects and settings out. */
export function planDnsZone(site: InputSite, args: DnsZoneArgs, context: { stack: string }): DnsZonePlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const zoneName = checkDnsLabel(site, "name", site.name, 40);
  checkOneOf(site, "kind", args.kind, ["route53", "rfc2136", "nipio"] as const);
  if (args.kind === "nipio") {
    const ingressIp = checkIp(site, "ingressIp", args.ingressIp, 4);
    if ((args as { records?: unknown }).records !== undefined) fail(site, "records", (args as { records?: unknown }).records, "cannot be set on a nip.io zone", "nip.io resolves every name to the IP in it");
    return { kind: "nipio", domain: `${ingressIp}.${NIP_IO}`, ingressIp };
  }
  const cluster = requireCluster(site, args.cluster);
  const domain = checkHostname(site, "domain", args.domain);
  if (domain.split(".").some((label) => label.length > 63)) fail(site, "domain", domain, "has a label longer than 63 characters");
  const externalDns = planExternalDns(site, zoneName, domain, cluster, args.externalDns, context.stack);
  const chartInputs: Manifest[] = [];
  let rfc2136: Rfc2136Server | undefined;
  if (args.kind === "rfc2136") {
    rfc2136 = planRfc2136(site, zoneName, domain, args.server);
    chartInputs.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: rfc2136.secretName, namespace: externalDns.namespace, labels: standardLabels({ name: "external-dns", component: "dns", partOf: "slipway" }) },
      type: "Opaque",
      stringData: { [TSIG_SECRET_KEY]: rfc2136.tsigSecret },
    });
  } else {
    if (args.forceDestroy !== undefined && typeof args.forceDestroy !== "boolean") fail(site, "forceDestroy", args.forceDestroy, "must be true or false");
    (args.privateVpcs ?? []).forEach((vpc, i) => {
      if (!vpc || vpc.vpcId === undefined || vpc.vpcId === "") fail(site, `privateVpcs[${i}].vpcId`, vpc?.vpcId, "is required");
    });
  }
  const records = planRecords(site, zoneName, domain, externalDns.namespace, args, externalDns.sources);
  const operator = planOperator(site, {
    namespace: { name: externalDns.namespace, level: "restricted", labels: systemNamespaceLabels("external-dns") },
    chart: { source: EXTERNAL_DNS_CHART, release: "external-dns", values: {}, imageValues: externalDnsImageValues },
    overrides: args.externalDns?.chart,
    overridesPath: "externalDns.chart",
    clusterMirror: cluster.imageMirror,
    chartInputs,
    customResources: records,
  });
  return { kind: args.kind, domain, cluster, externalDns, operator, rfc2136 };
}
