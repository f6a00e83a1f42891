import { objectCheck } from "../define";
import { list, record } from "../objects";
import { containersOf, podTemplateOf } from "../pods";

/** The securityContext of a pod spec or container, `{}` when unset. */
export function securityContext(holder: Record<string, unknown>): Record<string, unknown> {
  return record(holder.securityContext);
}

export const runAsNonRoot = objectCheck(
  { id: "S1", title: "Containers run as non-root", tools: ["PSS:runAsNonRoot", "KL:run-as-non-root", "PO:runAsRootAllowed"] },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    const podValue = securityContext(pod.spec).runAsNonRoot;
    const fields = new Set<string>();
    for (const ref of containersOf(pod)) {
      const own = securityContext(ref.container).runAsNonRoot;
      if ((own ?? podValue) === true) continue;
      fields.add(own === undefined && podValue === false ? `${pod.specPath}.securityContext.runAsNonRoot` : `${ref.path}.securityContext.runAsNonRoot`);
    }
    for (const field of fields) report(m, field, "does not require a non-root user", "set runAsNonRoot: true on the pod securityContext");
  },
);

export const noRootIds = objectCheck(
  { id: "S2", title: "runAsUser, runAsGroup, fsGroup and supplementalGroups are never 0", tools: ["PSS:runAsUser", "KS:container-security-context-user-group-id"] },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    const holders = [{ path: pod.specPath, holder: pod.spec }, ...containersOf(pod).map((ref) => ({ path: ref.path, holder: ref.container }))];
    for (const { path, holder } of holders) {
      for (const field of ["runAsUser", "runAsGroup"]) {
        if (securityContext(holder)[field] === 0) {
          report(m, `${path}.securityContext.${field}`, "is 0 (root)", "use a non-zero id the image defines, or leave it unset and rely on runAsNonRoot");
        }
      }
    }
    // The pod-level group settings give every container the root group's file access.
    const podSc = securityContext(pod.spec);
    if (podSc.fsGroup === 0) report(m, `${pod.specPath}.securityContext.fsGroup`, "is 0 (root group owns the volumes)", "use a non-zero group id, e.g. the runAsGroup");
    list(podSc.supplementalGroups).forEach((group, i) => {
      if (group === 0) report(m, `${pod.specPath}.securityContext.supplementalGroups[${i}]`, "adds the root group (0)", "remove group 0 from supplementalGroups");
    });
  },
);

export const noPrivilegeEscalation = objectCheck(
  { id: "S3", title: "allowPrivilegeEscalation is false", tools: ["PSS:allowPrivilegeEscalation", "KL:privilege-escalation-container", "PO:privilegeEscalationAllowed"] },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    for (const ref of containersOf(pod)) {
      if (securityContext(ref.container).allowPrivilegeEscalation !== false) {
        report(m, `${ref.path}.securityContext.allowPrivilegeEscalation`, "is not false", "set allowPrivilegeEscalation: false");
      }
    }
  },
);

const ALLOWED_ADDED_CAPABILITIES = ["NET_BIND_SERVICE"];

export const dropAllCapabilities = objectCheck(
  {
    id: "S4",
    title: "Capabilities drop ALL and add at most NET_BIND_SERVICE",
    tools: ["PSS:capabilities_restricted", "KL:drop-net-raw-capability", "PO:dangerousCapabilities", "PO:insecureCapabilities"],
  },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    for (const ref of containersOf(pod)) {
      const caps = record(securityContext(ref.container).capabilities);
      if (!list(caps.drop).includes("ALL")) {
        report(m, `${ref.path}.securityContext.capabilities.drop`, "does not drop ALL", "set capabilities.drop: [ALL]");
      }
      list(caps.add).forEach((cap, index) => {
        if (typeof cap !== "string" || !ALLOWED_ADDED_CAPABILITIES.includes(cap.replace(/^CAP_/, ""))) {
          report(m, `${ref.path}.securityContext.capabilities.add[${index}]`, `adds ${String(cap)}`, "add only NET_BIND_SERVICE, or nothing");
        }
      });
    }
  },
);

const ALLOWED_SECCOMP = ["RuntimeDefault", "Localhost"];

export const seccompRuntimeDefault = objectCheck(
  { id: "S5", title: "seccompProfile is RuntimeDefault or Localhost", tools: ["PSS:seccompProfile_restricted", "KS:container-seccomp-profile"] },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    const podType = record(securityContext(pod.spec).seccompProfile).type;
    const fields = new Set<string>();
    for (const ref of containersOf(pod)) {
      const own = record(securityContext(ref.container).seccompProfile).type;
      const effective = own ?? podType;
      if (typeof effective === "string" && ALLOWED_SECCOMP.includes(effective)) continue;
      fields.add(own === undefined && podType !== undefined ? `${pod.specPath}.securityContext.seccompProfile.type` : `${ref.path}.securityContext.seccompProfile.type`);
    }
    for (const field of fields) report(m, field, "is not RuntimeDefault or Localhost", "set seccompProfile: { type: RuntimeDefault } on the pod securityContext");
  },
);

export const notPrivileged = objectCheck(
  {
    id: "S6",
    title: "Containers are never privileged",
    tools: ["PSS:privileged", "PSS:windowsHostProcess", "KL:privileged-container", "PO:runAsPrivileged", "KS:container-security-context-privileged"],
  },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    if (record(securityContext(pod.spec).windowsOptions).hostProcess === true) {
      report(m, `${pod.specPath}.securityContext.windowsOptions.hostProcess`, "runs the pod as a host process", "remove windowsOptions.hostProcess");
    }
    for (const ref of containersOf(pod)) {
      const sc = securityContext(ref.container);
      if (sc.privileged === true) report(m, `${ref.path}.securityContext.privileged`, "is true", "remove privileged; grant the one capability the app needs instead");
      if (record(sc.windowsOptions).hostProcess === true) {
        report(m, `${ref.path}.securityContext.windowsOptions.hostProcess`, "runs the container as a host process", "remove windowsOptions.hostProcess");
      }
    }
  },
);

export const readOnlyRootFilesystem = objectCheck(
  {
    id: "S7",
    title: "Root filesystem is read-only",
    tools: ["KL:no-read-only-root-fs", "PO:notReadOnlyRootFilesystem", "KS:container-security-context-readonlyrootfilesystem"],
  },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    for (const ref of containersOf(pod)) {
      if (securityContext(ref.container).readOnlyRootFilesystem !== true) {
        report(m, `${ref.path}.securityContext.readOnlyRootFilesystem`, "is not true", "set readOnlyRootFilesystem: true and mount an emptyDir where the app writes (e.g. /tmp)");
      }
    }
  },
);
