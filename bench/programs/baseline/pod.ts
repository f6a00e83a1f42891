/** What a careful user writes by hand for every pod: labels, hardening, probes, sizes, spreading. */

export function labelsOf(name: string, component: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name, "app.kubernetes.io/component": component, "app.kubernetes.io/managed-by": "pulumi" };
}

export function selectorOf(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name };
}

export const CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
};

export function tcpProbes(port: string, livenessPeriod: number) {
  return {
    readinessProbe: { tcpSocket: { port }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
    livenessProbe: { tcpSocket: { port }, initialDelaySeconds: 10, periodSeconds: livenessPeriod, timeoutSeconds: 3, failureThreshold: 6 },
  };
}

export function sized(cpuRequest: string, cpuLimit: string, memory: string) {
  return { requests: { cpu: cpuRequest, memory, "ephemeral-storage": "64Mi" }, limits: { cpu: cpuLimit, memory, "ephemeral-storage": "1Gi" } };
}

/** Spread replicas over hosts and zones, softly. */
export function spreadOver(matchLabels: Record<string, string>) {
  return ["kubernetes.io/hostname", "topology.kubernetes.io/zone"].map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels },
  }));
}

/** The pod-level fields every pod gets; `tmp` is the writable emptyDir under the read-only root. */
export function podBasics(serviceAccountName: string, tmp: string) {
  return {
    serviceAccountName,
    automountServiceAccountToken: false,
    terminationGracePeriodSeconds: 35,
    volumes: [{ name: tmp, emptyDir: { sizeLimit: "256Mi" } }],
  };
}
