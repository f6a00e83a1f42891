import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { configRef, EnvReference, MountSpec, secretRef } from "@slipway/core";

/** Names the object explicitly (kx relied on auto-naming, which makes `<svc>.<ns>` unpredictable). */
function named<T extends { metadata?: unknown }>(name: string, args: T): T {
  const metadata = pulumi.output(args.metadata as pulumi.Input<k8s.types.input.meta.v1.ObjectMeta> | undefined).apply((m) => ({ ...m, name: m?.name ?? name }));
  return { ...args, metadata };
}

/** A pod volume name from a resource name: a DNS label, stable for the resource. */
function volumeNameFor(prefix: string, name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${prefix}-${slug}`.slice(0, 63).replace(/-+$/, "");
}

/** A ConfigMap that can be mounted or referenced from env, kubernetesx style. */
export class ConfigMap extends k8s.core.v1.ConfigMap {
  private readonly volumeName: string;
  constructor(name: string, args: k8s.core.v1.ConfigMapArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, named(name, args), opts);
    this.volumeName = volumeNameFor("cm", name);
  }
  /** Mounts the whole ConfigMap read-only at `mountPath`; mounting it in several containers adds one volume. */
  mount(mountPath: string): MountSpec {
    return { source: { kind: "configMap", object: this }, mountPath, readOnly: true, volumeName: this.volumeName };
  }
  /** A reference to one key, for env. */
  asEnvValue(key: string): EnvReference {
    return configRef(this, key);
  }
}

/** A Secret that can be mounted or referenced from env, kubernetesx style; its values never enter env in clear. */
export class Secret extends k8s.core.v1.Secret {
  private readonly volumeName: string;
  constructor(name: string, args: k8s.core.v1.SecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, named(name, args), opts);
    this.volumeName = volumeNameFor("secret", name);
  }
  mount(mountPath: string): MountSpec {
    return { source: { kind: "secret", object: this }, mountPath, readOnly: true, volumeName: this.volumeName };
  }
  asEnvValue(key: string): EnvReference {
    return secretRef(this, key);
  }
}

/** A PersistentVolumeClaim that can be mounted, kubernetesx style. */
export class PersistentVolumeClaim extends k8s.core.v1.PersistentVolumeClaim {
  private readonly volumeName: string;
  constructor(name: string, args: k8s.core.v1.PersistentVolumeClaimArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, named(name, args), opts);
    this.volumeName = volumeNameFor("pvc", name);
  }
  mount(mountPath: string): MountSpec {
    return { source: { kind: "persistentVolumeClaim", object: this }, mountPath, volumeName: this.volumeName };
  }
}
