import { cloudRef, nameOf, namespaceOf, objectRef, record } from "./objects";
import type { StackView, Violation } from "./types";

/**
 * One view of several renders of the same cluster (a team's stack and the platform's): every
 * object once (the stack's own copy wins), and the outputs of all of them, the stack's last.
 */
export function clusterView(own: StackView, others: StackView[]): StackView {
  const seen = new Set<string>();
  const manifests = [own, ...others].flatMap((view) =>
    view.manifests.filter((m) => {
      const key = `${m.apiVersion}/${m.kind}/${namespaceOf(m)}/${nameOf(m)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
  const cloud = [own, ...others].flatMap((view) => view.cloud);
  const outputs = Object.assign({}, ...[...others].reverse().map((v) => record(v.outputs)), record(own.outputs)) as Record<string, unknown>;
  return { manifests, cloud, outputs };
}

/** Whether a violation is about one of the stack's own objects (the other renders report their own). */
export function ownedBy(view: StackView): (v: Violation) => boolean {
  const refs = new Set([...view.manifests.map(objectRef), ...view.cloud.map(cloudRef)]);
  return (v) => refs.has(v.object);
}
