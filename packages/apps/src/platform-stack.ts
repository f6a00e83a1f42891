import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { checkDnsLabel, GatewayHandle, ProfileOverride, RegistryHandle, SlipwayInputError, StorageClassHandle } from "@slipway/core";
import { TenantRef } from "./tenant-ref";

/** The cluster's DNS resolver, a fact of the Cluster the tenant policies and the link checks use. */
export interface ClusterDnsOutput {
  /** Namespace of the CoreDNS pods. */
  namespace: string;
  /** Labels of the CoreDNS pods. */
  podLabels: Record<string, string>;
  /** NodeLocal DNSCache's link-local address, when pods resolve through it. */
  nodeLocal?: string;
}

/** What a team stack inherits from its tenant besides the namespace. */
export interface TenantDefaultsOutput {
  /** Image pull secrets in the tenant's namespace for the platform registry. */
  imagePullSecrets?: string[];
  /** The defaults profile every app of the tenant inherits. */
  profile?: ProfileOverride;
}

/** What the platform stack exports for team stacks (the platform program writes exactly this). */
export interface PlatformOutputs {
  /** Kubeconfig of the cluster (a Pulumi secret); absent when the platform reaches an existing cluster through the ambient kubeconfig. */
  kubeconfig?: string;
  /** Tenant name -> namespace. */
  tenants: Record<string, string>;
  /** Tenant name -> pull secrets and defaults profile. @default none (public images, platform defaults) */
  tenantDefaults?: Record<string, TenantDefaultsOutput>;
  /** Registry host apps pull from, e.g. `harbor.example.com/shop` or an ECR registry. */
  registry: string;
  /** The DNS domain app hosts live under. */
  domain: string;
  /** StorageClass names by role. */
  storageClasses: { block?: string; filesystem?: string };
  /** The shared Gateway. */
  gateway: { name: string; namespace: string; httpsListener: string };
  /** The cluster's DNS resolver. @default kube-dns pods in kube-system */
  clusterDns?: ClusterDnsOutput;
  /** Tenant name -> tenants whose apps may call its apps (the platform's grants). @default none */
  grants?: Record<string, string[]>;
}

export interface PlatformStackArgs {
  /** The platform stack, e.g. "acme/platform/prod". @default required */
  stack: string;
  /** Names the platform uses by convention; checked against the stack's outputs at deploy time. @default { name: "platform", namespace: "gateway-system", httpsListener: "https" } */
  gateway?: { name: string; namespace: string; httpsListener?: string };
  /** StorageClass names by role, for a stack built with `new` (outputs unread). @default { block: "ceph-block", filesystem: "ceph-filesystem" } */
  storageClasses?: { block?: string; filesystem?: string };
}

type StorageRole = "block" | "filesystem";

const REQUIRED = ["tenants", "registry", "domain", "storageClasses", "gateway"] as const;
const OPTIONAL = ["tenantDefaults", "clusterDns", "grants"] as const;
const site = (stack: string) => ({ component: "PlatformStack", name: stack });
const listOf = (names: string[]) => names.join(", ") || "none";

/** Reads the platform's outputs as plain values (secret ones included: none of these is a credential). */
async function readOutputs(reference: pulumi.StackReference, stack: string): Promise<PlatformOutputs> {
  const read = async (key: string) => {
    const details = await reference.getOutputDetails(key);
    return details.value ?? details.secretValue;
  };
  const outputs: Record<string, unknown> = {};
  for (const key of [...REQUIRED, ...OPTIONAL]) {
    const value = await read(key);
    if (value === undefined && (REQUIRED as readonly string[]).includes(key)) {
      throw new SlipwayInputError(site(stack), "stack", stack, `exports no "${key}"`, "point at a platform stack deployed by this version of the platform program");
    }
    if (value !== undefined) outputs[key] = value;
  }
  return outputs as unknown as PlatformOutputs;
}

/**
 * A typed reference to the platform stack for team stacks: the cluster's provider, tenants, the
 * gateway, storage classes, hosts and images.
 *
 * `await PlatformStack.load(name, args)` reads the platform's outputs first, so tenants (their
 * namespace, pull secrets and defaults) and storage classes come from, and are checked against,
 * what the platform exports. `new PlatformStack(...)` cannot read them before objects are built: it
 * assumes a tenant's namespace is its name and fails at deploy time where the outputs disagree.
 */
export class PlatformStack {
  readonly reference: pulumi.StackReference;
  readonly provider: k8s.Provider;
  readonly gateway: GatewayHandle;
  readonly domain: pulumi.Output<string>;
  /** The platform's outputs, when read by `PlatformStack.load`. */
  readonly loaded?: PlatformOutputs;
  private readonly outputs: pulumi.Output<PlatformOutputs>;
  private readonly stack: string;
  private readonly classes: { block: string; filesystem: string };

  /** Reads the platform's outputs, then builds the reference on them (tenants and classes checked now). */
  static async load(name: string, args: PlatformStackArgs, opts?: pulumi.CustomResourceOptions): Promise<PlatformStack> {
    const reference = new pulumi.StackReference(name, { name: args.stack }, opts);
    const outputs = await readOutputs(reference, args.stack);
    const kubeconfig = await reference.getOutputDetails("kubeconfig");
    return new PlatformStack(name, args, opts, { reference, outputs, hasKubeconfig: (kubeconfig.value ?? kubeconfig.secretValue) !== undefined });
  }

  constructor(name: string, args: PlatformStackArgs, opts?: pulumi.CustomResourceOptions, loaded?: { reference: pulumi.StackReference; outputs: PlatformOutputs; hasKubeconfig: boolean }) {
    this.stack = args.stack;
    this.reference = loaded?.reference ?? new pulumi.StackReference(name, { name: args.stack }, opts);
    this.loaded = loaded?.outputs;
    this.outputs = pulumi
      .all([...REQUIRED, ...OPTIONAL].map((key) => this.reference.getOutput(key)))
      .apply((values) => Object.fromEntries([...REQUIRED, ...OPTIONAL].map((key, i) => [key, values[i]])) as unknown as PlatformOutputs);
    // Without an exported kubeconfig the provider reaches the cluster as the platform does: the ambient kubeconfig.
    const kubeconfig = loaded && !loaded.hasKubeconfig ? {} : { kubeconfig: pulumi.secret(this.reference.requireOutput("kubeconfig")) as pulumi.Output<string> };
    this.provider = new k8s.Provider(name, { ...kubeconfig, enableServerSideApply: true }, opts);
    const gateway = args.gateway ?? this.loaded?.gateway ?? { name: "platform", namespace: "gateway-system", httpsListener: "https" };
    this.gateway = { gatewayName: gateway.name, gatewayNamespace: gateway.namespace, httpsListener: gateway.httpsListener ?? "https" };
    const exportedClasses = this.loaded?.storageClasses;
    this.classes = {
      block: args.storageClasses?.block ?? exportedClasses?.block ?? "ceph-block",
      filesystem: args.storageClasses?.filesystem ?? exportedClasses?.filesystem ?? "ceph-filesystem",
    };
    this.domain = this.outputs.apply((o) => {
      const exported = o.gateway;
      if (exported && (exported.name !== gateway.name || exported.namespace !== gateway.namespace)) {
        throw new SlipwayInputError(site(this.stack), "gateway", `${gateway.namespace}/${gateway.name}`, `is not the platform's gateway ${exported.namespace}/${exported.name}`, "pass the platform's gateway name and namespace");
      }
      return o.domain;
    });
  }

  /** The cluster's DNS resolver as the platform exports it (read by `load`), for a Tenant a team stack creates itself. */
  get clusterDns(): ClusterDnsOutput | undefined {
    return this.loaded?.clusterDns;
  }

  /**
   * The tenant `name` as the platform created it: its namespace, image pull secrets and defaults
   * profile from the exported `tenants` and `tenantDefaults`. Fails (naming the platform's tenants)
   * if the platform has no such tenant.
   */
  tenant(name: string): TenantRef & { ready: pulumi.Output<string> } {
    checkDnsLabel(site(this.stack), "tenant", name);
    const unknown = (tenants: Record<string, string> | undefined) =>
      new SlipwayInputError(site(this.stack), "tenant", name, "is not a tenant of the platform stack", `use one of ${listOf(Object.keys(tenants ?? {}))}`);
    if (this.loaded) {
      const namespace = this.loaded.tenants?.[name];
      if (namespace === undefined) throw unknown(this.loaded.tenants);
      const defaults = this.loaded.tenantDefaults?.[name] ?? {};
      const pullSecrets = defaults.imagePullSecrets?.length ? { imagePullSecrets: [...defaults.imagePullSecrets] } : {};
      const accepts = this.loaded.grants?.[name] ?? [];
      return { namespace, tenantName: name, provider: this.provider, ready: pulumi.output(namespace), accepts, ...pullSecrets, ...(defaults.profile ? { profile: defaults.profile } : {}) };
    }
    const ready = this.outputs.apply((o) => {
      if (!(name in (o.tenants ?? {}))) throw unknown(o.tenants);
      if (o.tenants[name] !== name || o.tenantDefaults?.[name]?.imagePullSecrets?.length) {
        throw new SlipwayInputError(site(this.stack), "tenant", name, `lives in namespace ${o.tenants[name]} with pull secrets ${listOf(o.tenantDefaults?.[name]?.imagePullSecrets ?? [])}, which a PlatformStack built with new cannot know`, "build it with await PlatformStack.load(...)");
      }
      return o.tenants[name];
    });
    const accepts = this.reference.getOutput("grants").apply((g: Record<string, string[]> | undefined) => g?.[name] ?? []);
    return { namespace: name, tenantName: name, provider: this.provider, ready, accepts };
  }

  /** A StorageClass of the platform by role: the exported class; fails (naming the exported ones) when the platform has none for the role. */
  storageClass(role: StorageRole): StorageClassHandle {
    const exported = this.loaded?.storageClasses;
    if (exported) {
      const available = listOf(Object.entries(exported).filter(([, v]) => v).map(([k, v]) => `${k} (${v})`));
      if (!exported[role]) throw new SlipwayInputError(site(this.stack), "storageClass", role, "is not a storage class role the platform exports", `use one of ${available}`);
      if (this.classes[role] !== exported[role]) throw new SlipwayInputError(site(this.stack), `storageClasses.${role}`, this.classes[role], `is not the platform's ${role} class`, `use the exported one: ${available}`);
    }
    return { storageClassName: this.classes[role], accessModes: role === "block" ? ["ReadWriteOnce"] : ["ReadWriteMany", "ReadWriteOnce"] };
  }

  /** The one naming rule for hosts: `<app>.<tenant>.<domain>`. */
  hostFor(app: string, tenant: string | { tenantName?: string; namespace: string }): pulumi.Output<string> {
    const tenantName = typeof tenant === "string" ? tenant : (tenant.tenantName ?? tenant.namespace);
    return pulumi.interpolate`${app}.${tenantName}.${this.domain}`;
  }

  /** The platform registry as a handle: `platform.registry.image("shop/cart", "1.4.2")`. */
  get registry(): RegistryHandle {
    return { image: (repository: string, tag: string) => pulumi.interpolate`${this.outputs.apply((o) => o.registry)}/${repository}:${tag}` };
  }
}
