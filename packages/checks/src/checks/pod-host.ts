import { objectCheck } from "../define";
import { list, record } from "../objects";
import { containersOf, podTemplateOf } from "../pods";
import { securityContext } from "./pod-security";

const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"];

export const noHostNamespaces = objectCheck(
  {
    id: "S8",
    title: "No hostNetwork, hostPID or hostIPC",
    tools: ["PSS:hostNamespaces", "KL:host-network", "KL:host-pid", "KL:host-ipc", "PO:hostNetworkSet", "PO:hostPIDSet", "PO:hostIPCSet"],
  },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    for (const field of HOST_NAMESPACES) {
      if (pod.spec[field] === true) report(m, `${pod.specPath}.${field}`, "shares a host namespace", `remove ${field}`);
    }
  },
);

/** The volume sources Pod Security "restricted" allows. */
export const RESTRICTED_VOLUME_TYPES = ["configMap", "secret", "emptyDir", "projected", "downwardAPI", "persistentVolumeClaim", "csi", "ephemeral"];

export const restrictedVolumes = objectCheck(
  { id: "S9", title: "Volumes only of the restricted set; no hostPath", tools: ["PSS:restrictedVolumes", "PSS:hostPathVolumes", "KL:sensitive-host-mounts", "KL:docker-sock", "PO:hostPathSet"] },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    list(pod.spec.volumes).forEach((raw, index) => {
      for (const source of Object.keys(record(raw))) {
        if (source === "name" || RESTRICTED_VOLUME_TYPES.includes(source)) continue;
        report(m, `${pod.specPath}.volumes[${index}].${source}`, `is a ${source} volume`, `use one of ${RESTRICTED_VOLUME_TYPES.join(", ")}`);
      }
    });
  },
);

export const noHostPorts = objectCheck(
  { id: "S10", title: "No hostPort", tools: ["PSS:hostPorts", "PO:hostPortSet"] },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    for (const ref of containersOf(pod)) {
      list(ref.container.ports).forEach((port, index) => {
        const hostPort = record(port).hostPort;
        if (hostPort !== undefined && hostPort !== 0) {
          report(m, `${ref.path}.ports[${index}].hostPort`, `binds host port ${String(hostPort)}`, "remove hostPort and reach the pod through a Service");
        }
      });
    }
  },
);

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === "object" && Object.keys(value as object).length === 0);
}

export const kernelDefaults = objectCheck(
  {
    id: "S11",
    title: "procMount, sysctls, SELinux and AppArmor left at their defaults",
    tools: ["PSS:procMount", "PSS:sysctls", "PSS:seLinuxOptions", "PSS:appArmorProfile", "KL:unsafe-proc-mount", "KL:unsafe-sysctls", "PO:procMount"],
  },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    const podSc = securityContext(pod.spec);
    if (list(podSc.sysctls).length > 0) report(m, `${pod.specPath}.securityContext.sysctls`, "sets kernel parameters", "remove sysctls");
    const holders = [{ path: pod.specPath, sc: podSc }, ...containersOf(pod).map((ref) => ({ path: ref.path, sc: securityContext(ref.container) }))];
    for (const { path, sc } of holders) {
      if (sc.procMount !== undefined && sc.procMount !== "Default") report(m, `${path}.securityContext.procMount`, `is ${String(sc.procMount)}`, "remove procMount");
      if (isSet(sc.seLinuxOptions)) report(m, `${path}.securityContext.seLinuxOptions`, "overrides the SELinux context", "remove seLinuxOptions");
      const apparmor = record(sc.appArmorProfile).type;
      if (apparmor !== undefined && apparmor !== "RuntimeDefault") {
        report(m, `${path}.securityContext.appArmorProfile.type`, `is ${String(apparmor)}`, "remove appArmorProfile (the runtime default applies)");
      }
    }
    for (const [key, value] of Object.entries(pod.annotations)) {
      if (key.startsWith("container.apparmor.security.beta.kubernetes.io/") && value !== "runtime/default") {
        report(m, `${pod.metadataPath}.annotations["${key}"]`, `is ${value}`, "remove the AppArmor annotation (the runtime default applies)");
      }
    }
  },
);
