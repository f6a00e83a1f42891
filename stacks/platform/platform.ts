import * as pulumi from "@pulumi/pulumi";
import { Tenant, TenantArgs, PlatformOutputs } from "@slipway/apps";
import { Cluster, ClusterArgs, Karpenter, KarpenterArgs, NodePool, NodePoolArgs, Registry, RegistryArgs } from "@slipway/cluster";
import { checkOneOf, fail, StorageClassHandle } from "@slipway/core";
import { Certificates, CertificatesArgs, DnsZone, DnsZoneArgs } from "@slipway/dns";
import { Calico, CalicoArgs, Gateway, GatewayArgs } from "@slipway/network";
import { Logging, LoggingArgs, MonitoringStack, MonitoringStackArgs } from "@slipway/observability";
import { CephStorage, CephStorageArgs } from "@slipway/storage";
import { stackAlerting } from "./alerting";
import { BackupsSection, platformBackups } from "./backups";
import { checkTeamGroups, configSite, fromSection, NAMESPACE, readSections } from "./config";

/** The label platform hosts live under: `<name>.platform.<domain>` (Grafana, Harbor). */
const PLATFORM_HOSTS = "platform";

type Without<T, K extends string> = T extends unknown ? Omit<T, K> : never;
type Section<T> = Record<string, unknown> & T;

type PoolConfig = Without<NodePoolArgs, "cluster" | "autoscaler"> & { autoscaler?: unknown };

/**
 * The node pools: managed node groups first, then Karpenter (its controller runs on them, never on
 * nodes it launches) when `platform:autoscaling` is set or a pool says `autoscaler: karpenter`, then
 * the pools it scales.
 */
function nodePools(cluster: Cluster, configs: Record<string, PoolConfig>, autoscaling: Without<KarpenterArgs, "cluster"> | undefined): NodePool[] {
  const entries = Object.entries(configs);
  const scaled = entries.filter(([, args]) => args.autoscaler !== undefined);
  const managed = entries.filter(([, args]) => args.autoscaler === undefined).map(([name, args]) => fromSection(`nodePools.${name}`, () => new NodePool(name, { ...args, cluster } as NodePoolArgs)));
  if (!autoscaling && scaled.length === 0) return managed;
  if (cluster.kind !== "eks") {
    const [name, args] = scaled[0] ?? [];
    const key = name ? `${NAMESPACE}:nodePools.${name}.autoscaler` : `${NAMESPACE}:autoscaling`;
    fail(configSite(), key, name ? args?.autoscaler : autoscaling, "asks for node autoscaling, which needs EKS: an existing cluster's node counts are manual", "drop it; add nodes with the cluster's installer (e.g. KubeKey) and list them in the pool's nodes");
  }
  const karpenter = fromSection("autoscaling", () => new Karpenter("autoscaler", { ...autoscaling, cluster }, { dependsOn: managed.map((p) => p.nodeGroup ?? p) }));
  const autoscaled = scaled.map(([name, { autoscaler, ...args }]) =>
    fromSection(`nodePools.${name}`, () => {
      if (autoscaler !== "karpenter") checkOneOf({ component: "NodePool", name }, "autoscaler", autoscaler, ["karpenter"] as const);
      return new NodePool(name, { ...args, cluster, autoscaler: karpenter } as NodePoolArgs);
    }),
  );
  return [...managed, ...autoscaled];
}

/**
 * The platform: cluster, node pools, network, storage, DNS, gateway, certificates, registry,
 * monitoring, logging and tenants, composed from the stack's config into one dependency graph.
 * Each config section is its component's args; errors name the config key they came from.
 */
export function platform(): { [K in keyof PlatformOutputs]: pulumi.Input<PlatformOutputs[K]> | undefined } & { grafanaUrl?: pulumi.Output<string> } {
  const sections = readSections();
  const config = new pulumi.Config(NAMESPACE);
  const section = <T>(name: keyof typeof sections) => (sections[name] ?? {}) as Section<T>;

  const cluster = fromSection("cluster", () => new Cluster("main", section<ClusterArgs>("cluster") as ClusterArgs));
  const pools = nodePools(cluster, section<Record<string, PoolConfig>>("nodePools"), sections.autoscaling ? section<Without<KarpenterArgs, "cluster">>("autoscaling") : undefined);
  const network = sections.network ? fromSection("network", () => new Calico("net", { ...section<Without<CalicoArgs, "cluster">>("network"), cluster })) : undefined;
  const ceph = sections.storage ? fromSection("storage", () => new CephStorage("ceph", { ...section<Without<CephStorageArgs, "cluster">>("storage"), cluster })) : undefined;
  const storageClass: StorageClassHandle | undefined = ceph?.blockClass ?? cluster.storageClass;
  if (!storageClass) fail(configSite(), `${NAMESPACE}:storage`, undefined, "is missing and the cluster offers no default StorageClass", "configure Ceph storage for an existing cluster");

  const zone = fromSection("dns", () => new DnsZone("apps", { ...section<DnsZoneArgs>("dns"), cluster } as DnsZoneArgs));
  const gateway = fromSection("gateway", () => new Gateway("platform", { ...section<Without<GatewayArgs, "cluster" | "zone">>("gateway"), cluster, zone }, { dependsOn: network ? [network] : [] }));
  const certificates = fromSection("certificates", () => {
    // Config names the ACME solver; the handles it needs (gateway, zone) come from this program.
    const { issuer, ...rest } = section<Without<CertificatesArgs, "cluster"> & { issuer: { kind: string; solver?: string } }>("certificates");
    const solver = issuer?.kind === "acme" ? checkOneOf({ component: "Certificates", name: "tls" }, "issuer.solver", issuer.solver ?? (zone.kind === "nipio" ? "http01" : "dns01"), ["http01", "dns01"] as const) : undefined;
    const { solver: _solver, ...issuerArgs } = issuer ?? {};
    const resolved = { ...issuerArgs, ...(solver === "http01" ? { http01: { gateway } } : solver === "dns01" ? { dns01: { zone } } : {}) } as CertificatesArgs["issuer"];
    // X.509 wildcards cover one label: one per tenant (`<app>.<tenant>.<domain>`) and one for the platform's own hosts.
    const hostGroups = [...Object.keys(section<Record<string, unknown>>("tenants")), PLATFORM_HOSTS];
    return new Certificates("tls", { ...rest, issuer: resolved, cluster, gatewayCertificate: { gateway, zone, tenants: hostGroups } });
  });

  const registryConfig = section<RegistryArgs>("registry");
  const registry = fromSection("registry", () =>
    new Registry(
      "images",
      registryConfig.kind === "harbor"
        ? ({ ...registryConfig, cluster, gateway, storageClass: storageClass! } as RegistryArgs)
        : ({ ...registryConfig, pullers: pools, kmsKeyArn: registryConfig.kmsKeyArn ?? cluster.eks?.kmsKeyArn } as RegistryArgs),
      // Harbor's token-signing certificate is a cert-manager Certificate.
      { dependsOn: registryConfig.kind === "harbor" && certificates ? [certificates] : [] },
    ),
  );

  const tenantConfigs = section<Record<string, Without<TenantArgs, "cluster">>>("tenants");
  checkTeamGroups(section("cluster"), tenantConfigs);
  const monitoringConfig = section<Without<MonitoringStackArgs, "cluster" | "storageClass"> & { grafanaHost?: boolean }>("monitoring");
  const alerting = stackAlerting(monitoringConfig.alerting, config.getSecret("alertWebhookUrl"));
  const monitoring = fromSection("monitoring", () =>
    new MonitoringStack("monitoring", {
      ...monitoringConfig,
      alerting,
      cluster,
      storageClass: storageClass!,
      grafana: { host: zone.hostFor("grafana", PLATFORM_HOSTS) as string, gateway },
      tenants: monitoringConfig.tenants ?? [],
    }),
  );
  if (sections.logging) {
    const logging = section<LoggingArgs>("logging");
    const password = config.getSecret("loggingPassword");
    const backend = { ...logging.backend, ...(password ? { credentials: { username: logging.backend?.credentials?.username ?? "fluent-bit", password } } : {}) };
    fromSection("logging", () => new Logging("logging", { ...logging, backend, cluster, monitoring }));
  }

  const backups = sections.backups ? platformBackups(section<BackupsSection>("backups"), cluster, ceph) : undefined;

  const tenants = Object.entries(tenantConfigs).map(([name, args]) =>
    fromSection(`tenants.${name}`, () =>
      new Tenant(name, {
        ...args,
        cluster,
        gateway,
        platform: { ingress: gateway.namespace, monitoring: monitoring.monitoringNamespace },
        ...(registry.pullSecretDockerConfig ? { registry } : {}),
        ...(backups ? { backups } : {}),
      }),
    ),
  );

  return {
    kubeconfig: cluster.kubeconfig,
    tenants: Object.fromEntries(tenants.map((t) => [t.tenantName, t.namespace])),
    tenantDefaults: Object.fromEntries(tenants.map((t) => [t.tenantName, { ...(t.imagePullSecrets ? { imagePullSecrets: t.imagePullSecrets } : {}), ...(t.profile ? { profile: t.profile } : {}) }])),
    grants: Object.fromEntries(tenants.map((t) => [t.tenantName, t.accepts ?? []])),
    registry: pulumi.output(registry.imageMirror).apply((mirror) => mirror.replace(/\/[^/]+$/, "")),
    domain: zone.domain,
    storageClasses: { block: storageClass?.storageClassName, filesystem: ceph?.filesystemClass?.storageClassName },
    gateway: { name: gateway.gatewayName, namespace: gateway.gatewayNamespace, httpsListener: gateway.httpsListener },
    clusterDns: { ...cluster.dns },
    // Read by `slipway fleet status` (and its drift from fleet.yaml); an existing cluster's version is not known to the program.
    ...(cluster.eks ? { kubernetesVersion: cluster.eks.version } : {}),
    grafanaUrl: monitoring.grafanaUrl,
  };
}
