import * as pulumi from "@pulumi/pulumi";
import { buildResources, checkDnsLabel, checkNumber, checkQuantity, DEFAULT_PROFILE, fail, InputSite, Manifest, OperatorPlan, planOperator, requireSecret, standardLabels } from "@slipway/core";
import { LogBackendArgs } from "../logging/args";
import { LogStoreArgs } from "./args";
import { checkAge, ismPolicy } from "./ism";
import { OPENSEARCH_OPERATOR_CHART, OPENSEARCH_VERSION } from "./versions";

/** Everything a LogStore renders, and the backend Logging ships to. */
export interface LogStorePlan {
  operator: OperatorPlan;
  /** The Logging backend of this store: in-cluster host, port, TLS and the writer's credentials. */
  backend: LogBackendArgs;
  serviceName: string;
  dashboardsService?: string;
}

const HTTP_PORT = 9200;
const DEFAULT_RESOURCES = { requests: { cpu: "500m", memory: "2Gi", ephemeralStorage: "1Gi" }, limits: { cpu: "2", memory: "2Gi", ephemeralStorage: "2Gi" } };
/** The chart's own sizes, plus the ephemeral storage it leaves out (CHECKS R3). */
const OPERATOR_RESOURCES = { requests: { cpu: "200m", memory: "350Mi", "ephemeral-storage": "64Mi" }, limits: { cpu: "1", memory: "512Mi", "ephemeral-storage": "256Mi" } };
/** The operator chart's restricted security settings (its defaults set neither seccomp nor dropped capabilities). */
const OPERATOR_SECURITY = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  manager: { securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } } },
};

/** OpenSearch's own user (uid/gid 1000 in the upstream images): pods run restricted, the data volume group-owned through fsGroup. */
const POD_SECURITY = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } };
const CONTAINER_SECURITY = { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ["ALL"] } };
/** The operator's root `chown` init container is skipped: fsGroup gives the volume to OpenSearch's group instead. */
const SKIP_ROOT_INIT = [{ name: "SKIP_INIT_CONTAINER", value: "true" }];

/** The chart's image values, pointed at a mirror that keeps upstream repository paths. */
export function openSearchOperatorImageValues(registry: string) {
  return { manager: { image: { repository: `${registry}/opensearchproject/opensearch-operator` } } };
}

/**
 * The pure plan of a LogStore: the OpenSearch operator, an OpenSearchCluster of cluster-manager/data
 * nodes with PDB and host spreading, Dashboards, the fluent-bit writer (user, role, binding), and an
 * ISM retention policy per tenant plus a default one.
 */
export function planLogStore(site: InputSite, args: LogStoreArgs): LogStorePlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, 40);
  if (!args.cluster || typeof args.cluster !== "object") return fail(site, "cluster", args.cluster, "is required", "pass the Cluster OpenSearch runs in");
  const storageClass = args.storageClass?.storageClassName;
  if (typeof storageClass !== "string") return fail(site, "storageClass", args.storageClass, "is required", "pass the platform's block class, e.g. ceph.blockClass");
  const namespace = checkDnsLabel(site, "namespace", args.namespace ?? "log-store");
  const nodes = checkNumber(site, "nodes", args.nodes ?? 3, { min: 3, max: 15 });
  const diskSize = args.diskSize ?? "50Gi";
  if (checkQuantity(site, "diskSize", diskSize, "storage") < 2 ** 30) fail(site, "diskSize", diskSize, "is below 1Gi, too small to hold log indices", 'e.g. "50Gi"');
  const resources = buildResources(site, "resources", DEFAULT_PROFILE, args.resources ?? DEFAULT_RESOURCES);
  const retention = args.retention ?? {};
  if (typeof retention !== "object" || retention === null) fail(site, "retention", retention, "must be an object", '{ default: "14d", tenants: { shop: "30d" } }');
  const defaultAge = checkAge(site, "retention.default", retention.default ?? "14d");
  const tenantAges = retention.tenants ?? {};
  for (const [tenant, age] of Object.entries(tenantAges)) {
    checkDnsLabel(site, `retention.tenants.${tenant}`, tenant);
    checkAge(site, `retention.tenants.${tenant}`, age);
  }
  const tenants = [...new Set([...(args.tenants ?? []), ...Object.keys(tenantAges)])];
  tenants.forEach((t, i) => checkDnsLabel(site, `tenants[${i}]`, t));
  const dashboards = checkNumber(site, "dashboards", args.dashboards ?? 1, { min: 0, max: 5 });
  if (!args.writer || typeof args.writer !== "object") return fail(site, "writer", args.writer, "is required", "{ password: config.requireSecret(\"loggingPassword\") }");
  const username = args.writer.username ?? "fluent-bit";
  if (typeof username !== "string" || !/^[a-z][a-z0-9_-]{0,62}$/.test(username)) fail(site, "writer.username", username, "is not a user name", 'e.g. "fluent-bit"');
  const password: pulumi.Output<string> = requireSecret(site, "writer.password", args.writer.password);

  const labels = standardLabels({ name: "opensearch", instance: name, component: "log-store", partOf: "slipway" });
  const meta = { namespace, labels };
  const serviceName = name;
  const cluster = { name };
  const writerSecret = `${name}-${username}`;
  const nodeLabels = { "opensearch.org/opensearch-cluster": name, "opensearch.org/opensearch-nodepool": "nodes" };
  const openSearchCluster: Manifest = {
    apiVersion: "opensearch.org/v1",
    kind: "OpenSearchCluster",
    metadata: { name, namespace, labels },
    spec: {
      general: {
        serviceName,
        version: OPENSEARCH_VERSION,
        httpPort: HTTP_PORT,
        // No privileged sysctl init container: mmap off lifts OpenSearch's vm.max_map_count requirement.
        setVMMaxMapCount: false,
        additionalConfig: { "node.store.allow_mmap": "false" },
        podSecurityContext: POD_SECURITY,
        securityContext: CONTAINER_SECURITY,
      },
      security: { tls: { transport: { generate: true }, http: { generate: true } } },
      nodePools: [
        {
          component: "nodes",
          replicas: nodes,
          roles: ["cluster_manager", "data", "ingest"],
          diskSize,
          persistence: { pvc: { storageClass, accessModes: ["ReadWriteOnce"] } },
          resources,
          pdb: { enable: true, maxUnavailable: 1 },
          affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: nodeLabels }, topologyKey: "kubernetes.io/hostname" } }] } },
          labels,
        },
      ],
      ...(dashboards > 0 ? { dashboards: { enable: true, version: OPENSEARCH_VERSION, replicas: dashboards, tls: { enable: false }, podSecurityContext: POD_SECURITY, securityContext: CONTAINER_SECURITY, resources: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } } } } : {}),
    },
  };
  const writer: Manifest[] = [
    { apiVersion: "opensearch.org/v1", kind: "OpensearchUser", metadata: { name: username, namespace, labels }, spec: { opensearchCluster: cluster, passwordFrom: { name: writerSecret, key: "password" } } },
    {
      apiVersion: "opensearch.org/v1",
      kind: "OpensearchRole",
      metadata: { name: "log-writer", namespace, labels },
      spec: {
        opensearchCluster: cluster,
        // Bulk writes and index creation on the log indices; no reads, no security or system indices.
        clusterPermissions: ["cluster_monitor", "indices:data/write/bulk"],
        indexPermissions: [{ indexPatterns: ["*-*"], allowedActions: ["create_index", "write", "indices:admin/mapping/put"] }],
      },
    },
    { apiVersion: "opensearch.org/v1", kind: "OpensearchUserRoleBinding", metadata: { name: "log-writer", namespace, labels }, spec: { opensearchCluster: cluster, users: [username], roles: ["log-writer"] } },
  ];
  const policies = [
    ismPolicy(meta, name, "logs-retention", ["*-*"], defaultAge, 0),
    ...tenants.map((t) => ismPolicy(meta, name, `${t}-retention`, [`${t}-*`], tenantAges[t] ?? defaultAge, 100)),
  ];
  const secret: Manifest = { apiVersion: "v1", kind: "Secret", metadata: { name: writerSecret, namespace, labels }, type: "Opaque", stringData: { password } };
  const operator = planOperator(site, {
    namespace: { name: namespace, level: "restricted", labels },
    chart: { source: OPENSEARCH_OPERATOR_CHART, values: { ...OPERATOR_SECURITY, manager: { ...OPERATOR_SECURITY.manager, watchNamespace: namespace, resources: OPERATOR_RESOURCES, extraEnv: SKIP_ROOT_INIT } }, imageValues: openSearchOperatorImageValues },
    overrides: args.chart,
    clusterMirror: args.cluster.imageMirror,
    customResources: [secret, openSearchCluster, ...writer, ...policies],
  });
  return {
    operator,
    serviceName,
    dashboardsService: dashboards > 0 ? `${name}-dashboards` : undefined,
    backend: {
      kind: "opensearch",
      host: `${serviceName}.${namespace}.svc.cluster.local`,
      port: HTTP_PORT,
      // The operator's self-signed HTTP certificate: encrypted, but its CA is only known in the cluster.
      tls: { verify: false },
      credentials: { username, password },
    },
  };
}
