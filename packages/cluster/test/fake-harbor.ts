import * as http from "http";
import { AddressInfo } from "net";

/**
 * A small Harbor on loopback that follows Harbor's REST API v2.0 for projects (proxy-cache ones
 * included), robots, registry endpoints and replication policies: basic
 * auth, 201 with a Location header on create, 409 on duplicates, 404 on missing, 200 otherwise.
 */
export interface FakeHarbor {
  url: string;
  projects: Map<number, { project_id: number; name: string; metadata: { public: string }; registry_id?: number }>;
  registries: Map<number, { id: number; name: string; type: string; url: string; insecure: boolean; credential?: { type: string; access_key: string; access_secret: string } }>;
  policies: Map<number, Record<string, unknown> & { id: number; name: string; dest_registry: { id: number } }>;
  robots: Map<number, { id: number; name: string; description: string; level: string; duration: number; disable: boolean; permissions: unknown[]; secret: string }>;
  requests: string[];
  close(): Promise<void>;
}

const PREFIX = "/api/v2.0";

function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function error(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { errors: [{ code, message }] });
}

export async function startFakeHarbor(username: string, password: string): Promise<FakeHarbor> {
  const projects: FakeHarbor["projects"] = new Map();
  const robots: FakeHarbor["robots"] = new Map();
  const registries: FakeHarbor["registries"] = new Map();
  const policies: FakeHarbor["policies"] = new Map();
  const requests: string[] = [];
  let nextId = 1;
  const expectedAuth = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const method = req.method ?? "GET";
      const path = (req.url ?? "").split("?")[0];
      requests.push(`${method} ${path}`);
      if (req.headers.authorization !== expectedAuth) return error(res, 401, "UNAUTHORIZED", "unauthorized");
      if (!path.startsWith(PREFIX)) return error(res, 404, "NOT_FOUND", "not found");
      const body = raw ? JSON.parse(raw) : undefined;
      const [collection, key] = path.slice(PREFIX.length + 1).split("/");
      if (collection === "projects") {
        if (method === "POST" && key === undefined) {
          const name = body?.project_name;
          if (typeof name !== "string" || !/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name)) return error(res, 400, "BAD_REQUEST", "invalid project name");
          if ([...projects.values()].some((p) => p.name === name)) return error(res, 409, "CONFLICT", `The project named ${name} already exists`);
          if (body.registry_id !== undefined && !registries.has(body.registry_id)) return error(res, 400, "BAD_REQUEST", `registry ${body.registry_id} not found`);
          const id = nextId++;
          projects.set(id, { project_id: id, name, metadata: { public: body.metadata?.public ?? "false" }, ...(body.registry_id !== undefined ? { registry_id: body.registry_id } : {}) });
          return send(res, 201, undefined, { Location: `${PREFIX}/projects/${id}` });
        }
        // Numeric keys are ids unless the client says it sent a name.
        const byName = req.headers["x-is-resource-name"] === "true" || !/^\d+$/.test(key ?? "");
        const project = byName ? [...projects.values()].find((p) => p.name === key) : projects.get(Number(key));
        if (!project) return error(res, 404, "NOT_FOUND", `project ${key} not found`);
        if (method === "GET") return send(res, 200, project);
        if (method === "PUT") {
          project.metadata = { ...project.metadata, ...body?.metadata };
          return send(res, 200);
        }
        if (method === "DELETE") {
          projects.delete(project.project_id);
          return send(res, 200);
        }
      }
      if (collection === "robots") {
        if (method === "POST" && key === undefined) {
          const permissions = body?.permissions ?? [];
          const fullName = body?.level === "project" ? `robot$${permissions[0]?.namespace}+${body.name}` : `robot$${body?.name}`;
          if ([...robots.values()].some((r) => r.name === fullName)) return error(res, 409, "CONFLICT", `robot ${fullName} already exists`);
          if (body?.level === "project" && ![...projects.values()].some((p) => p.name === permissions[0]?.namespace)) return error(res, 400, "BAD_REQUEST", "project not found");
          const id = nextId++;
          const secret = `fake-robot-secret-${id}`;
          robots.set(id, { id, name: fullName, description: body.description ?? "", level: body.level, duration: body.duration, disable: !!body.disable, permissions, secret });
          return send(res, 201, { id, name: fullName, secret, creation_time: "2025-01-01T00:00:00.000Z", expires_at: -1 }, { Location: `${PREFIX}/robots/${id}` });
        }
        const robot = robots.get(Number(key));
        if (!robot) return error(res, 404, "NOT_FOUND", `robot ${key} not found`);
        if (method === "GET") {
          const { secret: _secret, ...visible } = robot;
          return send(res, 200, visible);
        }
        if (method === "PUT") {
          if (body?.id !== robot.id || body?.name !== robot.name) return error(res, 400, "BAD_REQUEST", "id and name must match the robot");
          Object.assign(robot, { description: body.description, permissions: body.permissions, disable: !!body.disable });
          return send(res, 200);
        }
        if (method === "DELETE") {
          robots.delete(robot.id);
          return send(res, 200);
        }
      }
      if (collection === "registries") {
        if (method === "POST" && key === undefined) {
          if (typeof body?.name !== "string" || typeof body?.type !== "string" || typeof body?.url !== "string") return error(res, 400, "BAD_REQUEST", "name, type and url are required");
          if ([...registries.values()].some((r) => r.name === body.name)) return error(res, 409, "CONFLICT", `registry ${body.name} already exists`);
          const id = nextId++;
          registries.set(id, { id, name: body.name, type: body.type, url: body.url, insecure: !!body.insecure, ...(body.credential ? { credential: body.credential } : {}) });
          return send(res, 201, undefined, { Location: `${PREFIX}/registries/${id}` });
        }
        const registry = registries.get(Number(key));
        if (!registry) return error(res, 404, "NOT_FOUND", `registry ${key} not found`);
        if (method === "GET") return send(res, 200, { ...registry, ...(registry.credential ? { credential: { ...registry.credential, access_secret: "*****" } } : {}) });
        if (method === "PUT") {
          Object.assign(registry, { name: body.name ?? registry.name, url: body.url ?? registry.url, insecure: !!body.insecure });
          if (body.access_key !== undefined) registry.credential = { type: body.credential_type ?? "basic", access_key: body.access_key, access_secret: body.access_secret };
          return send(res, 200);
        }
        if (method === "DELETE") {
          if ([...policies.values()].some((p) => p.dest_registry.id === registry.id) || [...projects.values()].some((p) => p.registry_id === registry.id)) return error(res, 412, "PRECONDITION", "the registry is in use");
          registries.delete(registry.id);
          return send(res, 200);
        }
      }
      if (collection === "replication" && key === "policies") {
        const policyKey = path.slice(PREFIX.length + 1).split("/")[2];
        if (method === "POST" && policyKey === undefined) {
          if (!registries.has(body?.dest_registry?.id)) return error(res, 400, "BAD_REQUEST", "destination registry not found");
          if ([...policies.values()].some((p) => p.name === body.name)) return error(res, 409, "CONFLICT", `policy ${body.name} already exists`);
          const id = nextId++;
          policies.set(id, { ...body, id });
          return send(res, 201, undefined, { Location: `${PREFIX}/replication/policies/${id}` });
        }
        const policy = policies.get(Number(policyKey));
        if (!policy) return error(res, 404, "NOT_FOUND", `policy ${policyKey} not found`);
        if (method === "GET") return send(res, 200, policy);
        if (method === "PUT") {
          if (!registries.has(body?.dest_registry?.id)) return error(res, 400, "BAD_REQUEST", "destination registry not found");
          policies.set(policy.id, { ...body, id: policy.id });
          return send(res, 200);
        }
        if (method === "DELETE") {
          policies.delete(policy.id);
          return send(res, 200);
        }
      }
      return error(res, 405, "METHOD_NOT_ALLOWED", `${method} ${path}`);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    projects,
    robots,
    registries,
    policies,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** A value the provider's types mark optional (its methods and `outs`). */
export function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("missing from the provider's answer");
  return value;
}

/** A fake Harbor started before each test of the surrounding describe and closed after it, with the admin connection to it. */
export function useFakeHarbor(password: string): { harbor: () => FakeHarbor; connection: () => { url: string; username: string; password: string } } {
  let harbor: FakeHarbor;
  beforeEach(async () => {
    harbor = await startFakeHarbor("admin", password);
  });
  afterEach(() => harbor.close());
  return { harbor: () => harbor, connection: () => ({ url: harbor.url, username: "admin", password }) };
}
