import { PortMap, ProbesSpec } from "@slipway/core";

/** How a preset's generated credentials reach the container. */
export interface PresetCredentials {
  /** Environment variables that receive the generated password (all the same value). */
  passwordEnv: string[];
  /** The user name, when the image takes one. */
  user?: { env: string; default: string };
  /** The database to create, when the image takes one. */
  database?: { env: string; default: string };
  /** The engine's administrator password: its own Secret (`<name>-<suffix>`) and its own generated value, never in the app's Secret. */
  admin?: { suffix: string; passwordEnv: string };
}

/** A pinned, known-good recipe for a common stateful service. */
export interface Preset {
  image: string;
  ports: PortMap;
  /** Where the claim is mounted. */
  dataPath: string;
  /** The image's non-root user and group (known for these images, so setting them is safe: CHECKS S2). */
  uid: number;
  gid: number;
  /** Paths the image writes besides the data volume (emptyDirs under a read-only root). */
  writablePaths: string[];
  probes: ProbesSpec;
  env?: Record<string, string>;
  command?: string[];
  args?: string[];
  credentials?: PresetCredentials;
  /** Replicas when not set: 1 for engines whose replication Slipway does not configure. */
  replicas: number;
  /** The most replicas the preset runs correctly (engines whose replication it does not configure: copies would diverge). */
  maxReplicas?: number;
  /** The ensemble needs an odd member count. */
  oddReplicas?: boolean;
  /** Why one replica is fine, recorded on the StatefulSet for the R5 check. */
  singleReplicaReason?: string;
  /** Extra env computed from the StatefulSet's identity (e.g. a ZooKeeper ensemble). */
  ensembleEnv?: (name: string, headless: string, namespace: string, replicas: number) => Record<string, string>;
}

/**
 * The Secret keys of each preset's generated credentials, by role: part of the types, so
 * `db.credentials.ref("password")` is checked by the compiler (the keys are also the env names the images read).
 */
export const CREDENTIAL_KEYS = {
  redis: { password: "REDIS_PASSWORD" },
  // CloudNativePG's `<name>-app` Secret (or the one Slipway writes when a password is given): host is the `-rw` Service.
  postgresql: { password: "password", user: "username", database: "dbname", host: "host", port: "port" },
  // The app's keys only: MYSQL_ROOT_PASSWORD lives in the separate `<name>-root` Secret, which no app references.
  mysql: { password: "MYSQL_PASSWORD", user: "MYSQL_USER", database: "MYSQL_DATABASE" },
} as const;

/** The credential key names of preset `P` (never for presets without generated credentials). */
export type CredentialKeys<P> = P extends keyof typeof CREDENTIAL_KEYS ? (typeof CREDENTIAL_KEYS)[P] : never;

const UNREPLICATED = "the engine's replication is not configured by this preset; scale it with an operator";
/** Redis without Sentinel: replicas would be independent caches with different data, and nothing fails over. */
const REDIS_SINGLE = "Redis runs without Sentinel or replication here: one instance, restarted by its StatefulSet on failure (data persists in the append-only file)";

export const PRESETS = {
  redis: {
    image: "redis:7.4.2",
    ports: { redis: 6379 },
    dataPath: "/data",
    uid: 999,
    gid: 999,
    writablePaths: ["/tmp"],
    // $(REDIS_PASSWORD) is expanded by the kubelet from the env var, so the password never sits in args.
    args: ["redis-server", "--appendonly", "yes", "--requirepass", "$(REDIS_PASSWORD)"],
    probes: { readiness: { tcp: { port: "redis" } }, liveness: { tcp: { port: "redis" }, periodSeconds: 15 } },
    credentials: { passwordEnv: [CREDENTIAL_KEYS.redis.password] },
    replicas: 1,
    maxReplicas: 1,
    singleReplicaReason: REDIS_SINGLE,
  },
  mysql: {
    image: "mysql:8.4.3",
    ports: { mysql: 3306 },
    dataPath: "/var/lib/mysql",
    uid: 999,
    gid: 999,
    writablePaths: ["/tmp", "/var/run/mysqld"],
    probes: {
      readiness: { exec: { command: ["mysqladmin", "ping", "-h", "127.0.0.1", "--silent"] } },
      liveness: { tcp: { port: "mysql" }, periodSeconds: 15 },
    },
    credentials: {
      passwordEnv: [CREDENTIAL_KEYS.mysql.password],
      user: { env: CREDENTIAL_KEYS.mysql.user, default: "app" },
      database: { env: CREDENTIAL_KEYS.mysql.database, default: "app" },
      admin: { suffix: "root", passwordEnv: "MYSQL_ROOT_PASSWORD" },
    },
    replicas: 1,
    maxReplicas: 1,
    singleReplicaReason: UNREPLICATED,
  },
  zookeeper: {
    image: "zookeeper:3.9.3",
    ports: { client: 2181, follower: 2888, election: 3888 },
    dataPath: "/data",
    uid: 1000,
    gid: 1000,
    writablePaths: ["/tmp", "/conf", "/logs", "/datalog"],
    // The member id comes from the pod's ordinal; the official entrypoint then writes /conf/zoo.cfg.
    command: ["bash", "-c", 'export ZOO_MY_ID=$(( ${HOSTNAME##*-} + 1 )) && exec /docker-entrypoint.sh zkServer.sh start-foreground'],
    probes: { readiness: { tcp: { port: "client" } }, liveness: { tcp: { port: "client" }, periodSeconds: 15, failureThreshold: 8 } },
    env: { ZOO_4LW_COMMANDS_WHITELIST: "ruok,srvr,mntr" },
    replicas: 3,
    oddReplicas: true,
    ensembleEnv: (name: string, headless: string, namespace: string, replicas: number) => ({
      ZOO_SERVERS: Array.from({ length: replicas }, (_, i) => `server.${i + 1}=${name}-${i}.${headless}.${namespace}.svc.cluster.local:2888:3888;2181`).join(" "),
    }),
  },
} satisfies Record<string, Preset>;

/** Every preset: the StatefulSet recipes above, and postgresql, which CloudNativePG runs (postgres-plan.ts). */
export const PRESET_NAMES = [...(Object.keys(PRESETS) as (keyof typeof PRESETS)[]), "postgresql"] as const;
export type PresetName = keyof typeof PRESETS | "postgresql";
