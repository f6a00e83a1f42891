import { fail, InputSite, parseImage } from "@slipway/core";

/** Fails unless `value` is a registry host with an optional path, e.g. "harbor.corp.example:8443/mirror". */
export function checkImageMirror(site: InputSite, path: string, value: unknown): string {
  const ref = typeof value === "string" && !value.includes("://") && !value.endsWith("/") ? parseImage(`${value}/probe:1`) : undefined;
  if (!ref?.registry) return fail(site, path, value, "is not a registry host (with an optional path)", 'e.g. "harbor.corp.example/mirror"');
  return value as string;
}

/** `registry/repository:tag` under a mirror, for images the platform deploys. */
export function mirrored(mirror: string | undefined, image: string): string {
  return mirror ? `${mirror}/${image}` : image;
}
