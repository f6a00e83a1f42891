import { Manifest } from "@slipway/core";
import { FolderOrder } from "./waves";

export type GitOpsTool = "argocd" | "flux";

/** Where the rendered folders live in git, for the sync objects to point at. */
export interface GitOpsOptions {
  tool: GitOpsTool;
  /** Git repository URL (Argo CD `repoURL`). Flux reads the repository through `source` instead. */
  repo?: string;
  /** Path of the render inside the repository, e.g. `rendered/prod`. */
  path: string;
  /** Branch, tag or commit to sync. @default HEAD (Argo CD) */
  revision?: string;
  /** Flux GitRepository holding the render. @default flux-system */
  source?: string;
  /** Name prefix of the sync objects, e.g. the stack. */
  prefix: string;
}

/** A DNS-1123 name for a folder's sync object: `_cluster` -> `cluster`. */
function objectName(prefix: string, folder: string): string {
  return `${prefix}-${folder.replace(/^_+/, "")}`.toLowerCase().replace(/[^a-z0-9-]+/g, "-").slice(0, 63).replace(/-+$/, "");
}

/** An Argo CD Application per folder, ordered by `argocd.argoproj.io/sync-wave` (for an app of apps). */
function argoApplication(order: FolderOrder, options: GitOpsOptions): Manifest {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: {
      name: objectName(options.prefix, order.folder),
      namespace: "argocd",
      annotations: { "argocd.argoproj.io/sync-wave": String(order.wave) },
      finalizers: ["resources-finalizer.argocd.argoproj.io"],
    },
    spec: {
      project: "default",
      source: { repoURL: options.repo, targetRevision: options.revision ?? "HEAD", path: `${options.path}/${order.folder}` },
      destination: { server: "https://kubernetes.default.svc" },
      // Folders that wait for each other share a wave; retries let the later objects of a shared wave land.
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ["ServerSideApply=true"], retry: { limit: 10, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } } },
    },
  };
}

/** A Flux Kustomization per folder; `dependsOn` is the order. */
function fluxKustomization(order: FolderOrder, options: GitOpsOptions): Manifest {
  return {
    apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    kind: "Kustomization",
    metadata: { name: objectName(options.prefix, order.folder), namespace: "flux-system" },
    spec: {
      interval: "10m",
      path: `./${options.path}/${order.folder}`,
      prune: true,
      wait: true,
      sourceRef: { kind: "GitRepository", name: options.source ?? "flux-system" },
      ...(order.dependsOn.length ? { dependsOn: order.dependsOn.map((f) => ({ name: objectName(options.prefix, f) })) } : {}),
    },
  };
}

/** The sync objects that apply the rendered folders in dependency order. */
export function syncObjects(orders: readonly FolderOrder[], options: GitOpsOptions): Manifest[] {
  return orders.map((o) => (options.tool === "argocd" ? argoApplication(o, options) : fluxKustomization(o, options)));
}
