import * as path from "path";

/** The upstream CRDs beside the project (never copied in). */
export const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");

/** A gateway handle as the platform's Gateway component will give it. */
export const GATEWAY = { gatewayName: "platform", gatewayNamespace: "gateway-system" } as const;

/** A tenant handle; the Tenant component satisfies the same interface. */
export const SHOP = { namespace: "shop", tenantName: "shop" } as const;

/** Reads a nested field for assertions: at(obj, "spec.template.spec.containers", 0, "app.kubernetes.io/name"); only the first path is split on dots. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function at(value: unknown, path: string, ...keys: (string | number)[]): any {
  return [...path.split("."), ...keys].reduce<unknown>((acc, key) => (acc as Record<string | number, unknown> | undefined)?.[key], value);
}
