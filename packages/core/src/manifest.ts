/** A Kubernetes object as plain data: what builders return and what checks and renders read. */
export interface ObjectMeta {
  name?: unknown;
  namespace?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** `apps/v1/Deployment`-style key used to group objects and name files. */
export function kindKey(m: Pick<Manifest, "apiVersion" | "kind">): string {
  return `${m.apiVersion}/${m.kind}`;
}
