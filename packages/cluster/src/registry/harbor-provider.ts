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
    const response = await harbor(connectionOf(inputs), "POST", "/projects", [201], { project_name: inputs.name, metadata: { public: String(inputs.public) } });
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
    const replaces = changed(olds, news, ["name"]) as string[];
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
