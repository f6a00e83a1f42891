import { SINK_ANNOTATION, SINK_EXTERNAL_ANNOTATION, type Manifest } from "@slipway/core";
import { Report, stackCheck } from "../define";
import { judges } from "../links";
import { annotationsOf, list, namespaceOf, record, text } from "../objects";
import { indexOf, StackIndex } from "../stack-index";

/** `<service>.<namespace>.svc[.cluster.local]`: a Service inside the cluster. */
const IN_CLUSTER = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.cluster\.local)?\.?$/;

/** Storage classes a workload or claim names, with the field naming them. */
function storageClassRefs(m: Manifest): Array<{ name: string; field: string }> {
  const refs: Array<{ name: string; field: string }> = [];
  const spec = record(m.spec);
  if (m.kind === "PersistentVolumeClaim" && typeof spec.storageClassName === "string") refs.push({ name: spec.storageClassName, field: "spec.storageClassName" });
  if (m.kind === "StatefulSet") {
    list(spec.volumeClaimTemplates).forEach((t, i) => {
      const name = text(record(record(t).spec).storageClassName);
      if (name) refs.push({ name, field: `spec.volumeClaimTemplates[${i}].spec.storageClassName` });
    });
  }
  return refs;
}

/** A cluster-scoped class named by an object: judged once the cluster's renders have any object of that kind. */
function checkClass(index: StackIndex, subject: Manifest, kind: string, name: string, field: string, report: Report): void {
  const existing = index.byKind(kind);
  if (existing.length === 0 || existing.some((c) => c.metadata.name === name)) return;
  report(subject, field, `names ${kind} ${name}, which the cluster does not have (it has ${existing.map((c) => String(c.metadata.name)).join(", ")})`, `use a ${kind} the cluster has (the platform exports its classes)`);
}

function checkSink(index: StackIndex, m: Manifest, report: Report): void {
  const sink = annotationsOf(m)[SINK_ANNOTATION];
  if (!sink || annotationsOf(m)[SINK_EXTERNAL_ANNOTATION] === "true") return;
  const host = sink.replace(/:\d+$/, "");
  const inCluster = IN_CLUSTER.exec(host);
  if (inCluster && index.find("Service", inCluster[2], inCluster[1])) return;
  const why = inCluster ? `names Service ${inCluster[2]}/${inCluster[1]}, which no render of the cluster creates` : "is outside the cluster";
  report(m, `metadata.annotations["${SINK_ANNOTATION}"]`, `sends to ${sink}, which ${why} and is not declared external`, "create the sink in the stack, or declare it external in the stack's config (e.g. logging.backend.external: true)");
}

export const classesExist = stackCheck(
  { id: "L8", title: "Storage, gateway and ingress classes, issuers and log/metric sinks that objects name exist (or are declared external)", tools: [], cluster: true },
  (stack, report) => {
    const index = indexOf(stack);
    for (const m of stack.manifests) {
      for (const ref of storageClassRefs(m)) checkClass(index, m, "StorageClass", ref.name, ref.field, report);
      const spec = record(m.spec);
      if (m.kind === "Gateway" && typeof spec.gatewayClassName === "string") checkClass(index, m, "GatewayClass", spec.gatewayClassName, "spec.gatewayClassName", report);
      if (m.kind === "Ingress" && typeof spec.ingressClassName === "string") checkClass(index, m, "IngressClass", spec.ingressClassName, "spec.ingressClassName", report);
      if (m.kind === "Certificate" || m.kind === "Ingress") checkIssuer(index, m, report);
      checkSink(index, m, report);
    }
  },
);

/** A cert-manager issuer a Certificate (issuerRef) or an Ingress (annotation) names. */
function checkIssuer(index: StackIndex, m: Manifest, report: Report): void {
  const annotations = annotationsOf(m);
  const ref = m.kind === "Certificate" ? record(record(m.spec).issuerRef) : {};
  const [kind, name, field] =
    m.kind === "Certificate"
      ? [text(ref.kind) ?? "Issuer", text(ref.name), "spec.issuerRef.name"]
      : annotations["cert-manager.io/cluster-issuer"]
        ? ["ClusterIssuer", annotations["cert-manager.io/cluster-issuer"], 'metadata.annotations["cert-manager.io/cluster-issuer"]']
        : ["Issuer", annotations["cert-manager.io/issuer"], 'metadata.annotations["cert-manager.io/issuer"]'];
  if (!name) return;
  if (kind === "ClusterIssuer") return checkClass(index, m, "ClusterIssuer", name, field, report);
  if (judges(index, namespaceOf(m)) && !index.find("Issuer", namespaceOf(m), name)) report(m, field, `names Issuer ${namespaceOf(m)}/${name}, which no render of the cluster has`, "use the platform's ClusterIssuer");
}
