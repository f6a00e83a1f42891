import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { PlatformOutputs, Tenant, TenantArgs } from "@slipway/apps";

/**
 * The platform of the e2e engine step: the real Tenant component for each tenant (restricted
 * namespace, quota, limits, RBAC, default-deny network policies) and a block StorageClass with
 * volumes made ahead, since nothing provisions storage on loopback. Exports the platform contract
 * (PlatformOutputs) that team stacks read through PlatformStack.
 */
const config = new pulumi.Config("platform");
const tenantArgs = config.requireObject<Record<string, TenantArgs>>("tenants");
const storage = config.requireObject<{ className: string; volumes: string[] }>("storage");

const tenants = Object.entries(tenantArgs).map(([name, args]) => new Tenant(name, args));

const blockClass = new k8s.storage.v1.StorageClass("block", {
  metadata: { name: storage.className },
  provisioner: "kubernetes.io/no-provisioner",
  reclaimPolicy: "Delete",
  volumeBindingMode: "Immediate",
});
storage.volumes.forEach(
  (size, i) =>
    new k8s.core.v1.PersistentVolume(`volume-${i}`, {
      metadata: { name: `loopback-volume-${i}` },
      spec: {
        storageClassName: storage.className,
        capacity: { storage: size },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Retain",
        // Never mounted: the nodes are kwok's fakes.
        hostPath: { path: `/tmp/slipway-loopback-volume-${i}` },
      },
    }, { dependsOn: [blockClass] }),
);

// The platform contract, key by key as PlatformStack reads it.
const contract: { [K in keyof PlatformOutputs]: pulumi.Input<PlatformOutputs[K]> } = {
  kubeconfig: config.requireSecret("kubeconfig"),
  tenants: Object.fromEntries(tenants.map((t) => [t.tenantName, t.namespace])),
  registry: config.require("registry"),
  domain: config.require("domain"),
  storageClasses: { block: storage.className },
  gateway: { name: "platform", namespace: "gateway-system", httpsListener: "https" },
  grants: Object.fromEntries(tenants.map((t) => [t.tenantName, t.accepts ?? []])),
};
export = contract;
