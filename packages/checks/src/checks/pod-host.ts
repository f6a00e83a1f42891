import type { Manifest } from "@slipway/core";
import { objectCheck, stackCheck } from "../define";
import { annotationsOf, isKind, list, nameOf, record, text } from "../objects";
import { containersOf, podTemplateOf } from "../pods";
import { indexOf, StackIndex } from "../stack-index";
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

/**
 * Provisioners whose volumes are directories (or disks) of the node a pod lands on: hostPath and
 * local-path provisioners, OpenEBS LocalPV, and `kubernetes.io/no-provisioner` (static local
 * PersistentVolumes). A claim on such a class is hostPath by another name, so S9 refuses it just as
 * it refuses the hostPath volume (and an inline `csi` volume of such a driver); network and
 * replicated storage (Ceph, EBS, any other CSI) passes.
 */
const HOST_PROVISIONER = /host-?path|local-?path|no-provisioner|openebs\.io\/local/i;
/** PersistentVolume sources that mount a path of the node. */
const HOST_PV_SOURCES = ["hostPath", "local"];
const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

/** Why a claim spec lands on the node's filesystem (a host PV it binds, a host-path class), or undefined. */
function hostBacking(index: StackIndex, claim: Record<string, unknown>, claimRef?: { namespace: string; name: string }): string | undefined {
  const pvs: Manifest[] = [];
  const bound = text(claim.volumeName);
  const named = bound ? index.find("PersistentVolume", "default", bound) : undefined;
  if (named) pvs.push(named);
  if (claimRef) {
    pvs.push(...index.byKind("PersistentVolume").filter((pv) => {
      const ref = record(record(pv.spec).claimRef);
      return ref.name === claimRef.name && (text(ref.namespace) ?? "default") === claimRef.namespace;
    }));
  }
  for (const pv of pvs) {
    const source = HOST_PV_SOURCES.find((key) => record(pv.spec)[key] !== undefined);
    if (source) return `binds PersistentVolume ${nameOf(pv)}, a ${source} volume on the node`;
  }
  const className = claim.storageClassName;
  const storageClass =
    typeof className === "string"
      ? index.find("StorageClass", "default", className)
      : className === undefined
        ? index.byKind("StorageClass").find((sc) => annotationsOf(sc)[DEFAULT_CLASS_ANNOTATION] === "true")
        : undefined;
  const provisioner = storageClass ? text(storageClass.provisioner) : undefined;
  if (storageClass && provisioner && HOST_PROVISIONER.test(provisioner)) return `uses StorageClass ${nameOf(storageClass)}, whose provisioner ${provisioner} hands out node directories`;
  return undefined;
}

export const restrictedVolumes = stackCheck(
  { id: "S9", title: "Volumes only of the restricted set; no hostPath, directly or through a claim", tools: ["PSS:restrictedVolumes", "PSS:hostPathVolumes", "KL:sensitive-host-mounts", "KL:docker-sock", "PO:hostPathSet"] },
  (stack, report) => {
    const index = indexOf(stack);
    const hint = "use network storage (a Ceph or cloud-disk StorageClass), or emptyDir for scratch space";
    for (const pod of index.pods) {
      const m = pod.owner;
      list(pod.spec.volumes).forEach((raw, i) => {
        const volume = record(raw);
        for (const source of Object.keys(volume)) {
          if (source === "name" || RESTRICTED_VOLUME_TYPES.includes(source)) continue;
          report(m, `${pod.specPath}.volumes[${i}].${source}`, `is a ${source} volume`, `use one of ${RESTRICTED_VOLUME_TYPES.join(", ")}`);
        }
        const driver = text(record(volume.csi).driver);
        if (driver && HOST_PROVISIONER.test(driver)) report(m, `${pod.specPath}.volumes[${i}].csi.driver`, `is ${driver}, which mounts a node directory`, hint);
        const claimName = text(record(volume.persistentVolumeClaim).claimName);
        const pvc = claimName ? index.find("PersistentVolumeClaim", pod.namespace, claimName) : undefined;
        const viaClaim = pvc && hostBacking(index, record(pvc.spec), { namespace: pod.namespace, name: claimName! });
        if (viaClaim) report(m, `${pod.specPath}.volumes[${i}].persistentVolumeClaim`, `claims ${claimName}, which ${viaClaim}`, hint);
        const template = record(record(volume.ephemeral).volumeClaimTemplate);
        const viaTemplate = volume.ephemeral !== undefined ? hostBacking(index, record(template.spec)) : undefined;
        if (viaTemplate) report(m, `${pod.specPath}.volumes[${i}].ephemeral.volumeClaimTemplate.spec`, `creates a claim that ${viaTemplate}`, hint);
      });
      list(record(m.spec).volumeClaimTemplates).forEach((raw, i) => {
        if (!isKind(m, "StatefulSet", ["apps"])) return;
        const via = hostBacking(index, record(record(raw).spec));
        if (via) report(m, `spec.volumeClaimTemplates[${i}].spec`, `creates claims that ${via}`, hint);
      });
    }
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
