import * as path from "path";
import type { PlatformOutputs } from "@slipway/apps";

/** The platform stack's outputs as team stacks see them (served by the test kit's StackReference mock). */
export const PLATFORM: PlatformOutputs = {
  kubeconfig: "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n",
  tenants: { shop: "shop", payments: "payments" },
  registry: "harbor.platform.example.com",
  domain: "apps.example.com",
  storageClasses: { block: "ceph-block", filesystem: "ceph-filesystem" },
  gateway: { name: "platform", namespace: "gateway-system", httpsListener: "https" },
  grants: { shop: [], payments: ["shop"] },
};

export const stackReferences = (outputs: PlatformOutputs = PLATFORM) => ({ "acme/platform/local": outputs as unknown as Record<string, unknown> });
export const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");
