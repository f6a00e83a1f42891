import { GitOpsTool } from "./sync-objects";

/** The GitOps flags as commander parses them. */
export interface GitOpsFlags {
  gitops?: GitOpsTool;
  gitopsRepo?: string;
  gitopsPath?: string;
  gitopsRevision?: string;
  gitopsSource?: string;
}

/** Commander's options with the GitOps flags folded into `gitops`; Argo CD needs the repository. */
export function gitopsFlags<T extends GitOpsFlags>(flags: T): Omit<T, keyof GitOpsFlags> & { gitops?: { tool: GitOpsTool; repo?: string; path?: string; revision?: string; source?: string } } {
  const { gitops, gitopsRepo, gitopsPath, gitopsRevision, gitopsSource, ...rest } = flags;
  if (!gitops) return rest;
  if (gitops === "argocd" && !gitopsRepo) throw new Error("--gitops argocd needs --gitops-repo <url>: the Applications must name the repository holding the render");
  return { ...rest, gitops: { tool: gitops, repo: gitopsRepo, path: gitopsPath, revision: gitopsRevision, source: gitopsSource } };
}
