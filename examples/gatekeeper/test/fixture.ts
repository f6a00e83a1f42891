import * as path from "path";

/** The platform stack's outputs as the gatekeeper team sees them (served by the test kit's StackReference mock). */
export const PLATFORM = {
  kubeconfig: "apiVersion: v1\nkind: Config\n",
  tenants: { security: "security" },
  registry: "harbor.10.86.67.11.nip.io",
  domain: "10.86.67.11.nip.io",
  storageClasses: { block: "ceph-block" },
  gateway: { name: "platform", namespace: "gateway-system", httpsListener: "https" },
};

export const stackReferences = { "acme/platform/local": PLATFORM };
export const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");
