import { Duration, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-34";

/** The container settings the catalog asks of every pod, in cdk8s-plus terms. */
export function tcpProbes(port: number, livenessPeriod: number): Pick<kplus.ContainerProps, "readiness" | "liveness"> {
  return {
    readiness: kplus.Probe.fromTcpSocket({ port, initialDelaySeconds: Duration.seconds(0), periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(2), failureThreshold: 3 }),
    liveness: kplus.Probe.fromTcpSocket({ port, initialDelaySeconds: Duration.seconds(10), periodSeconds: Duration.seconds(livenessPeriod), timeoutSeconds: Duration.seconds(3), failureThreshold: 6 }),
  };
}

export function sized(cpuRequestMillis: number, cpuLimitMillis: number, memoryMebibytes: number): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(cpuRequestMillis), limit: kplus.Cpu.millis(cpuLimitMillis) },
    memory: { request: Size.mebibytes(memoryMebibytes), limit: Size.mebibytes(memoryMebibytes) },
    // cdk8s-plus renders ephemeral storage in whole Gi only.
    ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
  };
}

/** cdk8s-plus hardens containers by default (non-root, read-only root, no escalation); say it anyway. */
export const CONTAINER_SECURITY: kplus.ContainerSecurityContextProps = { ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false };

export function labelsOf(name: string, component: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name, "app.kubernetes.io/component": component, "app.kubernetes.io/managed-by": "cdk8s" };
}
