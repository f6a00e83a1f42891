import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { checkDnsLabel, GatewayHandle, RegistryHandle, SlipwayInputError, StorageClassHandle } from "@slipway/core";
import { TenantRef } from "./tenant-ref";

/** What the platform stack exports for team stacks (the platform program writes exactly this). */
export interface PlatformOutputs {
  /** Kubeconfig of the cluster (a Pulumi secret). */
  kubeconfig: string;
  /** Tenant name -> namespace. */
  tenants: Record<string, string>;
  /** Registry host apps pull from, e.g. `harbor.example.com/shop` or an ECR registry. */
  registry: string;
  /** The DNS domain app hosts live under. */
  domain: string;
  /** StorageClass names by role. */
  storageClasses: { block?: string; filesystem?: string };
  /** The shared Gateway. */
  gateway: { name: string; namespace: string; httpsListener: string };
  /** Tenant name -> tenants whose apps may call its apps (the platform's grants). @default none */
  grants?: Record<string, string[]>;
}

export interface PlatformStackArgs {
  /** The platform stack, e.g. "acme/platform/prod". @default required */
  stack: string;
  /** Names the platform uses by convention; checked against the stack's outputs at deploy time. @default { name: "platform", namespace: "gateway-system", httpsListener: "https" } */
  gateway?: { name: string; namespace: string; httpsListener?: string };
  /** StorageClass names by role. @default { block: "ceph-block", filesystem: "ceph-filesystem" } */
  storageClasses?: { block?: string; filesystem?: string };
}

const site = (stack: string) => ({ component: "PlatformStack", name: stack });

/**
 * A typed reference to the platform stack for team stacks: the cluster's provider, tenants, the
 * gateway, storage classes, hosts and images. Names that decide which objects exist are plain
 * (from the team's own code) and verified against the platform's outputs when they resolve.
 */
export class PlatformStack {
  readonly reference: pulumi.StackReference;
  readonly provider: k8s.Provider;
  readonly gateway: GatewayHandle;
  readonly domain: pulumi.Output<string>;
  private readonly outputs: pulumi.Output<PlatformOutputs>;
  private readonly stack: string;
  private readonly classes: { block: string; filesystem: string };

  constructor(name: string, args: PlatformStackArgs, opts?: pulumi.CustomResourceOptions) {
    this.stack = args.stack;
    this.reference = new pulumi.StackReference(name, { name: args.stack }, opts);
    this.outputs = pulumi
      .all(["kubeconfig", "tenants", "registry", "domain", "storageClasses", "gateway"].map((key) => this.reference.requireOutput(key)))
      .apply(([kubeconfig, tenants, registry, domain, storageClasses, gateway]) => ({ kubeconfig, tenants, registry, domain, storageClasses, gateway }) as PlatformOutputs);
    this.provider = new k8s.Provider(name, { kubeconfig: pulumi.secret(this.reference.requireOutput("kubeconfig")) as pulumi.Output<string>, enableServerSideApply: true }, opts);
    const gateway = args.gateway ?? { name: "platform", namespace: "gateway-system", httpsListener: "https" };
    this.gateway = { gatewayName: gateway.name, gatewayNamespace: gateway.namespace, httpsListener: gateway.httpsListener ?? "https" };
    this.classes = { block: args.storageClasses?.block ?? "ceph-block", filesystem: args.storageClasses?.filesystem ?? "ceph-filesystem" };
    this.domain = this.outputs.apply((o) => {
      const exported = o.gateway;
      if (exported && (exported.name !== gateway.name || exported.namespace !== gateway.namespace)) {
        throw new SlipwayInputError(site(this.stack), "gateway", `${gateway.namespace}/${gateway.name}`, `is not the platform's gateway ${exported.namespace}/${exported.name}`, "pass the platform's gateway name and namespace");
      }
      return o.domain;
    });
  }

  /** The tenant `name`, as the platform created it; fails at deploy time if the platform has no such tenant. */
  tenant(name: string): TenantRef & { ready: pulumi.Output<string> } {
    checkDnsLabel(site(this.stack), "tenant", name);
    const ready = this.outputs.apply((o) => {
      if (!(name in (o.tenants ?? {}))) throw new SlipwayInputError(site(this.stack), "tenant", name, "is not a tenant of the platform stack", `use one of ${Object.keys(o.tenants ?? {}).join(", ") || "none"}`);
      return o.tenants[name];
    });
    const accepts = this.reference.getOutput("grants").apply((g: Record<string, string[]> | undefined) => g?.[name] ?? []);
    return { namespace: name, tenantName: name, provider: this.provider, ready, accepts };
  }

  /** A StorageClass of the platform by role. */
  storageClass(role: "block" | "filesystem"): StorageClassHandle {
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
