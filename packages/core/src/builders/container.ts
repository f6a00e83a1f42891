import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { fail, InputSite } from "../errors";
import { checkImage, containerNameFromImage } from "../images";
import { checkInput, isKnown } from "../inputs";
import { checkDnsLabel } from "../names";
import { DefaultsProfile } from "../profile";
import { buildEnv, EnvMap, refuseSecret } from "./env";
import { containerPorts, NamedPort, normalizePorts, PortMap } from "./ports";
import { buildProbes, ProbesSpec } from "./probes";
import { buildResources, ResourcesSpec } from "./resources";
import { MountSpec, VolumeSet } from "./volumes";

type Container = k8s.types.input.core.v1.Container;

/** One container, described by what it does; security context, resources and probes come from the profile. */
export interface ContainerSpec {
  /** Container name. @default derived from the image's last path segment, hyphens kept */
  name?: string;
  /** Image with a tag other than `latest`, or a digest (CHECKS S14). */
  image: pulumi.Input<string>;
  /** Entrypoint override. @default the image's */
  command?: pulumi.Input<string>[];
  /** Arguments. @default the image's */
  args?: pulumi.Input<string>[];
  /** Ports by name, e.g. `{ http: 8080 }`. @default none */
  ports?: PortMap;
  /** Environment variables; secrets only as references (`secretRef`). @default none */
  env?: EnvMap;
  /** Whole ConfigMaps/Secrets as environment. @default none */
  envFrom?: k8s.types.input.core.v1.EnvFromSource[];
  /** A size preset or explicit requests/limits. @default the profile's size */
  resources?: ResourcesSpec;
  /** `null` removes the CPU limit; a quantity sets it. @default the preset's limit */
  cpuLimit?: string | null;
  /** Probes; serving containers default to TCP checks of the first port. @default tcp on the first port */
  probes?: ProbesSpec;
  /** Volume mounts; each volume is added to the pod once. @default none */
  mounts?: MountSpec[];
  /** Paths that must stay writable under the read-only root filesystem (emptyDirs). @default ["/tmp"] */
  writablePaths?: string[];
  /** Linux capabilities to add; only NET_BIND_SERVICE is allowed (CHECKS S4). @default none */
  addCapabilities?: "NET_BIND_SERVICE"[];
}

/** What a container is for: serving ones must have probes; sidecars get them when they serve ports; both pause in preStop; init containers get neither. */
export type ContainerRole = "serving" | "sidecar" | "init";

export interface BuiltContainer {
  container: Container;
  ports: NamedPort[];
}

function securityContext(profile: DefaultsProfile, add: string[] | undefined): k8s.types.input.core.v1.SecurityContext {
  const base = profile.containerSecurityContext;
  return {
    allowPrivilegeEscalation: base.allowPrivilegeEscalation,
    readOnlyRootFilesystem: base.readOnlyRootFilesystem,
    runAsNonRoot: base.runAsNonRoot,
    privileged: base.privileged,
    capabilities: { drop: base.capabilities.drop, ...(add?.length || base.capabilities.add?.length ? { add: add ?? base.capabilities.add } : {}) },
  };
}

/** Command and args sit in the pod spec in clear text: a secret among them is refused when it resolves. */
function plainArguments(site: InputSite, path: string, values: pulumi.Input<string>[]): pulumi.Input<string>[] {
  if (!Array.isArray(values)) return fail(site, path, values, "must be a list of strings");
  return values.map((value, i) =>
    refuseSecret(site, `${path}[${i}]`, value, "is a secret in a container's arguments, written in clear text into the pod spec", "pass it as an env variable from a Secret (e.g. `secrets: { DB_PASSWORD: ... }`) and refer to it as $(DB_PASSWORD) in args"),
  );
}

/** Validates and builds one container, adding its volumes to the pod's `volumes`. */
export function buildContainer(
  site: InputSite,
  path: string,
  spec: ContainerSpec,
  profile: DefaultsProfile,
  volumes: VolumeSet,
  role: ContainerRole = "serving",
): BuiltContainer {
  if (spec === undefined || spec === null || typeof spec !== "object") return fail(site, path, spec, "must be a container description");
  if (spec.image === undefined || spec.image === null || spec.image === "") fail(site, `${path}.image`, spec.image, "is required");
  const image = checkInput(spec.image, (value) => checkImage(site, `${path}.image`, value));
  const name = checkDnsLabel(site, `${path}.name`, spec.name ?? (isKnown(spec.image) ? containerNameFromImage(spec.image) : undefined));
  const ports = normalizePorts(site, `${path}.ports`, spec.ports);
  for (const cap of spec.addCapabilities ?? []) {
    if (cap !== "NET_BIND_SERVICE") fail(site, `${path}.addCapabilities`, cap, "is not allowed under Pod Security restricted", "only NET_BIND_SERVICE may be added");
  }
  const writable = spec.writablePaths ?? ["/tmp"];
  const mounts = [
    ...(spec.mounts ?? []).map((m, i) => volumes.mount(`${path}.mounts[${i}]`, m)),
    ...(profile.containerSecurityContext.readOnlyRootFilesystem
      ? writable.map((p, i) => volumes.mount(`${path}.writablePaths[${i}]`, { source: { kind: "emptyDir", sizeLimit: profile.tmpSizeLimit }, mountPath: p, volumeName: `${name}-${p.replace(/[^a-z0-9]+/gi, "-").replace(/^-+|-+$/g, "").toLowerCase() || "root"}`.slice(0, 63).replace(/-+$/, "") }))
      : []),
  ];
  const probes = role === "init" ? {} : buildProbes(site, `${path}.probes`, ports, spec.probes, profile);
  if (role === "serving" && ports.length > 0 && !probes.readinessProbe) fail(site, `${path}.probes`, spec.probes, "are missing for a serving container");
  const container: Container = {
    name,
    image,
    ...(spec.command ? { command: plainArguments(site, `${path}.command`, spec.command) } : {}),
    ...(spec.args ? { args: plainArguments(site, `${path}.args`, spec.args) } : {}),
    ...(ports.length ? { ports: containerPorts(ports) } : {}),
    ...(spec.env ? { env: buildEnv(site, `${path}.env`, spec.env) } : {}),
    ...(spec.envFrom ? { envFrom: spec.envFrom } : {}),
    resources: buildResources(site, `${path}.resources`, profile, spec.resources, spec.cpuLimit),
    securityContext: securityContext(profile, spec.addCapabilities),
    ...probes,
    ...(role !== "init" && profile.preStopSleepSeconds > 0 ? { lifecycle: { preStop: { sleep: { seconds: profile.preStopSleepSeconds } } } } : {}),
    ...(mounts.length ? { volumeMounts: mounts } : {}),
  };
  return { container, ports };
}
