import * as k8s from "@pulumi/kubernetes";
import { fail, InputSite } from "../errors";
import { checkDnsLabel } from "../names";
import { NamedObject, objectName } from "./env";

type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

/** What a mount refers to; the kinds allowed under Pod Security "restricted" (CHECKS S9). */
export type VolumeSource =
  | { kind: "configMap"; object: NamedObject; items?: { key: string; path: string }[]; defaultMode?: number }
  | { kind: "secret"; object: NamedObject; items?: { key: string; path: string }[]; defaultMode?: number }
  | { kind: "persistentVolumeClaim"; object: NamedObject; readOnly?: boolean }
  | { kind: "emptyDir"; sizeLimit?: string; medium?: "Memory" };

/** A mount of a volume into a container: `mount(source).at("/app/config")`. */
export interface MountSpec {
  /** The volume's name in the pod; derived from a plain source name when left out. */
  volumeName?: string;
  source: VolumeSource;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

/** kubernetesx-style: `mount(configMapVolume(cm)).at("/app/config")`. */
export function mount(source: VolumeSource, volumeName?: string): { at(mountPath: string, options?: { subPath?: string; readOnly?: boolean }): MountSpec } {
  return { at: (mountPath, options = {}) => ({ source, mountPath, volumeName, ...options }) };
}

function defaultVolumeName(site: InputSite, path: string, spec: MountSpec): string {
  if (spec.volumeName) return checkDnsLabel(site, `${path}.volumeName`, spec.volumeName);
  const { source } = spec;
  if (source.kind === "emptyDir") {
    const slug = spec.mountPath.replace(/[^a-z0-9]+/gi, "-").replace(/^-+|-+$/g, "").toLowerCase();
    return `empty-${slug || "root"}`.slice(0, 63).replace(/-+$/, "");
  }
  const name = objectName(source.object);
  if (typeof name !== "string") return fail(site, `${path}.volumeName`, undefined, `is required when the ${source.kind} name is only known at deploy time`);
  const prefix = { configMap: "cm", secret: "secret", persistentVolumeClaim: "pvc" }[source.kind];
  return checkDnsLabel(site, `${path}.volumeName`, `${prefix}-${name}`.slice(0, 63).replace(/-+$/, ""));
}

function toVolume(name: string, source: VolumeSource): Volume {
  switch (source.kind) {
    case "configMap":
      return { name, configMap: { name: objectName(source.object), items: source.items, defaultMode: source.defaultMode } };
    case "secret":
      return { name, secret: { secretName: objectName(source.object), items: source.items, defaultMode: source.defaultMode ?? 0o440 } };
    case "persistentVolumeClaim":
      return { name, persistentVolumeClaim: { claimName: objectName(source.object), readOnly: source.readOnly } };
    case "emptyDir":
      return { name, emptyDir: { sizeLimit: source.sizeLimit, medium: source.medium } };
  }
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/** Identity of a source for de-duplication: its kind and plain name, or the very object when the name is an Output. */
function sourceKey(source: VolumeSource): string {
  if (source.kind === "emptyDir") return `emptyDir:${source.medium ?? ""}:${source.sizeLimit ?? ""}`;
  const name = objectName(source.object);
  if (typeof name === "string") return `${source.kind}:${name}`;
  const object = source.object as object;
  if (!objectIds.has(object)) objectIds.set(object, ++nextObjectId);
  return `${source.kind}#${objectIds.get(object)}`;
}

/**
 * The volumes of one pod. Each volume is added exactly once however many containers mount it
 * (kubernetesx listed a volume once per mount); one name for two different sources is an error.
 */
export class VolumeSet {
  private readonly byName = new Map<string, { key: string; volume: Volume }>();

  constructor(private readonly site: InputSite) {}

  /** Adds the volume behind `spec` (once) and returns the container's VolumeMount. */
  mount(path: string, spec: MountSpec): VolumeMount {
    if (typeof spec.mountPath !== "string" || !spec.mountPath.startsWith("/")) {
      fail(this.site, `${path}.mountPath`, spec.mountPath, "must be an absolute path", 'e.g. "/app/config"');
    }
    const name = defaultVolumeName(this.site, path, spec);
    const key = sourceKey(spec.source);
    const existing = this.byName.get(name);
    if (existing && existing.key !== key) fail(this.site, `${path}.volumeName`, name, "names two different volumes", "give each volume its own name");
    if (!existing) this.byName.set(name, { key, volume: toVolume(name, spec.source) });
    const readOnly = spec.readOnly ?? (spec.source.kind === "configMap" || spec.source.kind === "secret");
    return { name, mountPath: spec.mountPath, ...(spec.subPath ? { subPath: spec.subPath } : {}), ...(readOnly ? { readOnly: true } : {}) };
  }

  /** The pod's `volumes`, each once, in the order first mounted. */
  volumes(): Volume[] {
    return [...this.byName.values()].map((entry) => entry.volume);
  }
}
