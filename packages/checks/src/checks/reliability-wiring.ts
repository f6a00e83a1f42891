import { CHART_BACKEND_ANNOTATION, type Manifest } from "@slipway/core";
import { Report, stackCheck } from "../define";
import { groupOf, isKind, list, namespaceOf, record, stringMap, text } from "../objects";
import { containersOf, podTemplateOf, PodTemplate } from "../pods";
import { isEmptySelector, labelsMatch, selectorMatches } from "../selectors";
import { operatorPodLabels } from "../operator-pods";
import { indexOf } from "../stack-index";

const SELECTING_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"];

/** The ports the pods declare, by name and number. */
function declaredPorts(pods: PodTemplate[]): Array<Record<string, unknown>> {
  return pods.flatMap((pod) => containersOf(pod, ["containers"]).flatMap((ref) => list(ref.container.ports).map(record)));
}

export const selectors = stackCheck(
  {
    id: "R11",
    title: "Selectors match template labels; every Service selects pods on ports they declare",
    tools: [
      "KS:deployment-pod-selector-labels-match-template-metadata-labels",
      "KS:statefulset-pod-selector-labels-match-template-metadata-labels",
      "KS:service-targets-pod",
      "KL:mismatching-selector",
      "KL:dangling-service",
    ],
  },
  (stack, report) => {
    const index = indexOf(stack);
    for (const m of stack.manifests) {
      if (!SELECTING_KINDS.includes(m.kind) || groupOf(m) !== "apps") continue;
      const pod = podTemplateOf(m);
      const selector = record(m.spec).selector;
      if (pod && (isEmptySelector(selector) || !selectorMatches(selector, pod.labels))) {
        report(m, "spec.selector", "does not match the pod template's labels", `make spec.selector a subset of ${pod.metadataPath}.labels`);
      }
    }
    for (const svc of index.byKind("Service")) {
      const spec = record(svc.spec);
      const selector = stringMap(spec.selector);
      if (spec.type === "ExternalName" || Object.keys(selector).length === 0) continue;
      const pods = index.podsIn(namespaceOf(svc)).filter((pod) => labelsMatch(selector, pod.labels));
      if (pods.length === 0) {
        // Pods an operator runs for a rendered custom resource (Prometheus, Alertmanager): their ports are the operator's to declare.
        if (operatorPodLabels(index, namespaceOf(svc)).some((labels) => labelsMatch(selector, labels))) continue;
        report(svc, "spec.selector", "selects no rendered pod", "use the selector labels of the workload this Service fronts");
        continue;
      }
      const ports = declaredPorts(pods);
      list(spec.ports).forEach((raw, i) => {
        const port = record(raw);
        const target = port.targetPort ?? port.port;
        const exists = typeof target === "string" ? ports.some((p) => p.name === target) : typeof target === "number" && ports.length > 0 ? ports.some((p) => p.containerPort === target) : true;
        if (!exists) report(svc, `spec.ports[${i}].targetPort`, `(${String(target)}) is not a port of the selected pods`, "target a containerPort the pods declare, preferably by name");
      });
    }
  },
);

export const headlessServices = stackCheck(
  { id: "R12", title: "A StatefulSet's serviceName names an existing headless Service", tools: ["KS:statefulset-has-servicename"] },
  (stack, report) => {
    const index = indexOf(stack);
    for (const sts of index.byKind("StatefulSet")) {
      const name = record(sts.spec).serviceName;
      if (name !== undefined && typeof name !== "string") continue;
      const svc = name ? index.find("Service", namespaceOf(sts), name) : undefined;
      if (!name) report(sts, "spec.serviceName", "is not set", "name the headless Service that gives the pods stable DNS names");
      else if (!svc) report(sts, "spec.serviceName", `names Service "${name}", which the stack does not render`, "render a headless Service (clusterIP: None) with that name");
      else if (record(svc.spec).clusterIP !== "None") report(sts, "spec.serviceName", `names Service "${name}", which is not headless`, "set clusterIP: None on that Service");
    }
  },
);

/** True when a listener or TLS host pattern (possibly `*.example`) covers the host. */
function hostCovered(pattern: string | undefined, host: string | undefined): boolean {
  if (pattern === undefined || pattern === host) return true;
  if (host === undefined) return false;
  return pattern.startsWith("*.") && host.endsWith(pattern.slice(1));
}

/** The port a Service exposes under this number or name, if any. */
function servicePortExists(svc: Manifest, port: unknown): boolean {
  if (port === undefined) return true;
  return list(record(svc.spec).ports).map(record).some((p) => p.port === port || p.name === port);
}

function checkIngress(ingress: Manifest, findService: (ns: string, name: string) => Manifest | undefined, report: Report): void {
  const spec = record(ingress.spec);
  const backends: Array<[string, unknown]> = [["spec.defaultBackend", spec.defaultBackend]];
  list(spec.rules).forEach((rule, i) =>
    list(record(record(rule).http).paths).forEach((path, j) => backends.push([`spec.rules[${i}].http.paths[${j}].backend`, record(path).backend])),
  );
  for (const [field, raw] of backends) {
    const service = record(record(raw).service);
    const name = text(service.name);
    if (!name) continue;
    const svc = findService(namespaceOf(ingress), name);
    const port = record(service.port);
    if (!svc) report(ingress, `${field}.service.name`, `names Service "${name}", which the stack does not render`, "point the backend at a rendered Service");
    else if (!servicePortExists(svc, port.number ?? port.name)) report(ingress, `${field}.service.port`, `is not a port of Service "${name}"`, "use a port the Service exposes");
  }
  const tlsHosts = list(spec.tls).flatMap((t) => list(record(t).hosts)).filter((h): h is string => typeof h === "string");
  list(spec.rules).forEach((rule, i) => {
    const host = text(record(rule).host);
    if (host && !tlsHosts.some((pattern) => hostCovered(pattern, host))) {
      report(ingress, `spec.rules[${i}].host`, `serves ${host} without TLS`, "add the host to spec.tls with a certificate Secret");
    }
  });
}

export const routes = stackCheck(
  { id: "R13", title: "Ingress and HTTPRoute backends exist; public hosts use TLS", tools: ["KS:ingress-targets-service", "KL:dangling-ingress"] },
  (stack, report) => {
    const index = indexOf(stack);
    const findService = (ns: string, name: string) => index.find("Service", ns, name);
    for (const ingress of index.byKind("Ingress")) checkIngress(ingress, findService, report);
    const routeKinds = stack.manifests.filter((m) => groupOf(m) === "gateway.networking.k8s.io" && (isKind(m, "HTTPRoute") || isKind(m, "GRPCRoute")));
    for (const route of routeKinds) {
      const spec = record(route.spec);
      // A backend Service that a named chart creates cannot be seen offline; the annotation says which chart.
      const fromChart = text(record(route.metadata.annotations)[CHART_BACKEND_ANNOTATION])?.trim();
      const ns = namespaceOf(route);
      list(spec.rules).forEach((rule, i) =>
        list(record(rule).backendRefs).forEach((raw, j) => {
          const ref = record(raw);
          if ((ref.kind ?? "Service") !== "Service" || (ref.group ?? "") !== "") return;
          const name = text(ref.name);
          if (!name) return;
          const svc = findService(text(ref.namespace) ?? ns, name);
          const field = `spec.rules[${i}].backendRefs[${j}]`;
          if (!svc && !fromChart) report(route, `${field}.name`, `names Service "${name}", which the stack does not render`, "point the backendRef at a rendered Service");
          else if (svc && !servicePortExists(svc, ref.port)) report(route, `${field}.port`, `is not a port of Service "${name}"`, "use a port the Service exposes");
        }),
      );
      // A route whose every rule only redirects to https serves nothing in clear text.
      const redirectsOnly = list(spec.rules).length > 0 && list(spec.rules).every((rule) => list(record(rule).backendRefs).length === 0 && list(record(rule).filters).some((f) => record(f).type === "RequestRedirect" && record(record(f).requestRedirect).scheme === "https"));
      if (redirectsOnly) continue;
      const hostnames: Array<string | undefined> = list(spec.hostnames).filter((h): h is string => typeof h === "string");
      if (hostnames.length === 0) hostnames.push(undefined);
      list(spec.parentRefs).forEach((raw, k) => {
        const parent = record(raw);
        if ((parent.kind ?? "Gateway") !== "Gateway" || typeof parent.name !== "string") return;
        const gateway = index.find("Gateway", text(parent.namespace) ?? ns, parent.name);
        if (!gateway) return; // a Gateway from another stack; its listeners cannot be seen here
        const listeners = list(record(gateway.spec).listeners).map(record).filter((l) => (parent.sectionName === undefined || l.name === parent.sectionName) && (parent.port === undefined || l.port === parent.port));
        for (const host of hostnames) {
          const tls = listeners.some((l) => (l.protocol === "HTTPS" || l.protocol === "TLS") && hostCovered(text(l.hostname), host));
          if (!tls) report(route, `spec.parentRefs[${k}]`, `serves ${host ?? "its hosts"} through Gateway "${parent.name}" without a TLS listener`, "attach the route to the Gateway's HTTPS listener");
        }
      });
    }
  },
);
