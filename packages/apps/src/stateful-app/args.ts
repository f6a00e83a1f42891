import * as pulumi from "@pulumi/pulumi";
import { EnvMap, Placement, PortMap, ProbesSpec, ProfileOverride, ResourcesSpec, StorageClassHandle } from "@slipway/core";
import { ExposeArgs } from "../app-service/args";
import { Consent } from "@slipway/network";
import { TenantRef } from "../tenant-ref";
import { RunAsArgs } from "../workload/args";
import { PostgresArgs } from "./postgres-args";
import { PresetName } from "./presets";

/** The volume each replica keeps its data on (a volumeClaimTemplate). */
export interface StorageArgs {
  /** Size of each replica's volume, e.g. "10Gi". @default required */
  size: string;
  /** The StorageClass (a handle such as `ceph.blockClass`, or a class name). @default required */
  class: StorageClassHandle | string;
  /** @default ["ReadWriteOnce"] */
  accessModes?: ("ReadWriteOnce" | "ReadWriteMany" | "ReadOnlyMany" | "ReadWriteOncePod")[];
  /** Where the volume is mounted. @default the preset's data path, else "/data" */
  mountPath?: string;
}

export interface StatefulAppArgs<P extends PresetName = PresetName> {
  /** The tenant the app runs in (preferred over `namespace`). @default required unless namespace is set */
  tenant?: TenantRef;
  /** A namespace name, when not deployed into a Tenant. @default the tenant's namespace */
  namespace?: string;
  /** A pinned recipe: redis, postgresql (a CloudNativePG Cluster), mysql or zookeeper. @default none (give image and ports) */
  preset?: P;
  /** Image; overrides the preset's (e.g. a mirror). @default the preset's (required without a preset) */
  image?: pulumi.Input<string>;
  /** Ports by name. Required without a preset. @default the preset's */
  ports?: PortMap;
  /** Replicas (PostgreSQL instances: one primary, the rest streaming standbys). @default the preset's (2 for postgresql, 3 for zookeeper, 1 for engines Slipway does not replicate), else 2 */
  replicas?: number;
  /** Each replica's volume. @default required */
  storage: StorageArgs;
  /** Keep replicas on different hosts: required (never together) or preferred. "none" only for one replica. @default "required" */
  antiAffinity?: "required" | "preferred" | "none";
  /** OrderedReady starts pods one by one; Parallel all at once. @default "OrderedReady" */
  podManagement?: "OrderedReady" | "Parallel";
  /** Staged rollouts: only ordinals >= partition get a new revision. @default 0 */
  partition?: number;
  /**
   * Credentials in a Secret: a password (generated, or the one given) and the user/database where the preset takes them.
   * @default true for presets with credentials (a generated password)
   */
  credentials?: boolean | StatefulAppCredentials;
  /** Extra environment. @default none */
  env?: EnvMap;
  /** Probes. @default the preset's, else TCP on the first port */
  probes?: ProbesSpec;
  /** Size preset or explicit sizes. @default "medium" */
  resources?: ResourcesSpec;
  /** `null` removes the CPU limit. @default the preset's */
  cpuLimit?: string | null;
  /** Entrypoint. @default the preset's or the image's */
  command?: pulumi.Input<string>[];
  /** Arguments. @default the preset's or the image's */
  args?: pulumi.Input<string>[];
  /** The image's non-root user and group; set them only for users the image has (CHECKS S2). @default the preset's */
  runAs?: RunAsArgs;
  /** Paths that stay writable besides the data volume. @default the preset's, else ["/tmp"] */
  writablePaths?: string[];
  /** Exposure of the client Service through the gateway or an ingress. @default none */
  expose?: ExposeArgs;
  /** Where pods run. @default anywhere */
  placement?: Placement;
  /** Overrides of the defaults profile. @default the tenant's */
  defaults?: ProfileOverride;
  /** PostgreSQL settings (postgresql preset only): version, operator namespace, API server, backups, monitoring. @default see PostgresArgs */
  postgres?: PostgresArgs;
  /** Callers from other tenants this app consents to: tenant names, tenants, or apps (`appRef(...)` for another stack's). @default none */
  accepts?: Consent[];
}

/** The credentials a StatefulApp keeps in its Secret. */
export interface StatefulAppCredentials {
  /** The database user. @default the preset's */
  user?: string;
  /** The database to create. @default the preset's */
  database?: string;
  /** The password, e.g. `config.requireSecret("dbPassword")`; kept a Pulumi secret. @default a generated 32-character password (postgresql: the operator's) */
  password?: pulumi.Input<string>;
  /** mysql's root password, kept in its own `<name>-root` Secret that no app references. @default a separately generated 32-character password */
  rootPassword?: pulumi.Input<string>;
}
