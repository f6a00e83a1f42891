import { Kubectl } from "./kubectl";
import { K8sObject } from "./manifests";

/**
 * Proves the tier can fail: in a namespace that enforces Pod Security `restricted`, the real API
 * server must reject a privileged pod and admit a compliant one (so the rejection is Pod Security's).
 */
export const PROBE_NAMESPACE = "e2e-pod-security-probe";

export function probeNamespace(): K8sObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: PROBE_NAMESPACE, labels: { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "latest" } },
  };
}

function pod(name: string, securityContext: Record<string, unknown>): K8sObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: PROBE_NAMESPACE },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
      containers: [{ name: "app", image: "example.invalid/app:1.0.0", resources: { limits: { cpu: "100m", memory: "64Mi" } }, securityContext }],
    },
  };
}

export const compliantPod = (): K8sObject => pod("compliant", { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
export const privilegedPod = (): K8sObject => pod("privileged", { privileged: true, allowPrivilegeEscalation: true });

/** undefined when the server rejected the privileged pod for Pod Security and admitted the compliant one. */
export function podSecurityProbe(kubectl: Kubectl): { rejected?: string; admitted?: string } {
  const namespace = kubectl.apply(probeNamespace());
  if (!namespace.ok) return { rejected: `cannot create ${PROBE_NAMESPACE}: ${namespace.stderr}`, admitted: "not tried" };
  const bad = kubectl.apply(privilegedPod());
  const good = kubectl.apply(compliantPod());
  return {
    rejected: bad.ok ? "the privileged pod was admitted" : /violates PodSecurity "restricted/.test(bad.stderr) ? undefined : `rejected, but not by Pod Security: ${bad.stderr}`,
    admitted: good.ok ? undefined : `the compliant pod was rejected: ${good.stderr}`,
  };
}
