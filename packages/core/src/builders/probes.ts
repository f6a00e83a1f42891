import * as k8s from "@pulumi/kubernetes";
import { fail, InputSite } from "../errors";
import { ProbeTimings } from "../profile";
import { checkNumber } from "../validate";
import { NamedPort, resolvePort } from "./ports";

/** How a probe asks: an HTTP GET, a TCP connect, a gRPC health check, or a command. */
export type ProbeHandler =
  | { http: { path: string; port?: string | number; scheme?: "HTTP" | "HTTPS" } }
  | { tcp: { port?: string | number } }
  | { grpc: { port?: string | number; service?: string } }
  | { exec: { command: string[] } };

/** A probe: its handler plus any timing that differs from the profile. */
export type ProbeSpec = ProbeHandler & Partial<ProbeTimings>;

/** The probes of a serving container; readiness and liveness default to a TCP check of the first port. */
export interface ProbesSpec {
  readiness?: ProbeSpec;
  liveness?: ProbeSpec;
  /** For slow starters: liveness waits until this succeeds. */
  startup?: ProbeSpec;
}

function handler(site: InputSite, path: string, ports: NamedPort[], spec: ProbeSpec): k8s.types.input.core.v1.Probe {
  const portOf = (ref: string | number | undefined, field: string) => {
    if (ref === undefined && ports.length === 0) fail(site, field, ref, "is needed: the container declares no ports", "set a port or declare the container's ports");
    return resolvePort(site, field, ports, ref ?? ports[0].name);
  };
  if ("http" in spec) {
    if (typeof spec.http.path !== "string" || !spec.http.path.startsWith("/")) fail(site, `${path}.http.path`, spec.http.path, "must start with '/'", 'e.g. "/healthz"');
    const port = portOf(spec.http.port, `${path}.http.port`);
    return { httpGet: { path: spec.http.path, port: port.name, scheme: spec.http.scheme ?? "HTTP" } };
  }
  if ("tcp" in spec) return { tcpSocket: { port: portOf(spec.tcp.port, `${path}.tcp.port`).name } };
  if ("grpc" in spec) {
    // grpc probes take a port number, not a name.
    const port = portOf(spec.grpc.port, `${path}.grpc.port`);
    return { grpc: { port: port.containerPort, ...(spec.grpc.service ? { service: spec.grpc.service } : {}) } };
  }
  if ("exec" in spec) {
    if (!Array.isArray(spec.exec.command) || spec.exec.command.length === 0) fail(site, `${path}.exec.command`, spec.exec.command, "must be a non-empty list");
    return { exec: { command: spec.exec.command } };
  }
  return fail(site, path, spec, "has no handler", "use one of http, tcp, grpc or exec");
}

/** Builds one probe: the handler from `spec`, timings from `spec` over the profile's. */
export function buildProbe(site: InputSite, path: string, ports: NamedPort[], spec: ProbeSpec, defaults: ProbeTimings): k8s.types.input.core.v1.Probe {
  const timing = (field: keyof ProbeTimings, min: number) => checkNumber(site, `${path}.${field}`, spec[field] ?? defaults[field], { min, max: 3600 });
  return {
    ...handler(site, path, ports, spec),
    initialDelaySeconds: timing("initialDelaySeconds", 0),
    periodSeconds: timing("periodSeconds", 1),
    timeoutSeconds: timing("timeoutSeconds", 1),
    failureThreshold: timing("failureThreshold", 1),
  };
}

/**
 * Readiness, liveness and optional startup probes (CHECKS R4). A serving container without probes
 * gets TCP checks of its first port; readiness and liveness never come out identical.
 */
export function buildProbes(
  site: InputSite,
  path: string,
  ports: NamedPort[],
  spec: ProbesSpec | undefined,
  profile: { readiness: ProbeTimings; liveness: ProbeTimings },
): { readinessProbe?: k8s.types.input.core.v1.Probe; livenessProbe?: k8s.types.input.core.v1.Probe; startupProbe?: k8s.types.input.core.v1.Probe } {
  const fallback: ProbeSpec | undefined = ports.length > 0 ? { tcp: {} } : undefined;
  const readinessSpec = spec?.readiness ?? spec?.liveness ?? fallback;
  const livenessSpec = spec?.liveness ?? spec?.readiness ?? fallback;
  const out: ReturnType<typeof buildProbes> = {};
  // A probe borrowed from the other kind reports errors under the field the user actually wrote.
  const origin = (own: ProbeSpec | undefined, other: "readiness" | "liveness", self: "readiness" | "liveness") => `${path}.${own ? self : spec?.[other] ? other : self}`;
  if (readinessSpec) out.readinessProbe = buildProbe(site, origin(spec?.readiness, "liveness", "readiness"), ports, readinessSpec, profile.readiness);
  if (livenessSpec) out.livenessProbe = buildProbe(site, origin(spec?.liveness, "readiness", "liveness"), ports, livenessSpec, profile.liveness);
  if (out.readinessProbe && out.livenessProbe && JSON.stringify(out.readinessProbe) === JSON.stringify(out.livenessProbe)) {
    fail(site, `${path}.liveness`, livenessSpec, "is identical to the readiness probe", "a failing liveness probe restarts the pod; give it a longer period or failure threshold than readiness");
  }
  if (spec?.startup) out.startupProbe = buildProbe(site, `${path}.startup`, ports, spec.startup, { ...profile.liveness, initialDelaySeconds: 0, periodSeconds: 5, failureThreshold: 30 });
  return out;
}
