import * as pulumi from "@pulumi/pulumi";
import { checkDnsSubdomain, configRef, EnvMap, fail, InputSite, Manifest, MountSpec, refuseSecret, requireSecret, secretRef } from "@slipway/core";

/** The app's ConfigMaps and Secrets, plus the env and mounts that make the pod use them. */
export interface ConfigPlan {
  objects: Manifest[];
  env: EnvMap;
  mounts: MountSpec[];
}

/** The config-like arguments of an app. */
export interface ConfigArgs {
  /** Non-secret settings passed as environment variables. @default none */
  config?: Record<string, pulumi.Input<string>>;
  /** Files by absolute path, mounted read-only from a ConfigMap. @default none */
  files?: Record<string, pulumi.Input<string>>;
  /** Secret files by absolute path, mounted read-only from a Secret. @default none */
  secretFiles?: Record<string, pulumi.Input<string>>;
  /** Secret values passed as secretKeyRef environment variables. @default none */
  secrets?: Record<string, pulumi.Input<string>>;
}

const KEY = /^[-._a-zA-Z0-9]+$/;

/** A ConfigMap/Secret key for a file path: "/app/config/app.yaml" -> "app-config-app.yaml". */
function fileKey(path: string): string {
  return path.replace(/^\/+/, "").replace(/[^-._a-zA-Z0-9]+/g, "-");
}

type Meta = { name: string; namespace: string; labels: Record<string, string> };

/** Files by absolute path in one ConfigMap or Secret, mounted read-only with one volume per directory. */
function planFiles(site: InputSite, field: "files" | "secretFiles", meta: Meta, files: [string, pulumi.Input<string>][], plan: ConfigPlan): void {
  const data: Record<string, pulumi.Input<string>> = {};
  const byDir = new Map<string, { key: string; path: string }[]>();
  for (const [path, content] of files) {
    const at = `${field}["${path}"]`;
    if (!path.startsWith("/") || path.endsWith("/")) fail(site, at, path, "must be an absolute file path", 'e.g. "/app/config/app.yaml"');
    const key = fileKey(path);
    if (data[key] !== undefined) fail(site, at, path, "maps to the same key as another file", "rename one of the files");
    data[key] =
      field === "secretFiles"
        ? requireSecret(site, at, content)
        : refuseSecret(site, at, content, "is a secret in a file stored in a ConfigMap, in clear text", `pass the file in \`secretFiles\` (a Secret mounted read-only) instead`);
    const dir = path.slice(0, path.lastIndexOf("/")) || "/";
    byDir.set(dir, [...(byDir.get(dir) ?? []), { key, path: path.slice(dir.length + (dir === "/" ? 0 : 1)) }]);
  }
  const secret = field === "secretFiles";
  plan.objects.push(secret ? { apiVersion: "v1", kind: "Secret", metadata: meta, type: "Opaque", stringData: data } : { apiVersion: "v1", kind: "ConfigMap", metadata: meta, data });
  const prefix = secret ? "secret-files" : "files";
  let index = 0;
  for (const [dir, items] of byDir) {
    plan.mounts.push({ volumeName: `${prefix}-${index++}`, source: { kind: secret ? "secret" : "configMap", object: meta.name, items }, mountPath: dir, readOnly: true });
  }
}

/**
 * Plans `config` (ConfigMap -> env), `files` (ConfigMap -> read-only mounts, one volume per directory),
 * `secretFiles` (the same from a Secret) and `secrets` (Secret -> secretKeyRef env). A Pulumi secret
 * given to `config` or `files` is refused when it resolves: a ConfigMap holds it in clear text (CHECKS X1).
 */
export function planConfig(site: InputSite, base: Meta, args: ConfigArgs): ConfigPlan {
  const plan: ConfigPlan = { objects: [], env: {}, mounts: [] };
  const meta = (suffix: string) => ({ name: checkDnsSubdomain(site, "name", `${base.name}-${suffix}`), namespace: base.namespace, labels: base.labels });
  const config = Object.entries(args.config ?? {});
  if (config.length) {
    const cm = meta("config");
    const data: Record<string, pulumi.Input<string>> = {};
    for (const [key, value] of config) {
      if (!KEY.test(key)) fail(site, `config.${key}`, key, "is not a valid ConfigMap key", "use letters, digits, '-', '_' and '.'");
      data[key] = refuseSecret(site, `config.${key}`, value, "is a secret given as plain config, stored in a ConfigMap in clear text", "pass it in `secrets` so it reaches the pod through a Secret and secretKeyRef");
      plan.env[key] = configRef(cm.name, key);
    }
    plan.objects.push({ apiVersion: "v1", kind: "ConfigMap", metadata: cm, data });
  }
  const files = Object.entries(args.files ?? {});
  if (files.length) planFiles(site, "files", meta("files"), files, plan);
  const secretFiles = Object.entries(args.secretFiles ?? {});
  if (secretFiles.length) planFiles(site, "secretFiles", meta("secret-files"), secretFiles, plan);
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
