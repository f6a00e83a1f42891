import * as pulumi from "@pulumi/pulumi";

/** Requests and limits of one container. A `null` CPU limit means "no CPU limit" (explicit, CHECKS R2). */
export interface ResourceSizes {
  requests: { cpu: string; memory: string; ephemeralStorage: string };
  limits: { cpu: string | null; memory: string; ephemeralStorage: string };
}

const size = (cpu: string, memory: string, cpuLimit: string, ephemeral: string): ResourceSizes => ({
  requests: { cpu, memory, ephemeralStorage: "64Mi" },
  limits: { cpu: cpuLimit, memory, ephemeralStorage: ephemeral },
});

/** Resource presets; memory limit equals the request so a pod is never OOM-killed for a neighbour's burst. */
export const SIZE_PRESETS = {
  nano: size("25m", "64Mi", "100m", "256Mi"),
  micro: size("50m", "128Mi", "250m", "512Mi"),
  small: size("100m", "256Mi", "500m", "1Gi"),
  medium: size("250m", "512Mi", "1", "1Gi"),
  large: size("500m", "1Gi", "2", "2Gi"),
  xlarge: size("1", "2Gi", "4", "4Gi"),
} as const satisfies Record<string, ResourceSizes>;

export type SizePreset = keyof typeof SIZE_PRESETS;

/** Timings shared by every probe a component renders. */
export interface ProbeTimings {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
}

/**
 * The secure-defaults profile of CHECKS.md in one place. Components read every default from here;
 * stacks, tenants and apps override parts of it with `mergeProfiles`.
 */
export interface DefaultsProfile {
  /** Pod-level security context (S1, S5); no UID is forced, so images keep the user they were built with (S2). */
  podSecurityContext: {
    runAsNonRoot: boolean;
    seccompProfile: { type: "RuntimeDefault" | "Localhost"; localhostProfile?: string };
    runAsUser?: number;
    runAsGroup?: number;
    fsGroup?: number;
  };
  /** Container-level security context (S3, S4, S6, S7). */
  containerSecurityContext: {
    allowPrivilegeEscalation: boolean;
    readOnlyRootFilesystem: boolean;
    runAsNonRoot: boolean;
    privileged: boolean;
    capabilities: { drop: string[]; add?: string[] };
  };
  /** The resource preset containers get unless they set sizes (R1-R3). @default "small" */
  size: SizePreset;
  /** Replicas of a serving workload without an HPA (R5). @default 2 */
  replicas: number;
  /** ReplicaSets kept to roll back to (R10). @default 5 */
  revisionHistoryLimit: number;
  /** Seconds a pod gets to stop after its preStop pause. @default 30 */
  terminationGracePeriodSeconds: number;
  /** Seconds of preStop pause so endpoints drain before the process gets SIGTERM (R10). @default 5 */
  preStopSleepSeconds: number;
  /** Size limit of the writable /tmp emptyDir under a read-only root filesystem (S7). @default "256Mi" */
  tmpSizeLimit: string;
  /** Readiness probe timings (R4). */
  readiness: ProbeTimings;
  /** Liveness probe timings: slower than readiness, so a slow pod is taken out of rotation before it is killed. */
  liveness: ProbeTimings;
  /** Mount a ServiceAccount token only when an app asks for API access (S13). @default false */
  automountServiceAccountToken: boolean;
  /** Topology keys to spread replicas over, in order (R8). @default hostname, then zone */
  spreadTopologyKeys: string[];
}

export const DEFAULT_PROFILE: DefaultsProfile = {
  podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  containerSecurityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    privileged: false,
    capabilities: { drop: ["ALL"] },
  },
  size: "small",
  replicas: 2,
  revisionHistoryLimit: 5,
  terminationGracePeriodSeconds: 30,
  preStopSleepSeconds: 5,
  tmpSizeLimit: "256Mi",
  readiness: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
  liveness: { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 },
  automountServiceAccountToken: false,
  spreadTopologyKeys: ["kubernetes.io/hostname", "topology.kubernetes.io/zone"],
};

/** A partial profile: any field at any depth; `null` removes an optional field. */
export type ProfileOverride = { [K in keyof DefaultsProfile]?: DeepPartial<DefaultsProfile[K]> | null };
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mergeInto(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else if (isPlainObject(value) && isPlainObject(merged[key])) merged[key] = mergeInto(merged[key] as Record<string, unknown>, value);
    else merged[key] = value;
  }
  return merged;
}

/** Layers overrides over a profile, later ones winning; objects merge deeply, arrays replace. */
export function mergeProfiles(base: DefaultsProfile, ...overrides: (ProfileOverride | undefined)[]): DefaultsProfile {
  return overrides.reduce<DefaultsProfile>(
    (acc, override) => (override ? (mergeInto(acc as unknown as Record<string, unknown>, override) as unknown as DefaultsProfile) : acc),
    base,
  );
}

/** The stack's profile: the built-in defaults with the stack config object `slipway:defaults` layered on. */
export function stackProfile(): DefaultsProfile {
  const fromConfig = new pulumi.Config("slipway").getObject<ProfileOverride>("defaults");
  return mergeProfiles(DEFAULT_PROFILE, fromConfig);
}
