import * as pulumi from "@pulumi/pulumi";
import { checkUrl, fail, InputSite } from "@slipway/core";
import { HarborProxyCacheArgs, HarborReplicaArgs, RegistryLogin } from "./args";
import { HarborEndpoint, HarborReplication } from "./harbor-resources";
import { checkProjectName } from "./names";

/** Harbor's adapter for an upstream host; anything else is a plain registry (the distribution API). */
const ADAPTERS: Record<string, string> = { "hub.docker.com": "docker-hub", "registry-1.docker.io": "docker-hub", "docker.io": "docker-hub", "quay.io": "quay", "ghcr.io": "github-ghcr" };
// Harbor's cron has six fields, seconds first.
const CRON = /^(\S+\s+){5}\S+$/;

export interface HarborReplicaPlan {
  name: string;
  url: string;
  login: RegistryLogin;
  projects: string[];
  schedule?: string;
  deletion: boolean;
}

export interface HarborProxyCachePlan {
  project: string;
  url: string;
  /** Harbor's adapter type for the upstream. */
  type: string;
  login?: RegistryLogin;
}

function checkLogin(site: InputSite, path: string, value: unknown): RegistryLogin {
  const login = value as RegistryLogin | undefined;
  if (!login || typeof login !== "object" || login.username === undefined || login.password === undefined) return fail(site, path, value === undefined ? undefined : "(incomplete)", "must be { username, password }", "use a robot account of that registry");
  return login;
}

/** Validates `proxyCaches`: new project names, https upstreams. */
export function planHarborProxyCaches(site: InputSite, value: unknown, projects: string[]): HarborProxyCachePlan[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(site, "proxyCaches", value, "must be a list of { project, upstream, login? }");
  const taken = new Set(projects);
  return value.map((cache: HarborProxyCacheArgs, i) => {
    const project = checkProjectName(site, `proxyCaches[${i}].project`, cache?.project);
    if (taken.has(project)) fail(site, `proxyCaches[${i}].project`, project, "is already a project of the registry", "a proxy cache is a project of its own: give it another name");
    taken.add(project);
    const url = checkUrl(site, `proxyCaches[${i}].upstream`, cache.upstream, ["https:"]);
    return { project, url: url.origin, type: ADAPTERS[url.hostname] ?? "docker-registry", ...(cache.login !== undefined ? { login: checkLogin(site, `proxyCaches[${i}].login`, cache.login) } : {}) };
  });
}

/** Validates `replicateTo`: distinct sites with an https URL, a login, known projects and a Harbor cron. */
export function planHarborReplicas(site: InputSite, value: unknown, projects: string[]): HarborReplicaPlan[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(site, "replicateTo", value, "must be a list of { name, url, login, projects? }");
  const names = new Set<string>();
  return value.map((replica: HarborReplicaArgs, i) => {
    const path = `replicateTo[${i}]`;
    const name = checkProjectName(site, `${path}.name`, replica?.name);
    if (names.has(name)) fail(site, `${path}.name`, name, "is listed twice");
    names.add(name);
    const url = checkUrl(site, `${path}.url`, replica.url, ["https:"]);
    const chosen = replica.projects ?? projects;
    if (!Array.isArray(chosen) || !chosen.length) fail(site, `${path}.projects`, chosen, "must list at least one project");
    chosen.forEach((p, j) => {
      if (!projects.includes(p)) fail(site, `${path}.projects[${j}]`, p, "is not a project of the registry (proxy caches are not replicated)", `use one of: ${projects.join(", ")}`);
    });
    if (replica.schedule !== undefined && (typeof replica.schedule !== "string" || !CRON.test(replica.schedule.trim()))) {
      fail(site, `${path}.schedule`, replica.schedule, "is not a Harbor cron (six fields, seconds first)", 'e.g. "0 0 * * * *" for hourly');
    }
    return { name, url: url.origin, login: checkLogin(site, `${path}.login`, replica.login), projects: chosen, ...(replica.schedule ? { schedule: replica.schedule.trim() } : {}), deletion: replica.deletion ?? false };
  });
}

type Api = { url: pulumi.Input<string>; username: pulumi.Input<string>; password: pulumi.Input<string> };

/** The upstream endpoint of each proxy-cache project, by project. */
export function buildProxyCacheEndpoints(name: string, caches: HarborProxyCachePlan[], api: Api, opts: pulumi.CustomResourceOptions): Record<string, HarborEndpoint> {
  return Object.fromEntries(
    caches.map((c) => [
      c.project,
      new HarborEndpoint(`${name}-upstream-${c.project}`, { ...api, name: `upstream-${c.project}`, type: c.type, endpointUrl: c.url, ...(c.login ? { accessKey: c.login.username, accessSecret: pulumi.secret(c.login.password) } : {}) }, opts),
    ]),
  );
}

/** Per site: its endpoint, then one push policy per project (`<project>/**`), after the projects exist. */
export function buildReplication(name: string, replicas: HarborReplicaPlan[], api: Api, opts: pulumi.CustomResourceOptions): HarborReplication[] {
  return replicas.flatMap((r) => {
    const endpoint = new HarborEndpoint(`${name}-site-${r.name}`, { ...api, name: `site-${r.name}`, type: "harbor", endpointUrl: r.url, accessKey: r.login.username, accessSecret: pulumi.secret(r.login.password) }, opts);
    return r.projects.map(
      (project) =>
        new HarborReplication(
          `${name}-${r.name}-${project}`,
          { ...api, name: `${project}-to-${r.name}`, destRegistryId: endpoint.registryId, filter: `${project}/**`, ...(r.schedule ? { cron: r.schedule } : {}), deletion: r.deletion },
          { ...opts, dependsOn: [...((opts.dependsOn as pulumi.Resource[]) ?? []), endpoint] },
        ),
    );
  });
}
