import type { Manifest } from "@slipway/core";
import { canonical, isKind, labelsOf, nameOf, namespaceOf, record } from "./objects";
import { operatorObjectsOf } from "./operator-objects";
import { podTemplateOf, PodTemplate } from "./pods";
import { selectorMatches } from "./selectors";
import type { CloudResource, StackView } from "./types";

/** The label that marks a namespace as a tenant's. */
export const TENANT_LABEL = "slipway.dev/tenant";
/** The Pod Security admission label prefix. */
export const PSS_LABEL = "pod-security.kubernetes.io";

/** Lookups over one rendered stack, built once and shared by every check that runs over it. */
export class StackIndex {
  /** Pod templates the stack renders (every pod check judges these). */
  readonly pods: PodTemplate[] = [];
  /** Pods operators create from rendered custom resources: selectors may select them, pod checks never judge them. */
  readonly operatorPods: PodTemplate[] = [];
  private readonly kinds = new Map<string, Manifest[]>();
  private readonly objects = new Map<string, Manifest>();
  private readonly namespaces = new Map<string, Manifest>();
  private readonly namespaceLabelCache = new Map<string, Record<string, string>>();
  private readonly kindsByNamespace = new Map<string, Manifest[]>();
  private readonly podsByNamespace = new Map<string, PodTemplate[]>();
  private hpaTargets?: Map<string, Manifest>;
  private readonly namespaceSelections = new Map<string, string[]>();
  /** Objects operators create from rendered custom resources (Services, Secrets), as bare name stubs. */
  private readonly operatorMade = new Map<string, Manifest>();

  constructor(readonly view: StackView) {
    for (const m of view.manifests) {
      const ofKind = this.kinds.get(m.kind) ?? [];
      ofKind.push(m);
      this.kinds.set(m.kind, ofKind);
      this.objects.set(key(m.kind, namespaceOf(m), nameOf(m)), m);
      const nsKey = `${m.kind}\u0000${namespaceOf(m)}`;
      const ofKindInNs = this.kindsByNamespace.get(nsKey) ?? [];
      ofKindInNs.push(m);
      this.kindsByNamespace.set(nsKey, ofKindInNs);
      if (isKind(m, "Namespace", [""])) this.namespaces.set(nameOf(m), m);
      const pod = podTemplateOf(m);
      if (pod) {
        this.pods.push(pod);
        this.addPod(pod);
      }
      const made = operatorObjectsOf(m);
      for (const p of made.pods) {
        this.operatorPods.push(p);
        this.addPod(p);
      }
      for (const o of made.objects) {
        const ns = namespaceOf(m);
        this.operatorMade.set(key(o.kind, ns, o.name), { apiVersion: "v1", kind: o.kind, metadata: { name: o.name, namespace: ns } });
      }
    }
  }

  private addPod(pod: PodTemplate): void {
    const inNs = this.podsByNamespace.get(pod.namespace) ?? [];
    inNs.push(pod);
    this.podsByNamespace.set(pod.namespace, inNs);
  }

  /** Rendered pods and the pods operators create: what a selector may select. */
  selectablePods(): PodTemplate[] {
    return [...this.pods, ...this.operatorPods];
  }

  byKind(kind: string): Manifest[] {
    return this.kinds.get(kind) ?? [];
  }

  /** Objects of a kind in one namespace. */
  inNamespace(kind: string, namespace: string): Manifest[] {
    return this.kindsByNamespace.get(`${kind}\u0000${namespace}`) ?? [];
  }

  /** A namespaced object by kind, namespace and name (cluster-scoped objects live under "default"); an operator-made one is a name stub. */
  find(kind: string, namespace: string, name: string): Manifest | undefined {
    const k = key(kind, namespace, name);
    return this.objects.get(k) ?? this.operatorMade.get(k);
  }

  podsIn(namespace: string): PodTemplate[] {
    return this.podsByNamespace.get(namespace) ?? [];
  }

  /** A namespace's labels, including the `kubernetes.io/metadata.name` label the API server adds. */
  namespaceLabels(name: string): Record<string, string> | undefined {
    const ns = this.namespaces.get(name);
    if (!ns) return undefined;
    let labels = this.namespaceLabelCache.get(name);
    if (!labels) {
      labels = { ...labelsOf(ns), "kubernetes.io/metadata.name": name };
      this.namespaceLabelCache.set(name, labels);
    }
    return labels;
  }

  /** Names of the rendered namespaces a namespaceSelector matches (cached: policies repeat the same few selectors). */
  namespacesMatching(selector: unknown): string[] {
    const cacheKey = canonical(selector);
    let names = this.namespaceSelections.get(cacheKey);
    if (!names) {
      names = [...this.namespaces.keys()].filter((name) => selectorMatches(selector, this.namespaceLabels(name) ?? {}));
      this.namespaceSelections.set(cacheKey, names);
    }
    return names;
  }

  isTenantNamespace(name: string): boolean {
    return TENANT_LABEL in (this.namespaceLabels(name) ?? {});
  }

  /** The HorizontalPodAutoscaler whose scaleTargetRef names this workload, if any. */
  hpaFor(workload: Manifest): Manifest | undefined {
    if (!this.hpaTargets) {
      this.hpaTargets = new Map();
      for (const hpa of this.byKind("HorizontalPodAutoscaler")) {
        const target = record(record(hpa.spec).scaleTargetRef);
        if (typeof target.kind === "string" && typeof target.name === "string") this.hpaTargets.set(key(target.kind, namespaceOf(hpa), target.name), hpa);
      }
    }
    return this.hpaTargets.get(key(workload.kind, namespaceOf(workload), nameOf(workload)));
  }

  /** The number of pods a workload keeps: the HPA's minimum when one owns it, else `spec.replicas` (default 1). */
  effectiveReplicas(workload: Manifest): number {
    const hpa = this.hpaFor(workload);
    const raw = hpa ? (record(hpa.spec).minReplicas ?? 1) : (record(workload.spec).replicas ?? 1);
    return typeof raw === "number" ? raw : 1;
  }

  cloudOfType(type: string): CloudResource[] {
    return this.view.cloud.filter((r) => r.type === type);
  }
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

const cache = new WeakMap<StackView, StackIndex>();

/** The (cached) index of a stack view. */
export function indexOf(view: StackView): StackIndex {
  let index = cache.get(view);
  if (!index) {
    index = new StackIndex(view);
    cache.set(view, index);
  }
  return index;
}
