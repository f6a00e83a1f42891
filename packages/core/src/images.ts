import { fail, InputSite } from "./errors";

/** An image reference split into its parts. */
export interface ImageRef {
  /** Registry host (with port), e.g. "ghcr.io"; undefined for Docker Hub short names. */
  registry?: string;
  /** Repository path, e.g. "acme/cart". */
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
// A registry host: DNS-style labels (any case) or a bracketed IPv6 address, with an optional port.
const DOMAIN_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
const REGISTRY = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]+)?$`);
// The distribution spec caps registry plus repository at 255 characters.
const MAX_NAME_LENGTH = 255;

/** Parses an image reference; undefined when it is not one. */
export function parseImage(text: string): ImageRef | undefined {
  const [nameTag, digest, extra] = text.split("@");
  if (extra !== undefined || (digest !== undefined && !DIGEST.test(digest))) return undefined;
  const slash = nameTag.lastIndexOf("/");
  const colon = nameTag.lastIndexOf(":");
  const tag = colon > slash ? nameTag.slice(colon + 1) : undefined;
  const name = colon > slash ? nameTag.slice(0, colon) : nameTag;
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  const parts = name.split("/");
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? parts.shift() : undefined;
  if (registry !== undefined && !REGISTRY.test(registry)) return undefined;
  if (name.length > MAX_NAME_LENGTH || !parts.every((p) => COMPONENT.test(p))) return undefined;
  return { registry, repository: parts.join("/"), tag, digest };
}

/** Formats an image reference back into its text form. */
export function formatImage(ref: ImageRef): string {
  return `${ref.registry ? `${ref.registry}/` : ""}${ref.repository}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}

/** Fails unless `value` is an image reference pinned by a tag other than `latest` or by a digest (CHECKS S14). */
export function checkImage(site: InputSite, path: string, value: unknown): ImageRef {
  const ref = typeof value === "string" ? parseImage(value) : undefined;
  if (!ref) return fail(site, path, value, "is not an image reference", 'e.g. "ghcr.io/acme/cart:1.4.2"');
  if (!ref.tag && !ref.digest) return fail(site, path, value, "has no tag or digest", 'pin a version, e.g. "nginx:1.27.3" or a "@sha256:..." digest');
  if (ref.tag === "latest" && !ref.digest) return fail(site, path, value, 'uses the mutable tag "latest"', "pin a version tag or a digest");
  return ref;
}

/**
 * A container name from an image: the last path segment, kept DNS-1123 (kubernetesx dropped the
 * hyphens of `ghcr.io/acme/cert-manager:v1`; this keeps `cert-manager`).
 */
export function containerNameFromImage(image: string): string {
  const ref = parseImage(image);
  const last = (ref?.repository ?? image).split("/").pop() ?? "app";
  const name = last.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
  return name || "app";
}
