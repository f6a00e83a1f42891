import type * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi dynamic providers for Harbor projects and robot accounts, calling Harbor's REST API v2.0
 * with basic auth. This module imports nothing at run time: Pulumi serializes the provider objects
 * with their closures, so they may only use globals (`fetch`, `Buffer`).
 */

/** Where Harbor is and how to log in (the password is a Pulumi secret input). */
export interface HarborConnection {
  /** Base URL, e.g. "https://harbor.corp.example". */
  url: string;
  username: string;
  password: string;
}

export interface HarborProjectInputs extends HarborConnection {
  name: string;
  public: boolean;
  /** A proxy-cache project: the registry endpoint whose images it pulls through and keeps. */
  registryId?: number;
}

export interface HarborProjectOutputs extends HarborProjectInputs {
  projectId: number;
}

/** One project permission of a robot: what it may do in which project. */
export interface HarborRobotPermission {
  kind: "project";
  namespace: string;
  access: { resource: string; action: string }[];
}

export interface HarborRobotInputs extends HarborConnection {
  /** The short name; Harbor prefixes it ("robot$" and, for project robots, "<project>+"). */
  name: string;
  description: string;
  level: "system" | "project";
  permissions: HarborRobotPermission[];
}

export interface HarborRobotOutputs extends HarborRobotInputs {
  robotId: number;
  /** The name to log in with, e.g. "robot$shop+ci". */
  fullName: string;
  /** The robot's password (a Pulumi secret). */
  secret: string;
}

interface HarborResponse {
  status: number;
  location: string | null;
  body: unknown;
}

/** Calls Harbor; `expected` statuses pass, anything else throws without echoing credentials. */
async function harbor(conn: HarborConnection, method: string, path: string, expected: number[], body?: unknown): Promise<HarborResponse> {
  const auth = Buffer.from(`${conn.username}:${conn.password}`).toString("base64");
  const headers: Record<string, string> = { Authorization: `Basic ${auth}`, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${conn.url.replace(/\/+$/, "")}/api/v2.0${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!expected.includes(response.status)) {
    throw new Error(`Harbor ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, location: response.headers.get("location"), body: parsed };
}

/** The numeric id at the end of a Location header ("/api/v2.0/projects/7" -> 7). */
function idFromLocation(location: string | null, what: string): number {
  const id = Number((location ?? "").split("/").pop());
  if (!Number.isInteger(id) || id <= 0) throw new Error(`Harbor created the ${what} but sent no usable Location header (${String(location)})`);
  return id;
}

function connectionOf(inputs: HarborConnection): HarborConnection {
  return { url: inputs.url, username: inputs.username, password: inputs.password };
}

function changed<T>(olds: T, news: T, keys: (keyof T)[]): (keyof T)[] {
  return keys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
}

/** Harbor projects: create, read, update (visibility), delete. Renaming a project replaces it. */
export const harborProjectProvider: pulumi.dynamic.ResourceProvider<HarborProjectInputs, HarborProjectOutputs> = {
  async create(inputs) {
    const proxy = inputs.registryId === undefined ? {} : { registry_id: inputs.registryId };
    const response = await harbor(connectionOf(inputs), "POST", "/projects", [201], { project_name: inputs.name, ...proxy, metadata: { public: String(inputs.public) } });
    const projectId = idFromLocation(response.location, `project ${inputs.name}`);
    return { id: String(projectId), outs: { ...inputs, projectId } };
  },
  async read(id, props) {
    if (!props) throw new Error(`Harbor project ${id}: reading needs the connection of its inputs`);
    const response = await harbor(connectionOf(props), "GET", `/projects/${encodeURIComponent(id)}`, [200, 404]);
    if (response.status === 404) return {};
    const project = response.body as { project_id: number; name: string; metadata?: { public?: string } };
    return { id, props: { ...props, projectId: project.project_id, name: project.name, public: project.metadata?.public === "true" } };
  },
  async diff(_id, olds, news) {
    const replaces = changed(olds, news, ["name", "registryId"]) as string[];
    const updates = changed(olds, news, ["public", "url", "username", "password"]);
    return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
  },
  async update(id, olds, news) {
    await harbor(connectionOf(news), "PUT", `/projects/${encodeURIComponent(id)}`, [200], { metadata: { public: String(news.public) } });
    return { outs: { ...news, projectId: olds.projectId } };
  },
  async delete(id, props) {
    // Already gone is fine: the goal state is "no project".
    await harbor(connectionOf(props), "DELETE", `/projects/${encodeURIComponent(id)}`, [200, 404]);
  },
};

/** Harbor robot accounts: never expiring, permissions updatable in place; the secret is known only at creation. */
export const harborRobotProvider: pulumi.dynamic.ResourceProvider<HarborRobotInputs, HarborRobotOutputs> = {
  async create(inputs) {
    const response = await harbor(connectionOf(inputs), "POST", "/robots", [201], {
      name: inputs.name,
      description: inputs.description,
      duration: -1,
      level: inputs.level,
      disable: false,
      permissions: inputs.permissions,
    });
    const created = response.body as { id: number; name: string; secret: string };
    const robotId = idFromLocation(response.location, `robot ${inputs.name}`);
    return { id: String(robotId), outs: { ...inputs, robotId, fullName: created.name, secret: created.secret } };
  },
  async read(id, props) {
    if (!props) throw new Error(`Harbor robot ${id}: reading needs the connection of its inputs`);
    const response = await harbor(connectionOf(props), "GET", `/robots/${encodeURIComponent(id)}`, [200, 404]);
    if (response.status === 404) return {};
    const robot = response.body as { id: number; name: string; description?: string; level: "system" | "project"; permissions: HarborRobotPermission[] };
    return { id, props: { ...props, robotId: robot.id, fullName: robot.name, description: robot.description ?? "", level: robot.level, permissions: robot.permissions } };
  },
  async diff(_id, olds, news) {
    const replaces = changed(olds, news, ["name", "level"]) as string[];
    const updates = changed(olds, news, ["description", "permissions", "url", "username", "password"]);
    return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
  },
  async update(id, olds, news) {
    await harbor(connectionOf(news), "PUT", `/robots/${encodeURIComponent(id)}`, [200], {
      id: olds.robotId,
      name: olds.fullName,
      description: news.description,
      duration: -1,
      level: news.level,
      disable: false,
      permissions: news.permissions,
    });
    return { outs: { ...news, robotId: olds.robotId, fullName: olds.fullName, secret: olds.secret } };
  },
  async delete(id, props) {
    await harbor(connectionOf(props), "DELETE", `/robots/${encodeURIComponent(id)}`, [200, 404]);
  },
};

export interface HarborEndpointInputs extends HarborConnection {
  /** The endpoint's name in Harbor. */
  name: string;
  /** Harbor's adapter: "harbor", "docker-hub", "docker-registry", "quay", "github-ghcr"... */
  type: string;
  /** The remote registry's URL. */
  endpointUrl: string;
  /** Login at the remote registry (a robot name); none for anonymous pulls. */
  accessKey?: string;
  /** Its password (a Pulumi secret). */
  accessSecret?: string;
}

export interface HarborEndpointOutputs extends HarborEndpointInputs {
  registryId: number;
}

function endpointBody(inputs: HarborEndpointInputs): Record<string, unknown> {
  const credential = inputs.accessKey === undefined ? {} : { credential: { type: "basic", access_key: inputs.accessKey, access_secret: inputs.accessSecret ?? "" } };
  return { name: inputs.name, type: inputs.type, url: inputs.endpointUrl, insecure: false, description: "Managed by Slipway", ...credential };
}

/** Harbor registry endpoints (the remote side of a replication or a proxy cache); a new type replaces it. */
export const harborEndpointProvider: pulumi.dynamic.ResourceProvider<HarborEndpointInputs, HarborEndpointOutputs> = {
  async create(inputs) {
    const response = await harbor(connectionOf(inputs), "POST", "/registries", [201], endpointBody(inputs));
    const registryId = idFromLocation(response.location, `registry endpoint ${inputs.name}`);
    return { id: String(registryId), outs: { ...inputs, registryId } };
  },
  async read(id, props) {
    if (!props) throw new Error(`Harbor registry endpoint ${id}: reading needs the connection of its inputs`);
    const response = await harbor(connectionOf(props), "GET", `/registries/${encodeURIComponent(id)}`, [200, 404]);
    if (response.status === 404) return {};
    const endpoint = response.body as { id: number; name: string; type: string; url: string; credential?: { access_key?: string } };
    // Harbor never returns the secret: keep the one in state.
    return { id, props: { ...props, registryId: endpoint.id, name: endpoint.name, type: endpoint.type, endpointUrl: endpoint.url, ...(endpoint.credential?.access_key ? { accessKey: endpoint.credential.access_key } : {}) } };
  },
  async diff(_id, olds, news) {
    const replaces = changed(olds, news, ["type"]) as string[];
    const updates = changed(olds, news, ["name", "endpointUrl", "accessKey", "accessSecret", "url", "username", "password"]);
    return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
  },
  async update(id, olds, news) {
    const login = news.accessKey === undefined ? {} : { credential_type: "basic", access_key: news.accessKey, access_secret: news.accessSecret ?? "" };
    await harbor(connectionOf(news), "PUT", `/registries/${encodeURIComponent(id)}`, [200], { name: news.name, url: news.endpointUrl, insecure: false, description: "Managed by Slipway", ...login });
    return { outs: { ...news, registryId: olds.registryId } };
  },
  async delete(id, props) {
    await harbor(connectionOf(props), "DELETE", `/registries/${encodeURIComponent(id)}`, [200, 404]);
  },
};

export interface HarborReplicationInputs extends HarborConnection {
  name: string;
  /** The endpoint images are pushed to. */
  destRegistryId: number;
  /** Repositories copied, as Harbor's name filter, e.g. "shop/**". */
  filter: string;
  /** Harbor's 6-field cron; none replicates on every push. */
  cron?: string;
  /** Delete remote artifacts deleted here too. */
  deletion: boolean;
}

export interface HarborReplicationOutputs extends HarborReplicationInputs {
  policyId: number;
}

function policyBody(inputs: HarborReplicationInputs): Record<string, unknown> {
  return {
    name: inputs.name,
    description: "Managed by Slipway",
    dest_registry: { id: inputs.destRegistryId },
    filters: [{ type: "name", value: inputs.filter }],
    trigger: inputs.cron ? { type: "scheduled", trigger_settings: { cron: inputs.cron } } : { type: "event_based" },
    deletion: inputs.deletion,
    override: true,
    enabled: true,
  };
}

/** Harbor push-replication policies to another registry endpoint, updated in place. */
export const harborReplicationProvider: pulumi.dynamic.ResourceProvider<HarborReplicationInputs, HarborReplicationOutputs> = {
  async create(inputs) {
    const response = await harbor(connectionOf(inputs), "POST", "/replication/policies", [201], policyBody(inputs));
    const policyId = idFromLocation(response.location, `replication policy ${inputs.name}`);
    return { id: String(policyId), outs: { ...inputs, policyId } };
  },
  async read(id, props) {
    if (!props) throw new Error(`Harbor replication policy ${id}: reading needs the connection of its inputs`);
    const response = await harbor(connectionOf(props), "GET", `/replication/policies/${encodeURIComponent(id)}`, [200, 404]);
    if (response.status === 404) return {};
    const policy = response.body as { id: number; name: string; dest_registry?: { id: number }; filters?: { type: string; value: string }[]; trigger?: { type: string; trigger_settings?: { cron?: string } }; deletion?: boolean };
    const cron = policy.trigger?.type === "scheduled" ? policy.trigger.trigger_settings?.cron : undefined;
    const filter = policy.filters?.find((f) => f.type === "name")?.value ?? props.filter;
    const { cron: _cron, ...rest } = props;
    return { id, props: { ...rest, policyId: policy.id, name: policy.name, destRegistryId: policy.dest_registry?.id ?? props.destRegistryId, filter, deletion: !!policy.deletion, ...(cron ? { cron } : {}) } };
  },
  async diff(_id, olds, news) {
    const updates = changed(olds, news, ["name", "destRegistryId", "filter", "cron", "deletion", "url", "username", "password"]);
    return { changes: updates.length > 0, replaces: [], deleteBeforeReplace: false };
  },
  async update(id, olds, news) {
    await harbor(connectionOf(news), "PUT", `/replication/policies/${encodeURIComponent(id)}`, [200], { id: olds.policyId, ...policyBody(news) });
    return { outs: { ...news, policyId: olds.policyId } };
  },
  async delete(id, props) {
    await harbor(connectionOf(props), "DELETE", `/replication/policies/${encodeURIComponent(id)}`, [200, 404]);
  },
};
