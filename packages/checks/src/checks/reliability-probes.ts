import { objectCheck } from "../define";
import { canonical, list, record } from "../objects";
import { podTemplateOf, servingContainersOf } from "../pods";

const PROBES = ["readinessProbe", "livenessProbe", "startupProbe"] as const;

/** The port a probe targets (httpGet, tcpSocket or grpc), if it targets one. */
function probePort(probe: Record<string, unknown>): { field: string; port: unknown } | undefined {
  for (const handler of ["httpGet", "tcpSocket", "grpc"]) {
    const port = record(probe[handler]).port;
    if (port !== undefined) return { field: `${handler}.port`, port };
  }
  return undefined;
}

export const probes = objectCheck(
  {
    id: "R4",
    title: "Readiness and liveness probes on serving containers, not identical, on ports that exist",
    tools: ["KL:no-readiness-probe", "KL:no-liveness-probe", "KL:readiness-port", "KL:liveness-port", "KL:startup-port", "KS:pod-probes", "PO:readinessProbeMissing", "PO:livenessProbeMissing"],
  },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    for (const ref of servingContainersOf(pod)) {
      const c = ref.container;
      for (const probe of ["readinessProbe", "livenessProbe"]) {
        if (c[probe] === undefined) report(m, `${ref.path}.${probe}`, `is missing on a serving container`, `add a ${probe} (readiness: can it take traffic; liveness: is it stuck)`);
      }
      if (c.readinessProbe !== undefined && canonical(c.readinessProbe) === canonical(c.livenessProbe)) {
        report(m, `${ref.path}.livenessProbe`, "is identical to the readinessProbe", "make liveness check only that the process is not stuck, with a longer threshold");
      }
      const ports = list(c.ports).map(record);
      for (const probe of PROBES) {
        const target = probePort(record(c[probe]));
        if (!target) continue;
        const { port } = target;
        const exists = typeof port === "string" ? ports.some((p) => p.name === port) : typeof port === "number" ? ports.some((p) => p.containerPort === port) : true;
        if (!exists) report(m, `${ref.path}.${probe}.${target.field}`, `targets port ${String(port)}, which the container does not declare`, "point the probe at a declared container port");
      }
    }
  },
);
