import * as pulumi from "@pulumi/pulumi";
import {
  buildPodSpec,
  checkDnsLabel,
  checkNumber,
  checkOneOf,
  checkQuantity,
  DefaultsProfile,
  EnvMap,
  fail,
  InputSite,
  Manifest,
  NamedPort,
  normalizePorts,
  secretRef,
  selectorLabels,
  SINGLE_REPLICA_ANNOTATION,
  servicePorts,
  standardLabels,
} from "@slipway/core";
import { planExposure } from "../app-service/exposure";
import { planIngressAllows } from "../app-service/ingress-allows";
import { planPdb } from "../app-service/scaling";
import { resolveNamespace, resolveProfile } from "../tenant-ref";
import { runAsProfile } from "../workload/plan";
import { StatefulAppArgs } from "./args";
import { planPostgresCluster } from "./postgres-plan";
import { Preset, PRESET_NAMES, PRESETS } from "./presets";


export interface StatefulAppPlan {
  objects: Manifest[];
  namespace: string;
  serviceName: string;
  headlessServiceName: string;
  podSelector: Record<string, string>;
  ports: NamedPort[];
  /** The Secret the component fills with generated credentials, and its keys. */
  host?: pulumi.Input<string>;
  externalUrl?: pulumi.Output<string>;
  credentials?: {
    secretName: string;
    passwordKeys: string[];
    user?: { key: string; value: string };
    database?: { key: string; value: string };
    /** Further plain (non-secret) keys, e.g. a connection's host and port. */
    extra?: Record<string, string>;
    /** @default "Opaque" */
    type?: string;
    /** The administrator's password in its own Secret (mysql's root), which no app is given a reference to. */
    admin?: { secretName: string; key: string };
  };
  /** The credentials Secret an operator creates (CloudNativePG's `<name>-app`): the app reads it, Pulumi never sees the password. */
  operatorSecret?: string;
  /** What runs the replicas: a StatefulSet, or an operator's Cluster. */
  kind: "StatefulSet" | "Cluster";
}

function presetFor(site: InputSite, args: StatefulAppArgs): Preset | undefined {
  if (args.preset === undefined) return undefined;
  const name = checkOneOf(site, "preset", args.preset, PRESET_NAMES);
  return name === "postgresql" ? undefined : PRESETS[name];
}

function checkStorage(site: InputSite, args: StatefulAppArgs): { className: string; accessModes: string[] } {
  const storage = args.storage;
  if (!storage || typeof storage !== "object") return fail(site, "storage", storage, "is required", 'e.g. { size: "10Gi", class: ceph.blockClass }');
  const bytes = checkQuantity(site, "storage.size", storage.size, "storage");
  if (bytes < 2 ** 30 / 2) fail(site, "storage.size", storage.size, "is below 512Mi, too small to keep data in", 'e.g. "10Gi"');
  const handle = storage.class;
  const className = typeof handle === "string" ? handle : handle?.storageClassName;
  checkDnsLabel(site, "storage.class", className, 253);
  const accessModes = storage.accessModes ?? ["ReadWriteOnce"];
  accessModes.forEach((mode, i) => checkOneOf(site, `storage.accessModes[${i}]`, mode, ["ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany", "ReadWriteOncePod"] as const));
  if (typeof handle === "object" && handle.accessModes) {
    const unsupported = accessModes.find((m) => !handle.accessModes.includes(m));
    if (unsupported) fail(site, "storage.accessModes", unsupported, `is not offered by StorageClass ${className}`, `use one of ${handle.accessModes.join(", ")}`);
  }
  if (storage.mountPath !== undefined && !storage.mountPath.startsWith("/")) fail(site, "storage.mountPath", storage.mountPath, "must be an absolute path");
  return { className, accessModes };
}

/** Spreads replicas over hosts: required anti-affinity keeps them apart, preferred tries to. */
function affinity(mode: "required" | "preferred" | "none", selector: Record<string, string>) {
  const term = { labelSelector: { matchLabels: selector }, topologyKey: "kubernetes.io/hostname" };
  if (mode === "none") return undefined;
  if (mode === "required") return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
  return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
}

/** The pure plan of a StatefulApp: a StatefulSet with claims, headless and client Services, SA, PDB. */
export function planStatefulApp(site: InputSite, args: StatefulAppArgs, stack: DefaultsProfile): StatefulAppPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, 47);
  if (!/^[a-z]/.test(name)) fail(site, "name", name, "must start with a letter (it names a Service)");
  const namespace = resolveNamespace(site, args);
  const preset = presetFor(site, args);
  if (args.postgres !== undefined && args.preset !== "postgresql") fail(site, "postgres", args.postgres, `is only read by the postgresql preset, not ${args.preset ?? "a custom image"}`, "drop postgres, or use preset: \"postgresql\"");
  if (args.preset === "postgresql") {
    const replicas = checkNumber(site, "replicas", args.replicas ?? 2, { min: 1, max: 9 });
    const antiAffinity = checkOneOf(site, "antiAffinity", args.antiAffinity ?? "required", ["required", "preferred", "none"] as const);
    if (antiAffinity === "none" && replicas > 1) fail(site, "antiAffinity", antiAffinity, `leaves ${replicas} instances free to share a host`, 'use "required" or "preferred"');
    const storage = checkStorage(site, args);
    return planPostgresCluster(site, args, stack, { name, namespace, replicas, antiAffinity, storageClass: storage.className, accessModes: storage.accessModes });
  }
  if (!preset && args.image === undefined) fail(site, "image", undefined, "is required without a preset", "set image, or a preset such as postgresql");
  if (!preset && args.ports === undefined) fail(site, "ports", undefined, "is required without a preset", "name the ports, e.g. { db: 5432 }");
  const portMap = args.ports ?? preset!.ports;
  const ports = normalizePorts(site, "ports", portMap);
  if (ports.length === 0) fail(site, "ports", portMap, "must name at least one port");
  const replicas = checkNumber(site, "replicas", args.replicas ?? preset?.replicas ?? 2, { min: 1, max: 100 });
  if (replicas > 1 && preset?.maxReplicas === 1) fail(site, "replicas", replicas, `is more than ${args.preset} runs: ${preset.singleReplicaReason}`, "use replicas: 1 (copies without replication would each hold different data)");
  if (preset?.oddReplicas && replicas % 2 === 0) fail(site, "replicas", replicas, `must be odd for ${args.preset} (a quorum needs a majority)`, "use 1, 3 or 5");
  const antiAffinity = checkOneOf(site, "antiAffinity", args.antiAffinity ?? "required", ["required", "preferred", "none"] as const);
  if (antiAffinity === "none" && replicas > 1) fail(site, "antiAffinity", antiAffinity, `leaves ${replicas} replicas free to share a host`, 'use "required" or "preferred"');
  const podManagement = checkOneOf(site, "podManagement", args.podManagement ?? "OrderedReady", ["OrderedReady", "Parallel"] as const);
  const partition = checkNumber(site, "partition", args.partition ?? 0, { min: 0 });
  if (partition > replicas) fail(site, "partition", partition, `is above the replica count ${replicas}`, "a partition at or below replicas stages the rollout");
  const storage = checkStorage(site, args);
  const wantsCredentials = args.credentials ?? Boolean(preset?.credentials);
  if (wantsCredentials && !preset?.credentials) fail(site, "credentials", args.credentials, `cannot be generated for ${args.preset ?? "a custom image"}`, "pass credentials yourself as env secret references");
  const runAs = runAsProfile(site, args.runAs ?? (preset ? { user: preset.uid, group: preset.gid } : undefined));

  const labels = standardLabels({ name, component: args.preset ?? "database", partOf: args.tenant?.tenantName });
  const selector = selectorLabels({ name });
  const headless = `${name}-headless`;
  const profile = resolveProfile(stack, args, runAs, { size: "medium" });

  const env: EnvMap = { ...preset?.env, ...preset?.ensembleEnv?.(name, headless, namespace, replicas) };
  let credentials: StatefulAppPlan["credentials"];
  if (wantsCredentials && preset?.credentials) {
    const secretName = `${name}-credentials`;
    const choice = typeof args.credentials === "object" ? args.credentials : {};
    const user = preset.credentials.user ? { key: preset.credentials.user.env, value: choice.user ?? preset.credentials.user.default } : undefined;
    const database = preset.credentials.database ? { key: preset.credentials.database.env, value: choice.database ?? preset.credentials.database.default } : undefined;
    if (choice.user !== undefined && !user) fail(site, "credentials.user", choice.user, `is not supported by the ${args.preset} preset`);
    if (choice.database !== undefined && !database) fail(site, "credentials.database", choice.database, `is not supported by the ${args.preset} preset`);
    if (user && !/^[a-z_][a-z0-9_]{0,31}$/.test(user.value)) fail(site, "credentials.user", user.value, "is not a valid database user name");
    if (database && !/^[a-z_][a-z0-9_]{0,62}$/.test(database.value)) fail(site, "credentials.database", database.value, "is not a valid database name");
    const adminSpec = preset.credentials.admin;
    const admin = adminSpec ? { secretName: `${name}-${adminSpec.suffix}`, key: adminSpec.passwordEnv } : undefined;
    if (choice.rootPassword !== undefined && !admin) fail(site, "credentials.rootPassword", "[secret]", `is not used by the ${args.preset} preset`, "only mysql has a separate administrator password");
    credentials = { secretName, passwordKeys: preset.credentials.passwordEnv, user, database, admin };
    for (const key of [...preset.credentials.passwordEnv, ...(user ? [user.key] : []), ...(database ? [database.key] : [])]) env[key] = secretRef(secretName, key);
    if (admin) env[admin.key] = secretRef(admin.secretName, admin.key);
  }
  for (const key of Object.keys(args.env ?? {})) if (key in env) fail(site, `env.${key}`, key, "is already set by the preset", "leave it to the preset or drop the preset");

  const dataPath = args.storage.mountPath ?? preset?.dataPath ?? "/data";
  const pod = buildPodSpec(
    site,
    "spec",
    {
      containers: [
        {
          name: args.preset ?? "app",
          image: args.image ?? preset!.image,
          command: args.command ?? preset?.command,
          args: args.args ?? preset?.args,
          ports: portMap,
          env: { ...env, ...args.env },
          probes: args.probes ?? preset?.probes,
          resources: args.resources,
          cpuLimit: args.cpuLimit,
          writablePaths: args.writablePaths ?? preset?.writablePaths,
        },
      ],
      serviceAccountName: name,
      placement: args.placement,
      imagePullSecrets: args.tenant?.imagePullSecrets,
    },
    profile,
  );
  const [container] = pod.spec.containers as { volumeMounts?: object[] }[];
  container.volumeMounts = [{ name: "data", mountPath: dataPath }, ...(container.volumeMounts ?? [])];
  const podSpec = { ...pod.spec, affinity: affinity(antiAffinity, selector), securityContext: { ...(pod.spec.securityContext as object), fsGroupChangePolicy: "OnRootMismatch" } };

  const statefulSet: Manifest = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: {
      name,
      namespace,
      labels,
      annotations: { ...pod.workloadAnnotations, ...(replicas === 1 && preset?.singleReplicaReason ? { [SINGLE_REPLICA_ANNOTATION]: preset.singleReplicaReason } : {}) },
    },
    spec: {
      replicas,
      serviceName: headless,
      podManagementPolicy: podManagement,
      revisionHistoryLimit: profile.revisionHistoryLimit,
      selector: { matchLabels: selector },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition, maxUnavailable: 1 } },
      // Claims outlive the StatefulSet and scale-downs: data is deleted only on purpose (CHECKS D1).
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: { metadata: { labels }, spec: podSpec },
      volumeClaimTemplates: [
        {
          metadata: { name: "data", labels },
          spec: { accessModes: storage.accessModes, storageClassName: storage.className, resources: { requests: { storage: args.storage.size } } },
        },
      ],
    },
  };
  const meta = { name, namespace, labels };
  const objects: Manifest[] = [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta, automountServiceAccountToken: false },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { ...meta, name: headless },
      // Peers find each other by stable DNS names before they are ready (quorum formation).
      spec: { clusterIP: "None", publishNotReadyAddresses: true, selector, ports: servicePorts(ports) },
    },
    { apiVersion: "v1", kind: "Service", metadata: meta, spec: { type: "ClusterIP", selector, ports: servicePorts(ports) } },
    statefulSet,
  ];
  if (replicas > 1) objects.push(planPdb(meta, selector));
  const exposure = args.expose ? planExposure(site, meta, args.expose, ports, [{ service: name, weight: 100 }]) : undefined;
  if (exposure) objects.push(...exposure.objects);
  objects.push(...planIngressAllows(site, meta, selector, ports, args));
  return { objects, namespace, serviceName: name, headlessServiceName: headless, podSelector: selector, ports, credentials, host: exposure?.host, externalUrl: exposure?.url, kind: "StatefulSet" };
}

/** The administrator's Secret (mysql's root), with its own password: a different Secret, so no app's reference can reach it. */
export function adminSecret(plan: StatefulAppPlan, labels: Record<string, string>, password: pulumi.Output<string>): Manifest | undefined {
  const admin = plan.credentials?.admin;
  if (!admin) return undefined;
  return { apiVersion: "v1", kind: "Secret", metadata: { name: admin.secretName, namespace: plan.namespace, labels }, type: "Opaque", stringData: { [admin.key]: password } };
}

/** The credentials Secret, filled with a generated password (a Pulumi secret). */
export function credentialsSecret(plan: StatefulAppPlan, labels: Record<string, string>, password: pulumi.Output<string>): Manifest | undefined {
  const c = plan.credentials;
  if (!c) return undefined;
  const stringData: Record<string, pulumi.Input<string>> = {};
  for (const key of c.passwordKeys) stringData[key] = password;
  if (c.user) stringData[c.user.key] = c.user.value;
  if (c.database) stringData[c.database.key] = c.database.value;
  Object.assign(stringData, c.extra);
  return { apiVersion: "v1", kind: "Secret", metadata: { name: c.secretName, namespace: plan.namespace, labels }, type: c.type ?? "Opaque", stringData };
}
