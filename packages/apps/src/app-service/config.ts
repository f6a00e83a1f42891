import * as pulumi from "@pulumi/pulumi";
import { checkDnsSubdomain, configRef, EnvMap, fail, InputSite, Manifest, MountSpec, requireSecret, secretRef } from "@slipway/core";

/** The app's ConfigMaps and Secret, plus the env and mounts that make the pod use them. */
export interface ConfigPlan {
  objects: Manifest[];
  env: EnvMap;
  mounts: MountSpec[];
}

const KEY = /^[-._a-zA-Z0-9]+$/;

/** A ConfigMap/Secret key for a file path: "/app/config/app.yaml" -> "app-config-app.yaml". */
function fileKey(path: string): string {
  return path.replace(/^\/+/, "").replace(/[^-._a-zA-Z0-9]+/g, "-");
}

/**
 * Plans `config` (ConfigMap -> env), `files` (ConfigMap -> read-only mounts, one volume per directory)
 * and `secrets` (Secret -> secretKeyRef env, never plain values: CHECKS X1).
 */
export function planConfig(
  site: InputSite,
  base: { name: string; namespace: string; labels: Record<string, string> },
  args: { config?: Record<string, pulumi.Input<string>>; files?: Record<string, pulumi.Input<string>>; secrets?: Record<string, pulumi.Input<string>> },
): ConfigPlan {
  const plan: ConfigPlan = { objects: [], env: {}, mounts: [] };
  const meta = (suffix: string) => ({ name: checkDnsSubdomain(site, "name", `${base.name}-${suffix}`), namespace: base.namespace, labels: base.labels });
  const config = Object.entries(args.config ?? {});
  if (config.length) {
    const cm = meta("config");
    for (const [key] of config) if (!KEY.test(key)) fail(site, `config.${key}`, key, "is not a valid ConfigMap key", "use letters, digits, '-', '_' and '.'");
    plan.objects.push({ apiVersion: "v1", kind: "ConfigMap", metadata: cm, data: Object.fromEntries(config) });
    for (const [key] of config) plan.env[key] = configRef(cm.name, key);
  }
  const files = Object.entries(args.files ?? {});
  if (files.length) {
    const cm = meta("files");
    const data: Record<string, pulumi.Input<string>> = {};
    const byDir = new Map<string, { key: string; path: string }[]>();
    for (const [path, content] of files) {
      if (!path.startsWith("/") || path.endsWith("/")) fail(site, `files["${path}"]`, path, "must be an absolute file path", 'e.g. "/app/config/app.yaml"');
      const key = fileKey(path);
      if (data[key] !== undefined) fail(site, `files["${path}"]`, path, "maps to the same key as another file", "rename one of the files");
      data[key] = content;
      const dir = path.slice(0, path.lastIndexOf("/")) || "/";
      byDir.set(dir, [...(byDir.get(dir) ?? []), { key, path: path.slice(dir.length + (dir === "/" ? 0 : 1)) }]);
    }
    plan.objects.push({ apiVersion: "v1", kind: "ConfigMap", metadata: cm, data });
    let index = 0;
    for (const [dir, items] of byDir) {
      plan.mounts.push({ volumeName: `files-${index++}`, source: { kind: "configMap", object: cm.name, items }, mountPath: dir, readOnly: true });
    }
  }
  const secrets = Object.entries(args.secrets ?? {});
  if (secrets.length) {
    const secret = meta("secrets");
    const stringData: Record<string, pulumi.Output<string>> = {};
    for (const [key, value] of secrets) {
      if (!KEY.test(key)) fail(site, `secrets.${key}`, key, "is not a valid Secret key", "use letters, digits, '-', '_' and '.'");
      stringData[key] = requireSecret(site, `secrets.${key}`, value);
      plan.env[key] = secretRef(secret.name, key);
    }
    plan.objects.push({ apiVersion: "v1", kind: "Secret", metadata: secret, type: "Opaque", stringData });
  }
  return plan;
}
