import { stackCheck } from "../define";
import { annotationsOf, list, nameOf, namespaceOf, objectRef, record, text } from "../objects";
import { containersOf, type PodTemplate } from "../pods";
import { indexOf, StackIndex } from "../stack-index";

/** The IRSA annotation that gives a ServiceAccount an IAM role. */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * True when a binding gives the ServiceAccount at least one rule. A binding to a Role with no rules
 * (or to a Role the stack does not render) grants nothing, so it cannot justify a token; a
 * ClusterRole the stack does not render is a built-in one (e.g. `view`) and counts.
 */
function grantsApiAccess(index: StackIndex, namespace: string, serviceAccount: string): boolean {
  return [...index.byKind("RoleBinding"), ...index.byKind("ClusterRoleBinding")].some((binding) => {
    const bindingNs = binding.kind === "RoleBinding" ? namespaceOf(binding) : undefined;
    const names = list(binding.subjects).some((raw) => {
      const subject = record(raw);
      return subject.kind === "ServiceAccount" && subject.name === serviceAccount && (text(subject.namespace) ?? bindingNs) === namespace;
    });
    if (!names) return false;
    const ref = record(binding.roleRef);
    const role = ref.kind === "Role" ? index.find("Role", bindingNs ?? "", text(ref.name) ?? "") : index.find("ClusterRole", "default", text(ref.name) ?? "");
    if (!role) return ref.kind === "ClusterRole";
    return list(role.rules).length > 0 || role.aggregationRule !== undefined;
  });
}

const TOKEN_SECRET_TYPE = "kubernetes.io/service-account-token";

/**
 * The fields that bring a ServiceAccount token into the pod by hand while automount is off: a
 * projected `serviceAccountToken` source, or a volume or env var reading a rendered legacy token
 * Secret (type `kubernetes.io/service-account-token`).
 */
function mountedTokens(index: StackIndex, pod: PodTemplate): string[] {
  const isTokenSecret = (name: unknown) => typeof name === "string" && index.find("Secret", pod.namespace, name)?.type === TOKEN_SECRET_TYPE;
  const found: string[] = [];
  list(pod.spec.volumes).forEach((raw, i) => {
    const volume = record(raw);
    if (list(record(volume.projected).sources).some((source) => record(source).serviceAccountToken !== undefined)) found.push(`${pod.specPath}.volumes[${i}].projected`);
    if (isTokenSecret(record(volume.secret).secretName)) found.push(`${pod.specPath}.volumes[${i}].secret`);
  });
  for (const ref of containersOf(pod)) {
    list(ref.container.env).forEach((raw, i) => {
      if (isTokenSecret(record(record(record(raw).valueFrom).secretKeyRef).name)) found.push(`${ref.path}.env[${i}].valueFrom`);
    });
  }
  return found;
}

/** True when the ServiceAccount is given API access (an RBAC binding with rules) or a cloud identity (IRSA or EKS Pod Identity). */
function asksForApiAccess(index: StackIndex, namespace: string, serviceAccount: string): boolean {
  if (grantsApiAccess(index, namespace, serviceAccount)) return true;
  const sa = index.find("ServiceAccount", namespace, serviceAccount);
  if (sa && IRSA_ANNOTATION in annotationsOf(sa)) return true;
  return index
    .cloudOfType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
    .some((assoc) => assoc.inputs.namespace === namespace && assoc.inputs.serviceAccount === serviceAccount);
}

function serviceAccountName(pod: PodTemplate): string | undefined {
  const raw = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
  return raw === undefined ? "default" : text(raw);
}

export const ownServiceAccount = stackCheck(
  {
    id: "S13",
    title: "One ServiceAccount per workload, never default; token mounted only when the app needs the API",
    tools: ["KL:default-service-account", "KL:non-existent-service-account", "PO:automountServiceAccountToken"],
  },
  (stack, report) => {
    const index = indexOf(stack);
    const users = new Map<string, PodTemplate[]>();
    for (const pod of index.pods) {
      const sa = serviceAccountName(pod);
      if (sa === undefined) continue;
      const field = `${pod.specPath}.serviceAccountName`;
      if (sa === "default") {
        report(pod.owner, field, "runs as the namespace's default ServiceAccount", "give the workload its own ServiceAccount");
        continue;
      }
      const key = `${pod.namespace}/${sa}`;
      const sharing = users.get(key) ?? [];
      sharing.push(pod);
      users.set(key, sharing);
      const account = index.find("ServiceAccount", pod.namespace, sa);
      if (!account) report(pod.owner, field, `names ServiceAccount "${sa}", which the stack does not render`, "render the ServiceAccount beside the workload");
      const automount = pod.spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
      if (automount === true && !asksForApiAccess(index, pod.namespace, sa)) {
        report(pod.owner, `${pod.specPath}.automountServiceAccountToken`, "mounts an API token the app has no use for", "set automountServiceAccountToken: false (or bind the API access the app needs)");
      }
      for (const field of mountedTokens(index, pod)) {
        if (asksForApiAccess(index, pod.namespace, sa)) break;
        report(pod.owner, field, "brings in a ServiceAccount token the app has no use for", "remove the token source (or bind the API access the app needs)");
      }
    }
    for (const [key, pods] of users) {
      if (pods.length < 2) continue;
      // The tracks of one app instance (a stable Deployment and its canary) are one workload: same identity.
      const instance = (p: PodTemplate) => p.labels["app.kubernetes.io/instance"];
      const oneApp = pods.every((p) => p.owner.kind === "Deployment" && p.labels["slipway.dev/track"] !== undefined && instance(p) !== undefined && instance(p) === instance(pods[0]));
      if (oneApp) continue;
      for (const pod of pods) {
        const others = pods.filter((p) => p !== pod).map((p) => objectRef(p.owner));
        report(pod.owner, `${pod.specPath}.serviceAccountName`, `shares ServiceAccount ${key} with ${others.join(", ")}`, `give ${nameOf(pod.owner)} its own ServiceAccount`);
      }
    }
  },
);
