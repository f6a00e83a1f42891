import { CHART_BACKEND_ANNOTATION, type Manifest, PODS_FROM_OPERATOR_ANNOTATION } from "@slipway/core";
import { Report, stackCheck } from "../define";
import { GATEWAY_API, isRoute, judges, platformRegistry } from "../links";
import { annotationsOf, list, namespaceOf, record, stringMap, text } from "../objects";
import { containersOf, PodTemplate } from "../pods";
import { selectorMatches } from "../selectors";
import { indexOf, StackIndex } from "../stack-index";

/** Whether a ReferenceGrant in `targetNs` lets routes of this kind in `fromNs` name the Service. */
function referenceGranted(index: StackIndex, route: Manifest, targetNs: string, service: string): boolean {
  return index.inNamespace("ReferenceGrant", targetNs).some((grant) => {
    const spec = record(grant.spec);
    const from = list(spec.from).map(record).some((f) => f.group === GATEWAY_API && f.kind === route.kind && f.namespace === namespaceOf(route));
    const to = list(spec.to).map(record).some((t) => (text(t.group) ?? "") === "" && t.kind === "Service" && (t.name === undefined || t.name === service));
    return from && to;
  });
}

/**
 * A Secret a rendered controller writes: a cert-manager Certificate's `spec.secretName`, or the
 * keys Rook writes beside an ObjectBucketClaim (a Secret named like the claim).
 */
function issuedSecret(index: StackIndex, kind: string, namespace: string, name: string): boolean {
  if (kind !== "Secret") return false;
  const certificate = index.inNamespace("Certificate", namespace).some((c) => c.apiVersion.startsWith("cert-manager.io/") && record(c.spec).secretName === name);
  return certificate || index.inNamespace("ObjectBucketClaim", namespace).some((c) => c.apiVersion.startsWith("objectbucket.io/") && c.metadata.name === name);
}

export const routeBackends = stackCheck(
  { id: "L4", title: "Route backends in other namespaces name an existing Service and one of its ports, with the owner's ReferenceGrant", tools: [], cluster: true },
  (stack, report) => {
    const index = indexOf(stack);
    for (const route of stack.manifests.filter(isRoute)) {
      // A backend Service that a named chart creates cannot be seen offline; the annotation says which chart.
      if (annotationsOf(route)[CHART_BACKEND_ANNOTATION]?.trim()) continue;
      list(record(route.spec).rules).forEach((rule, i) =>
        list(record(rule).backendRefs).forEach((raw, j) => {
          const ref = record(raw);
          const name = text(ref.name);
          if ((text(ref.kind) ?? "Service") !== "Service" || (text(ref.group) ?? "") !== "" || !name) return;
          const ns = text(ref.namespace) ?? namespaceOf(route);
          const field = `spec.rules[${i}].backendRefs[${j}]`;
          // Backends in the route's own namespace live in the same render: R13 judges them.
          if (ns === namespaceOf(route) || !judges(index, ns)) return;
          if (!referenceGranted(index, route, ns, name)) {
            report(route, `${field}.namespace`, `names Service ${ns}/${name} in another namespace without a ReferenceGrant there`, `render a ReferenceGrant in ${ns} from ${route.kind} in ${namespaceOf(route)} to that Service`);
            return;
          }
          const svc = index.find("Service", ns, name);
          if (!svc) report(route, `${field}.name`, `names Service ${ns}/${name}, which no render of the cluster has`, "point the backendRef at a rendered Service");
          else if (ref.port !== undefined && !list(record(svc.spec).ports).map(record).some((p) => p.port === ref.port)) report(route, `${field}.port`, `(${String(ref.port)}) is not a port of Service ${ns}/${name}`, "use a port number the Service exposes");
        }),
      );
    }
  },
);

/** Services in the namespaces a monitor's namespaceSelector names (its own namespace when it names none). */
function monitoredNamespaces(monitor: Manifest): string[] | "any" {
  const sel = record(record(monitor.spec).namespaceSelector);
  if (sel.any === true) return "any";
  const names = list(sel.matchNames).filter((n): n is string => typeof n === "string");
  return names.length ? names : [namespaceOf(monitor)];
}

function checkServiceMonitor(index: StackIndex, monitor: Manifest, report: Report): void {
  if (annotationsOf(monitor)[CHART_BACKEND_ANNOTATION]?.trim()) return; // selects a chart's Service
  const spec = record(monitor.spec);
  const where = monitoredNamespaces(monitor);
  if (where !== "any" && !where.every((ns) => judges(index, ns))) return;
  const services = (where === "any" ? index.byKind("Service") : where.flatMap((ns) => index.inNamespace("Service", ns))).filter((s) => selectorMatches(spec.selector, stringMap(s.metadata.labels)));
  if (services.length === 0) {
    report(monitor, "spec.selector", "selects no Service the cluster renders", "use the labels of the Service that serves the metrics");
    return;
  }
  list(spec.endpoints).forEach((raw, i) => {
    const port = text(record(raw).port);
    if (port && !services.some((s) => list(record(s.spec).ports).some((p) => record(p).name === port))) {
      report(monitor, `spec.endpoints[${i}].port`, `(${port}) is not a port name of the Services it selects`, "name a port the Service declares");
    }
  });
}

/** The annotation chart rendering puts on every object a chart made (`<chart>@<version>`). */
const RENDERED_CHART_ANNOTATION = "slipway.dev/chart";

export const selectorsLink = stackCheck(
  { id: "L5", title: "PodDisruptionBudgets and monitors select something rendered in their namespace; named ports exist", tools: ["KL:dangling-servicemonitor"], cluster: true },
  (stack, report) => {
    const index = indexOf(stack);
    // Services (R11), NetworkPolicies (N2) and HPA targets (R9) are judged by their own checks.
    for (const pdb of index.byKind("PodDisruptionBudget")) {
      if (!judges(index, namespaceOf(pdb))) continue;
      // A budget for a chart's pods is judged only once that chart's objects are rendered (`slipway.dev/chart: <chart>@<version>` on the owner).
      const chart = annotationsOf(pdb)[CHART_BACKEND_ANNOTATION]?.trim();
      if (chart && !index.podsIn(namespaceOf(pdb)).some((pod) => annotationsOf(pod.owner)[RENDERED_CHART_ANNOTATION]?.startsWith(`${chart}@`))) continue;
      if (!index.podsIn(namespaceOf(pdb)).some((pod) => selectorMatches(record(pdb.spec).selector, pod.labels))) {
        report(pdb, "spec.selector", "selects no pod the cluster renders in its namespace", "use the selector labels of the workload it protects");
      }
    }
    for (const monitor of index.byKind("ServiceMonitor")) checkServiceMonitor(index, monitor, report);
    for (const monitor of index.byKind("PodMonitor")) {
      // Pods an operator makes from a custom resource (calico-node, Ceph's mgr) exist only in the cluster; the annotation names the operator.
      if (annotationsOf(monitor)[PODS_FROM_OPERATOR_ANNOTATION]?.trim()) continue;
      const spec = record(monitor.spec);
      const where = monitoredNamespaces(monitor);
      if (where !== "any" && !where.every((ns) => judges(index, ns))) continue;
      const pods = (where === "any" ? index.selectablePods() : where.flatMap((ns) => index.podsIn(ns))).filter((p) => selectorMatches(spec.selector, p.labels));
      if (pods.length === 0) report(monitor, "spec.selector", "selects no pod the cluster renders", "use the labels of the pods that serve the metrics");
    }
  },
);

/** Every Secret and ConfigMap a pod names, with the field naming it; optional references left out. */
function podReferences(pod: PodTemplate): Array<{ kind: "Secret" | "ConfigMap"; name: string; field: string }> {
  const refs: Array<{ kind: "Secret" | "ConfigMap"; name: string; field: string }> = [];
  const add = (kind: "Secret" | "ConfigMap", raw: unknown, field: string) => {
    const r = record(raw);
    if (typeof r.name === "string" && r.optional !== true) refs.push({ kind, name: r.name, field });
  };
  for (const ref of containersOf(pod)) {
    list(ref.container.env).forEach((e, i) => {
      const from = record(record(e).valueFrom);
      add("Secret", from.secretKeyRef, `${ref.path}.env[${i}].valueFrom.secretKeyRef.name`);
      add("ConfigMap", from.configMapKeyRef, `${ref.path}.env[${i}].valueFrom.configMapKeyRef.name`);
    });
    list(ref.container.envFrom).forEach((e, i) => {
      add("Secret", record(e).secretRef, `${ref.path}.envFrom[${i}].secretRef.name`);
      add("ConfigMap", record(e).configMapRef, `${ref.path}.envFrom[${i}].configMapRef.name`);
    });
  }
  list(pod.spec.volumes).forEach((v, i) => {
    const volume = record(v);
    const secret = record(volume.secret);
    if (typeof secret.secretName === "string" && secret.optional !== true) refs.push({ kind: "Secret", name: secret.secretName, field: `${pod.specPath}.volumes[${i}].secret.secretName` });
    add("ConfigMap", volume.configMap, `${pod.specPath}.volumes[${i}].configMap.name`);
    list(record(volume.projected).sources).forEach((s, j) => {
      add("Secret", record(s).secret, `${pod.specPath}.volumes[${i}].projected.sources[${j}].secret.name`);
      add("ConfigMap", record(s).configMap, `${pod.specPath}.volumes[${i}].projected.sources[${j}].configMap.name`);
    });
  });
  list(pod.spec.imagePullSecrets).forEach((s, i) => add("Secret", s, `${pod.specPath}.imagePullSecrets[${i}].name`));
  return refs;
}

/** Pull secrets (dockerconfigjson Secrets) rendered in a namespace. */
function pullSecretsIn(index: StackIndex, namespace: string): string[] {
  return index.inNamespace("Secret", namespace).filter((s) => s.type === "kubernetes.io/dockerconfigjson").map((s) => String(s.metadata.name));
}

export const podReferencesExist = stackCheck(
  { id: "L6", title: "Pods' ServiceAccounts, pull secrets, Secrets and ConfigMaps exist; private registry images come with a pull secret", tools: ["KL:non-existent-service-account"], cluster: true },
  (stack, report) => {
    const index = indexOf(stack);
    const registry = platformRegistry(stack);
    for (const pod of index.pods) {
      if (!judges(index, pod.namespace)) continue;
      const sa = text(pod.spec.serviceAccountName);
      if (sa && sa !== "default" && !index.find("ServiceAccount", pod.namespace, sa)) {
        report(pod.owner, `${pod.specPath}.serviceAccountName`, `names ServiceAccount ${pod.namespace}/${sa}, which no render of the cluster has`, "render the ServiceAccount beside the workload");
      }
      for (const ref of podReferences(pod)) {
        if (!index.find(ref.kind, pod.namespace, ref.name) && !issuedSecret(index, ref.kind, pod.namespace, ref.name)) report(pod.owner, ref.field, `names ${ref.kind} ${pod.namespace}/${ref.name}, which no render of the cluster has`, `render the ${ref.kind}, or mark the reference optional`);
      }
      const offered = pullSecretsIn(index, pod.namespace);
      if (!registry || offered.length === 0) continue;
      const listed = list(pod.spec.imagePullSecrets).map((s) => text(record(s).name));
      if (listed.some((name) => name !== undefined && offered.includes(name))) continue;
      for (const ref of containersOf(pod)) {
        const image = text(ref.container.image);
        if (image?.startsWith(`${registry}/`)) {
          report(pod.owner, `${ref.path}.image`, `pulls from the platform's private registry ${registry} without the namespace's pull secret (${offered.join(", ")})`, `list it in ${pod.specPath}.imagePullSecrets (apps take it from the tenant)`);
        }
      }
    }
  },
);
