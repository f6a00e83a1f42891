import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import {
  checkDnsLabel,
  checkHostname,
  checkOneOf,
  checkQuantity,
  checkUrl,
  fail,
  InputSite,
  installChart,
  Manifest,
  registerManifests,
  routeOptions,
  standardLabels,
} from "@slipway/core";
import { admitGatewayRoutes, CHART_BACKEND_ANNOTATION, podSecurityLabels } from "@slipway/core";
import { checkImageMirror } from "../mirror";
import { HARBOR_CHART } from "../versions";
import { HarborRegistryArgs, HarborRobotArgs } from "./args";
import { HarborProject, HarborRobot } from "./harbor-resources";
import { buildProxyCacheEndpoints, buildReplication, HarborProxyCachePlan, HarborReplicaPlan, planHarborProxyCaches, planHarborReplicas } from "./harbor-sync";
import { checkNameList, checkProjectName } from "./names";

export const HARBOR_ADMIN_SECRET = "harbor-admin";
export const HARBOR_SECRET_KEY_SECRET = "harbor-secret-key";
/** Harbor's internal shared secrets (core, XSRF, jobservice, registry HTTP): generated here so the chart never invents them. */
export const HARBOR_INTERNAL_SECRET = "harbor-internal";
/** The registry's login for core (password and its htpasswd line). */
export const HARBOR_REGISTRY_CREDENTIALS_SECRET = "harbor-registry-credentials";
/** The key pair core signs registry tokens with (a self-signed cert-manager Certificate). */
export const HARBOR_TOKEN_SECRET = "harbor-token";
const REGISTRY_USER = "harbor_registry_user";
/** The chart's Service (expose.type clusterIP) the route sends traffic to. */
export const HARBOR_SERVICE = { name: "harbor", port: 80 };
/** The robot whose credentials become the tenants' image pull secret. */
export const TENANT_PULL_ROBOT = "tenants-pull";

export interface HarborPlan {
  host: string;
  namespace: string;
  storageSize: string;
  storageClassName: string;
  projects: { name: string; public: boolean }[];
  robots: Required<HarborRobotArgs>[];
  mirrorProject: string;
  replicas: HarborReplicaPlan[];
  proxyCaches: HarborProxyCachePlan[];
  imageRegistry?: string;
  chart: { repository?: string; version?: string };
}

function planRobots(site: InputSite, robots: unknown, projects: string[]): Required<HarborRobotArgs>[] {
  if (robots === undefined) return [];
  if (!Array.isArray(robots)) return fail(site, "robots", robots, "must be a list of { name, project, access }");
  const seen = new Set<string>();
  return robots.map((robot: HarborRobotArgs, i) => {
    const name = checkProjectName(site, `robots[${i}].name`, robot?.name);
    if (!projects.includes(robot.project)) fail(site, `robots[${i}].project`, robot.project, "is not one of the registry's projects", `use one of: ${projects.join(", ")}`);
    const access = checkOneOf(site, `robots[${i}].access`, robot.access ?? "pull", ["pull", "push"] as const);
    if (seen.has(`${robot.project}+${name}`) || name === TENANT_PULL_ROBOT) fail(site, `robots[${i}].name`, name, "is already taken in its project");
    seen.add(`${robot.project}+${name}`);
    return { name, project: robot.project, access };
  });
}

/** Validates a Harbor registry's arguments (nothing registered yet). */
export function planHarbor(site: InputSite, args: HarborRegistryArgs, clusterMirror: string | undefined): HarborPlan {
  if (!args.cluster?.provider) fail(site, "cluster", args.cluster, "is required", "pass the Cluster Harbor runs in");
  if (!args.gateway?.gatewayName || !args.gateway?.gatewayNamespace) fail(site, "gateway", args.gateway, "is required", "pass the platform Gateway Harbor is exposed through");
  if (!args.storageClass?.storageClassName) fail(site, "storageClass", args.storageClass, "is required", "pass a StorageClass handle, e.g. ceph.blockClass");
  if (!args.storageClass.accessModes.includes("ReadWriteOnce")) fail(site, "storageClass", args.storageClass.storageClassName, "does not offer ReadWriteOnce volumes");
  const host = checkHostname(site, "host", args.host);
  const storageSize = args.storageSize ?? "100Gi";
  checkQuantity(site, "storageSize", storageSize, "storage");
  const mirrorProject = checkProjectName(site, "mirrorProject", args.mirrorProject ?? "mirror");
  const given = args.projects ?? [];
  const names = checkNameList(site, "projects", Array.isArray(given) ? given.map((p) => p?.name) : given, checkProjectName);
  const mirrorAt = names.indexOf(mirrorProject);
  if (mirrorAt >= 0) fail(site, `projects[${mirrorAt}].name`, mirrorProject, "is the mirror project, which the registry creates itself", "drop it from projects");
  const projects = [...given.map((p) => ({ name: p.name, public: p.public ?? false })), { name: mirrorProject, public: false }];
  const chart = args.chart ?? {};
  if (chart.repository !== undefined) checkUrl(site, "chart.repository", chart.repository, ["https:", "http:", "oci:"]);
  if (chart.version !== undefined && !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(chart.version)) fail(site, "chart.version", chart.version, "is not a chart version", 'e.g. "1.18.4"');
  const imageRegistry = chart.imageRegistry ?? clusterMirror;
  if (imageRegistry !== undefined) checkImageMirror(site, "chart.imageRegistry", imageRegistry);
  return {
    host,
    namespace: checkDnsLabel(site, "namespace", args.namespace ?? "harbor"),
    storageSize,
    storageClassName: args.storageClass.storageClassName,
    projects,
    robots: planRobots(site, args.robots, projects.map((p) => p.name)),
    mirrorProject,
    replicas: planHarborReplicas(site, args.replicateTo, projects.map((p) => p.name)),
    proxyCaches: planHarborProxyCaches(site, args.proxyCaches, projects.map((p) => p.name)),
    imageRegistry,
    chart: { repository: chart.repository, version: chart.version },
  };
}

/** Harbor's namespace, its generated secrets (as Kubernetes Secrets only) and its route through the gateway. */
/** Generated values Harbor's chart would otherwise make up on every render (so renders stay reproducible). */
export interface HarborSecrets {
  adminPassword: pulumi.Input<string>;
  secretKey: pulumi.Input<string>;
  coreSecret: pulumi.Input<string>;
  xsrfKey: pulumi.Input<string>;
  jobserviceSecret: pulumi.Input<string>;
  registryHttpSecret: pulumi.Input<string>;
  registryPassword: pulumi.Input<string>;
  /** bcrypt hash of registryPassword. */
  registryPasswordHash: pulumi.Input<string>;
}

export function harborManifests(plan: HarborPlan, args: HarborRegistryArgs, secrets: HarborSecrets): Manifest[] {
  const labels = standardLabels({ name: "harbor", component: "registry", partOf: "slipway" });
  const meta = (name: string) => ({ name, namespace: plan.namespace, labels });
  // Harbor's own pods run as non-root with the chart's security contexts: the namespace stays restricted.
  const pss = podSecurityLabels("restricted");
  return [
    admitGatewayRoutes({ apiVersion: "v1", kind: "Namespace", metadata: { name: plan.namespace, labels: { ...labels, ...pss } } }),
    { apiVersion: "v1", kind: "Secret", metadata: meta(HARBOR_ADMIN_SECRET), type: "Opaque", stringData: { HARBOR_ADMIN_PASSWORD: secrets.adminPassword } },
    { apiVersion: "v1", kind: "Secret", metadata: meta(HARBOR_SECRET_KEY_SECRET), type: "Opaque", stringData: { secretKey: secrets.secretKey } },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta(HARBOR_INTERNAL_SECRET),
      type: "Opaque",
      stringData: { secret: secrets.coreSecret, CSRF_KEY: secrets.xsrfKey, JOBSERVICE_SECRET: secrets.jobserviceSecret, REGISTRY_HTTP_SECRET: secrets.registryHttpSecret },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta(HARBOR_REGISTRY_CREDENTIALS_SECRET),
      type: "Opaque",
      stringData: { REGISTRY_PASSWD: secrets.registryPassword, REGISTRY_HTPASSWD: pulumi.interpolate`${REGISTRY_USER}:${secrets.registryPasswordHash}` },
    },
    // Only core and the registry use this key pair (token signing), so a self-signed certificate is what Harbor itself would make.
    { apiVersion: "cert-manager.io/v1", kind: "Issuer", metadata: meta("harbor-token"), spec: { selfSigned: {} } },
    {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: meta("harbor-token"),
      spec: { secretName: HARBOR_TOKEN_SECRET, commonName: "harbor-token-ca", duration: "8760h", privateKey: { algorithm: "RSA", size: 4096, rotationPolicy: "Always" }, issuerRef: { kind: "Issuer", name: "harbor-token" } },
    },
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      // Harbor's Service comes from its chart, which renders nothing offline.
      metadata: { ...meta("harbor"), annotations: { [CHART_BACKEND_ANNOTATION]: "harbor" } },
      spec: {
        parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: args.gateway.gatewayName, namespace: args.gateway.gatewayNamespace, sectionName: args.gateway.httpsListener ?? "https" }],
        hostnames: [plan.host],
        rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ name: HARBOR_SERVICE.name, port: HARBOR_SERVICE.port }] }],
      },
    },
  ];
}

/** Every image of the chart under a mirror registry (air-gapped sites). */
function harborImageValues(registry: string): pulumi.Inputs {
  const image = (name: string) => ({ image: { repository: `${registry}/goharbor/${name}` } });
  return {
    nginx: image("nginx-photon"),
    portal: image("harbor-portal"),
    core: image("harbor-core"),
    jobservice: image("harbor-jobservice"),
    registry: { registry: image("registry-photon"), controller: image("harbor-registryctl") },
    trivy: image("trivy-adapter-photon"),
    database: { internal: image("harbor-db") },
    redis: { internal: image("redis-photon") },
    exporter: image("harbor-exporter"),
  };
}

function chartValues(plan: HarborPlan, databasePassword: pulumi.Input<string>): pulumi.Inputs {
  const claim = (size?: string) => ({ storageClass: plan.storageClassName, accessMode: "ReadWriteOnce", ...(size ? { size } : {}) });
  return {
    // TLS ends at the gateway; the chart's Service only speaks HTTP inside the cluster.
    expose: { type: "clusterIP", tls: { enabled: false }, clusterIP: { name: HARBOR_SERVICE.name, ports: { httpPort: HARBOR_SERVICE.port } } },
    externalURL: `https://${plan.host}`,
    existingSecretAdminPassword: HARBOR_ADMIN_SECRET,
    existingSecretAdminPasswordKey: "HARBOR_ADMIN_PASSWORD",
    existingSecretSecretKey: HARBOR_SECRET_KEY_SECRET,
    // Every secret the chart would generate (randAlphaNum, genCA, htpasswd) comes from our Secrets instead.
    core: { existingSecret: HARBOR_INTERNAL_SECRET, existingXsrfSecret: HARBOR_INTERNAL_SECRET, existingXsrfSecretKey: "CSRF_KEY", secretName: HARBOR_TOKEN_SECRET },
    jobservice: { existingSecret: HARBOR_INTERNAL_SECRET, existingSecretKey: "JOBSERVICE_SECRET" },
    registry: {
      existingSecret: HARBOR_INTERNAL_SECRET,
      existingSecretKey: "REGISTRY_HTTP_SECRET",
      credentials: { username: REGISTRY_USER, existingSecret: HARBOR_REGISTRY_CREDENTIALS_SECRET },
    },
    // Never the chart's well-known default database password.
    database: { type: "internal", internal: { password: databasePassword } },
    persistence: {
      enabled: true,
      resourcePolicy: "keep",
      persistentVolumeClaim: { registry: claim(plan.storageSize), jobservice: { jobLog: claim() }, database: claim(), redis: claim(), trivy: claim() },
    },
  };
}

/** A robot's login: its full name and its secret (a Pulumi secret). */
export interface RobotCredentials {
  username: pulumi.Output<string>;
  password: pulumi.Output<string>;
}

export interface HarborBuilt {
  adminPassword: pulumi.Output<string>;
  pullSecretDockerConfig: pulumi.Output<string>;
  robots: Record<string, RobotCredentials>;
  projects: Record<string, HarborProject>;
}

/** Registers Harbor: generated secrets, the chart, the route, then projects and robots through Harbor's API. */
export function buildHarbor(name: string, plan: HarborPlan, args: HarborRegistryArgs, parent: pulumi.Resource, certManager?: pulumi.ResourceOptions["dependsOn"]): HarborBuilt {
  const opts = { parent };
  const password = (id: string, length: number) => new random.RandomPassword(`${name}-${id}`, { length, special: false, minUpper: 2, minLower: 2, minNumeric: 2 }, opts);
  const adminPassword = pulumi.secret(password("admin", 32).result);
  // Harbor encrypts stored credentials with this key; it must be exactly 16 characters.
  const secretKey = pulumi.secret(password("secret-key", 16).result);
  const databasePassword = pulumi.secret(password("database", 32).result);
  const registryPassword = password("registry", 32);
  const secrets: HarborSecrets = {
    adminPassword,
    secretKey,
    coreSecret: pulumi.secret(password("core", 16).result),
    xsrfKey: pulumi.secret(password("xsrf", 32).result),
    jobserviceSecret: pulumi.secret(password("jobservice", 16).result),
    registryHttpSecret: pulumi.secret(password("registry-http", 16).result),
    registryPassword: pulumi.secret(registryPassword.result),
    registryPasswordHash: pulumi.secret(registryPassword.bcryptHash),
  };
  const kubernetes = { ...opts, provider: args.cluster.provider };
  // The token certificate's Issuer and Certificate wait for cert-manager (its CRDs and webhook).
  const planned = harborManifests(plan, args, secrets).map((manifest) => (manifest.apiVersion.startsWith("cert-manager.io/") && certManager ? { manifest, options: { dependsOn: certManager } } : manifest));
  const objects = registerManifests(name, planned, kubernetes, routeOptions(args.gateway));
  const namespace = objects.get(`v1/Namespace/${plan.namespace}`) as k8s.core.v1.Namespace;
  const chart = installChart(
    `${name}-chart`,
    HARBOR_CHART,
    {
      namespace: plan.namespace,
      values: chartValues(plan, databasePassword),
      overrides: { repository: plan.chart.repository, version: plan.chart.version, imageRegistry: plan.imageRegistry },
      imageValues: harborImageValues,
    },
    { ...kubernetes, dependsOn: [...objects.values()] },
  );
  const route = objects.get(`gateway.networking.k8s.io/v1/HTTPRoute/harbor`) as pulumi.Resource;
  // Projects and robots are made through Harbor's API, so Harbor must be up and reachable first.
  const api = { url: `https://${plan.host}`, username: "admin", password: adminPassword };
  const apiOptions = { parent, dependsOn: [chart, route, namespace] };
  const upstreams = buildProxyCacheEndpoints(name, plan.proxyCaches, api, apiOptions);
  const projects = Object.fromEntries([
    ...plan.projects.map((p) => [p.name, new HarborProject(`${name}-${p.name}`, { ...api, name: p.name, public: p.public }, apiOptions)] as const),
    ...plan.proxyCaches.map((c) => [c.project, new HarborProject(`${name}-${c.project}`, { ...api, name: c.project, public: false, registryId: upstreams[c.project].registryId }, { ...apiOptions, dependsOn: [...apiOptions.dependsOn, upstreams[c.project]] })] as const),
  ]);
  const permissions = (project: string, access: "pull" | "push") => ({
    kind: "project" as const,
    namespace: project,
    access: [{ resource: "repository", action: "pull" }, ...(access === "push" ? [{ resource: "repository", action: "push" }] : [])],
  });
  const robotOptions = { ...apiOptions, dependsOn: [...apiOptions.dependsOn, ...Object.values(projects)] };
  buildReplication(name, plan.replicas, api, robotOptions);
  const robots = Object.fromEntries(
    plan.robots.map((r) => [
      `${r.project}+${r.name}`,
      new HarborRobot(`${name}-${r.project}-${r.name}`, { ...api, name: r.name, description: `Slipway robot (${r.access})`, level: "project", permissions: [permissions(r.project, r.access)] }, robotOptions),
    ]),
  );
  const pullRobot = new HarborRobot(
    `${name}-${TENANT_PULL_ROBOT}`,
    { ...api, name: TENANT_PULL_ROBOT, description: "Image pulls of every tenant", level: "system", permissions: Object.keys(projects).map((p) => permissions(p, "pull")) },
    robotOptions,
  );
  const pullSecretDockerConfig = pulumi.secret(
    pulumi.all([pullRobot.fullName, pullRobot.secret]).apply(([username, secret]) =>
      JSON.stringify({ auths: { [plan.host]: { username, password: secret, auth: Buffer.from(`${username}:${secret}`).toString("base64") } } }),
    ),
  );
  // Secret in code too, not only through additionalSecretOutputs (which only the engine applies).
  const credentials = (robot: HarborRobot): RobotCredentials => ({ username: robot.fullName, password: pulumi.secret(robot.secret) });
  return { adminPassword, pullSecretDockerConfig, robots: Object.fromEntries(Object.entries(robots).map(([key, robot]) => [key, credentials(robot)])), projects };
}
