import {
  buildResources,
  checkCidr,
  checkDnsLabel,
  checkImage,
  checkInput,
  checkPort,
  checkUrl,
  DefaultsProfile,
  fail,
  InputSite,
  Manifest,
  normalizePorts,
  SINGLE_REPLICA_ANNOTATION,
  standardLabels,
} from "@slipway/core";
import { planIngressAllows } from "../app-service/ingress-allows";
import { namespaceNamed } from "../tenant/network-policies";
import { resolveProfile } from "../tenant-ref";
import { StatefulAppArgs } from "./args";
import type { StatefulAppPlan } from "./plan";
import { PostgresArgs, PostgresObjectStore } from "./postgres-args";

/** The one place the PostgreSQL images CloudNativePG runs are pinned (its own operand images). */
export const POSTGRES_IMAGES = { 16: "ghcr.io/cloudnative-pg/postgresql:16.6", 17: "ghcr.io/cloudnative-pg/postgresql:17.2" } as const;
/** The label CloudNativePG puts on every pod of a Cluster. */
export const CNPG_CLUSTER_LABEL = "cnpg.io/cluster";
/** The operator's pods (the cloudnative-pg chart's selector label). */
export const CNPG_OPERATOR_POD_LABELS = { "app.kubernetes.io/name": "cloudnative-pg" };
/** Where CloudNativePG keeps its operator by default (its chart's documented namespace). */
export const CNPG_OPERATOR_NAMESPACE = "cnpg-system";
const STATUS_PORT = 8000;
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
/** Daily at 02:00 (CloudNativePG schedules carry a seconds field). */
const DEFAULT_SCHEDULE = "0 0 2 * * *";

/** StatefulSet settings the operator owns: setting them on the postgresql preset is a mistake worth naming. */
const OPERATOR_OWNED = ["ports", "command", "args", "probes", "env", "runAs", "writablePaths", "podManagement", "partition", "expose", "placement"] as const;

type Common = { name: string; namespace: string; replicas: number; antiAffinity: "required" | "preferred" | "none"; storageClass: string; accessModes: string[] };

function checkObjectStore(site: InputSite, store: PostgresObjectStore) {
  const at = "postgres.backup.objectStore";
  if (!store || typeof store !== "object") return fail(site, at, store, "is required for backups", '{ destinationPath: "s3://backups/shop", credentials: { secretName }, reach: { namespace: "rook-ceph" } }');
  if (typeof store.destinationPath !== "string" || !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(store.destinationPath)) {
    fail(site, `${at}.destinationPath`, store.destinationPath, "is not an s3:// bucket path", 'e.g. "s3://backups/shop"');
  }
  const endpoint = store.endpointUrl === undefined ? undefined : checkUrl(site, `${at}.endpointUrl`, store.endpointUrl);
  const port = checkPort(site, `${at}.port`, store.port ?? (endpoint?.port ? Number(endpoint.port) : endpoint?.protocol === "http:" ? 80 : 443));
  const creds = store.credentials;
  let s3Credentials: Record<string, unknown>;
  let serviceAccountTemplate: Record<string, unknown> | undefined;
  if (creds && typeof creds === "object" && "roleArn" in creds) {
    if (typeof creds.roleArn !== "string" || !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(creds.roleArn)) fail(site, `${at}.credentials.roleArn`, creds.roleArn, "is not an IAM role ARN");
    s3Credentials = { inheritFromIAMRole: true };
    serviceAccountTemplate = { metadata: { annotations: { "eks.amazonaws.com/role-arn": creds.roleArn } } };
  } else if (creds && typeof creds === "object" && "secretName" in creds) {
    const secret = checkDnsLabel(site, `${at}.credentials.secretName`, creds.secretName, 253);
    s3Credentials = {
      accessKeyId: { name: secret, key: creds.accessKeyIdKey ?? "ACCESS_KEY_ID" },
      secretAccessKey: { name: secret, key: creds.secretAccessKeyKey ?? "ACCESS_SECRET_KEY" },
    };
  } else {
    return fail(site, `${at}.credentials`, creds, "is required", "name the Secret with the access key pair ({ secretName }) or a workload identity role ({ roleArn })");
  }
  const reach = store.reach;
  let peers: Record<string, unknown>[];
  if (reach && typeof reach === "object" && "namespace" in reach) {
    const peer: Record<string, unknown> = { namespaceSelector: namespaceNamed(checkDnsLabel(site, `${at}.reach.namespace`, reach.namespace)) };
    if (reach.podLabels) peer.podSelector = { matchLabels: reach.podLabels };
    peers = [peer];
  } else if (reach && typeof reach === "object" && "cidrs" in reach && Array.isArray(reach.cidrs) && reach.cidrs.length > 0) {
    peers = reach.cidrs.map((cidr, i) => ({ ipBlock: { cidr: checkCidr(site, `${at}.reach.cidrs[${i}]`, cidr, { min: 8 }).text } }));
  } else {
    return fail(site, `${at}.reach`, reach, "is required: the tenant's default deny blocks the way to the store", '{ namespace: "rook-ceph" } for an in-cluster store, { cidrs: [...] } for an outside one');
  }
  return { barmanObjectStore: { destinationPath: store.destinationPath, ...(endpoint ? { endpointURL: store.endpointUrl } : {}), s3Credentials }, serviceAccountTemplate, egress: { to: peers, ports: [{ protocol: "TCP", port }] } };
}

function planBackup(site: InputSite, backup: PostgresArgs["backup"]) {
  if (backup === undefined) return undefined;
  if (!backup || typeof backup !== "object") return fail(site, "postgres.backup", backup, "must be an object", "{ objectStore, retention }");
  const store = checkObjectStore(site, backup.objectStore);
  const retention = backup.retention ?? "30d";
  if (typeof retention !== "string" || !/^[1-9][0-9]*[dwm]$/.test(retention)) fail(site, "postgres.backup.retention", retention, "is not a retention", 'a count of days, weeks or months, e.g. "30d"');
  const schedule = backup.schedule ?? DEFAULT_SCHEDULE;
  if (typeof schedule !== "string" || schedule.trim().split(/\s+/).length !== 6) fail(site, "postgres.backup.schedule", schedule, "is not a six-field schedule (seconds first)", 'e.g. "0 0 2 * * *" for 02:00 daily');
  return { ...store, retention, schedule };
}

/**
 * The postgresql preset: a CloudNativePG Cluster (primary plus streaming replicas, failover, the
 * operator's PDBs), its network allows beside the tenant's default deny, a PodMonitor, and daily
 * base backups to an object store when one is given. The operator creates the pods, the
 * `<name>-rw`/`-ro`/`-r` Services and the `<name>-app` credentials Secret: no password passes through Pulumi.
 */
export function planPostgresCluster(site: InputSite, args: StatefulAppArgs, stack: DefaultsProfile, common: Common): StatefulAppPlan {
  for (const field of OPERATOR_OWNED) {
    if (args[field] !== undefined) fail(site, field, args[field], "is not used by the postgresql preset: CloudNativePG runs the instances", `drop ${field}; PostgreSQL settings go in postgres.*`);
  }
  if (args.storage.mountPath !== undefined) fail(site, "storage.mountPath", args.storage.mountPath, "is not used by the postgresql preset: CloudNativePG mounts the data volume");
  if (common.accessModes.some((m) => m !== "ReadWriteOnce")) fail(site, "storage.accessModes", common.accessModes, "must be [ReadWriteOnce] for PostgreSQL", "each instance owns its volume");
  if (args.credentials === false) fail(site, "credentials", false, "cannot be turned off for the postgresql preset", "the operator always creates the app's credentials Secret");
  if (args.image !== undefined) checkInput(args.image, (image) => void checkImage(site, "image", image));
  const pg: PostgresArgs = args.postgres ?? {};
  if (typeof pg !== "object" || pg === null) fail(site, "postgres", pg, "must be an object");
  const version = pg.version ?? 17;
  if (!(version in POSTGRES_IMAGES)) fail(site, "postgres.version", version, `must be one of ${Object.keys(POSTGRES_IMAGES).join(", ")}`, "the major versions whose CloudNativePG image is pinned");
  const operatorNamespace = checkDnsLabel(site, "postgres.operatorNamespace", pg.operatorNamespace ?? CNPG_OPERATOR_NAMESPACE);
  const api = pg.apiServer ?? { cidrs: PRIVATE_RANGES, ports: [443, 6443] };
  if (!api || typeof api !== "object" || !Array.isArray(api.cidrs) || api.cidrs.length === 0) fail(site, "postgres.apiServer.cidrs", api?.cidrs, "must list the API server's addresses", 'e.g. ["10.86.67.0/24"]');
  api.cidrs.forEach((c, i) => checkCidr(site, `postgres.apiServer.cidrs[${i}]`, c, { min: 8 }));
  const apiPorts = (api.ports ?? [443, 6443]).map((p, i) => checkPort(site, `postgres.apiServer.ports[${i}]`, p));
  const monitoring = pg.monitoring ?? true;
  if (typeof monitoring !== "boolean") fail(site, "postgres.monitoring", monitoring, "must be true or false");
  const backup = planBackup(site, pg.backup);

  const { name, namespace, replicas } = common;
  const labels = standardLabels({ name, component: "postgresql", partOf: args.tenant?.tenantName });
  const selector = { [CNPG_CLUSTER_LABEL]: name };
  const profile = resolveProfile(stack, args, { size: "medium" });
  const resources = buildResources(site, "resources", profile, args.resources, args.cpuLimit);
  const choice = typeof args.credentials === "object" ? args.credentials : {};
  const owner = choice.user ?? "app";
  const database = choice.database ?? "app";
  if (!/^[a-z_][a-z0-9_]{0,31}$/.test(owner)) fail(site, "credentials.user", owner, "is not a valid database user name");
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) fail(site, "credentials.database", database, "is not a valid database name");
  const rw = `${name}-rw`;
  // A given password goes into a Secret of ours that initdb reads; otherwise the operator generates `<name>-app`.
  const given = choice.password !== undefined;
  const secretName = given ? `${name}-credentials` : `${name}-app`;

  const cluster: Manifest = {
    apiVersion: "postgresql.cnpg.io/v1",
    kind: "Cluster",
    metadata: { name, namespace, labels, annotations: replicas === 1 ? { [SINGLE_REPLICA_ANNOTATION]: "one PostgreSQL instance: no standby to fail over to (set replicas >= 2)" } : {} },
    spec: {
      instances: replicas,
      imageName: args.image ?? POSTGRES_IMAGES[version],
      // Rolling updates restart replicas first, then switch over to an updated one before the primary restarts.
      primaryUpdateStrategy: "unsupervised",
      primaryUpdateMethod: "switchover",
      enablePDB: replicas > 1,
      enableSuperuserAccess: false,
      inheritedMetadata: { labels },
      ...(args.tenant?.imagePullSecrets?.length ? { imagePullSecrets: args.tenant.imagePullSecrets.map((n) => ({ name: n })) } : {}),
      storage: { size: args.storage.size, storageClass: common.storageClass },
      resources,
      affinity: common.antiAffinity === "none" ? { enablePodAntiAffinity: false } : { enablePodAntiAffinity: true, podAntiAffinityType: common.antiAffinity, topologyKey: "kubernetes.io/hostname" },
      bootstrap: { initdb: { database, owner, ...(given ? { secret: { name: secretName } } : {}) } },
      ...(backup
        ? { backup: { barmanObjectStore: backup.barmanObjectStore, retentionPolicy: backup.retention }, ...(backup.serviceAccountTemplate ? { serviceAccountTemplate: backup.serviceAccountTemplate } : {}) }
        : {}),
    },
  };
  const objects: Manifest[] = [cluster];
  if (backup) {
    objects.push({
      apiVersion: "postgresql.cnpg.io/v1",
      kind: "ScheduledBackup",
      metadata: { name, namespace, labels },
      spec: { schedule: backup.schedule, cluster: { name }, method: "barmanObjectStore", backupOwnerReference: "self", immediate: true },
    });
  }
  const ports = normalizePorts(site, "ports", { postgresql: 5432 });
  const metricsPorts = normalizePorts(site, "ports", { metrics: 9187 });
  const tcp = (port: number) => ({ protocol: "TCP", port });
  const peers = { podSelector: { matchLabels: selector } };
  objects.push({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: `${name}-instances`, namespace, labels },
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ["Ingress", "Egress"],
      // Streaming replication and the instance managers' status calls between members; the operator's health checks.
      ingress: [
        { from: [peers], ports: [tcp(5432), tcp(STATUS_PORT)] },
        { from: [{ namespaceSelector: namespaceNamed(operatorNamespace), podSelector: { matchLabels: CNPG_OPERATOR_POD_LABELS } }], ports: [tcp(STATUS_PORT)] },
      ],
      egress: [
        { to: [peers], ports: [tcp(5432), tcp(STATUS_PORT)] },
        // Each instance manager watches its Cluster through the Kubernetes API.
        { to: api.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: apiPorts.map(tcp) },
        ...(backup ? [backup.egress] : []),
      ],
    },
  });
  if (monitoring) {
    objects.push({
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: { name, namespace, labels },
      spec: { selector: { matchLabels: selector }, namespaceSelector: { matchNames: [namespace] }, podMetricsEndpoints: [{ port: "metrics", path: "/metrics", scheme: "http" }] },
    });
  }
  const meta = { name, namespace, labels };
  objects.push(...planIngressAllows(site, meta, selector, metricsPorts, { metrics: monitoring ? { port: "metrics" } : undefined, tenant: args.tenant }));
  const credentials: StatefulAppPlan["credentials"] = given
    ? { secretName, passwordKeys: ["password"], user: { key: "username", value: owner }, database: { key: "dbname", value: database }, extra: { host: rw, port: "5432" }, type: "kubernetes.io/basic-auth" }
    : undefined;
  return { objects, namespace, serviceName: rw, headlessServiceName: `${name}-r`, podSelector: selector, ports, credentials, operatorSecret: given ? undefined : secretName, kind: "Cluster" };
}
