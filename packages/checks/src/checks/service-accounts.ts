import { stackCheck } from "../define";
import { annotationsOf, nameOf, objectRef, text } from "../objects";
import type { PodTemplate } from "../pods";
import { indexOf, StackIndex } from "../stack-index";

/** The IRSA annotation that gives a ServiceAccount an IAM role. */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

/** True when the ServiceAccount is given API access (an RBAC binding) or a cloud identity (IRSA or EKS Pod Identity). */
function asksForApiAccess(index: StackIndex, namespace: string, serviceAccount: string): boolean {
  if (index.isBound(namespace, serviceAccount)) return true;
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
