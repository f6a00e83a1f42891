import * as pulumi from "@pulumi/pulumi";
import { ContainerSpec, EnvMap, Placement, ProfileOverride, ResourcesSpec } from "@slipway/core";
import { TenantRef } from "../tenant-ref";

/** A numeric user and group for images whose own user is a name (CHECKS S2: never 0, never guessed). */
export interface RunAsArgs {
  /** runAsUser of every container; not 0. @default required */
  user: number;
  /** runAsGroup, and fsGroup for the pod's volumes; not 0. @default required */
  group: number;
}

/**
 * What every app workload's pod takes, whatever runs it (AppService, Worker, Job, CronJob): one
 * image with its config and secrets, its own ServiceAccount, the tenant's profile and labels.
 */
export interface PodArgs {
  /** The tenant the workload runs in (preferred over `namespace`). @default required unless namespace is set */
  tenant?: TenantRef;
  /** A namespace name, when the workload is not deployed into a Tenant. @default the tenant's namespace */
  namespace?: string;
  /** Image with a pinned tag or digest; a string or a registry handle's `image(...)`. @default required */
  image: pulumi.Input<string>;
  /** Entrypoint override. @default the image's */
  command?: pulumi.Input<string>[];
  /** Arguments, in clear text in the pod spec: a secret here is an error (use `secrets` and `$(VAR)`). @default the image's */
  args?: pulumi.Input<string>[];
  /** Plain environment variables (Outputs allowed; a secret Output here is an error: use `secrets`). @default none */
  env?: EnvMap;
  /** Non-secret settings, stored in a ConfigMap and passed as environment variables (a secret here is an error: use `secrets`). @default none */
  config?: Record<string, pulumi.Input<string>>;
  /** Files by absolute path, stored in a ConfigMap and mounted read-only (a secret here is an error: use `secretFiles`). @default none */
  files?: Record<string, pulumi.Input<string>>;
  /** Files with secrets by absolute path (each a Pulumi secret), stored in a Secret and mounted read-only. @default none */
  secretFiles?: Record<string, pulumi.Input<string>>;
  /** Secret values (each a Pulumi secret), stored in a Secret and passed as environment variables. @default none */
  secrets?: Record<string, pulumi.Input<string>>;
  /** A size preset or explicit requests/limits. @default the profile's size ("small") */
  resources?: ResourcesSpec;
  /** `null` removes the CPU limit. @default the preset's */
  cpuLimit?: string | null;
  /** Containers run to completion before the main one starts. @default none */
  initContainers?: ContainerSpec[];
  /** Extra containers beside the main one, with the same defaults. @default none */
  sidecars?: ContainerSpec[];
  /** Paths that stay writable (emptyDirs) under the read-only root filesystem. @default ["/tmp"] */
  writablePaths?: string[];
  /** Where pods run: a node-pool handle's placement or plain selector/tolerations. @default anywhere */
  placement?: Placement;
  /** Mount a ServiceAccount token (the workload calls the Kubernetes API). @default false */
  apiAccess?: boolean;
  /** Annotations of the ServiceAccount (e.g. workload identity). @default none */
  serviceAccountAnnotations?: Record<string, pulumi.Input<string>>;
  /** The image's numeric user and group, for images whose USER is a name (runAsNonRoot needs a number). @default the image's user */
  runAs?: RunAsArgs;
  /** `app.kubernetes.io/component`. @default "server" for services, "worker", "job" or "cronjob" */
  component?: string;
  /** Overrides of the defaults profile for this workload. @default the tenant's */
  defaults?: ProfileOverride;
}
