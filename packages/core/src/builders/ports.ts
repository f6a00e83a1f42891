import * as k8s from "@pulumi/kubernetes";
import { fail, InputSite } from "../errors";
import { checkOneOf, checkPort, checkPortName } from "../validate";

/** A port: its number, or the Service port, container port and protocol when they differ. */
export type PortSpec = number | { port: number; targetPort?: number; protocol?: "TCP" | "UDP" | "SCTP"; appProtocol?: string };

/** Ports by name, e.g. `{ http: 8080, metrics: 9090 }`. Names are what probes, Services and policies refer to. */
export type PortMap = Record<string, PortSpec>;

/** A validated port: the Service port, the container port it targets, and the protocol. */
export interface NamedPort {
  name: string;
  port: number;
  containerPort: number;
  protocol: "TCP" | "UDP" | "SCTP";
  appProtocol?: string;
}

/** Validates a port map: names are IANA service names, numbers in range, no container port used twice. */
export function normalizePorts(site: InputSite, path: string, ports: PortMap | undefined): NamedPort[] {
  const result: NamedPort[] = [];
  for (const [name, spec] of Object.entries(ports ?? {})) {
    const field = `${path}.${name}`;
    checkPortName(site, field, name);
    const full = typeof spec === "number" ? { port: spec } : spec;
    if (typeof full !== "object" || full === null) fail(site, field, spec, "must be a port number or { port, targetPort?, protocol? }");
    const port = checkPort(site, `${field}.port`, full.port);
    const containerPort = full.targetPort === undefined ? port : checkPort(site, `${field}.targetPort`, full.targetPort);
    const protocol = full.protocol === undefined ? "TCP" : checkOneOf(site, `${field}.protocol`, full.protocol, ["TCP", "UDP", "SCTP"] as const);
    const clash = result.find((p) => (p.containerPort === containerPort || p.port === port) && p.protocol === protocol);
    if (clash) fail(site, field, port, `uses the same ${protocol} port as ${path}.${clash.name}`, "give each port its own number");
    result.push({ name, port, containerPort, protocol, ...(full.appProtocol ? { appProtocol: full.appProtocol } : {}) });
  }
  return result;
}

/** The `ports` of a container. */
export function containerPorts(ports: NamedPort[]): k8s.types.input.core.v1.ContainerPort[] {
  return ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }));
}

/** The `ports` of a Service, targeting container ports by name so renumbering a container never breaks it. */
export function servicePorts(ports: NamedPort[]): k8s.types.input.core.v1.ServicePort[] {
  return ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
}

/** Resolves a port reference (a name or a container port number) to a declared port, or fails naming the field. */
export function resolvePort(site: InputSite, path: string, ports: NamedPort[], ref: string | number): NamedPort {
  const found = ports.find((p) => (typeof ref === "string" ? p.name === ref : p.containerPort === ref));
  if (!found) {
    const known = ports.map((p) => `${p.name}=${p.containerPort}`).join(", ") || "none";
    return fail(site, path, ref, "names no declared port", `use one of the container's ports (${known})`);
  }
  return found;
}
