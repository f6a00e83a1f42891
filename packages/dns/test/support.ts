import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { ClusterHandle, SlipwayInputError } from "@slipway/core";
import { Rendered } from "@slipway/testing";

/** The upstream CRDs beside the project (never copied in). */
export const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");

export const OIDC_URL = "oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F";
export const OIDC_ARN = `arn:aws:iam::123456789012:oidc-provider/${OIDC_URL}`;

/** An EKS cluster handle as the Cluster component gives it (call inside a render: it creates a provider). */
export function eksCluster(extra: Partial<ClusterHandle> = {}): ClusterHandle {
  return {
    clusterName: "main",
    kind: "eks",
    provider: new k8s.Provider("main", { kubeconfig: "{}" }),
    oidc: { providerArn: OIDC_ARN, issuerUrl: `https://${OIDC_URL}` },
    region: "eu-west-1",
    ...extra,
  };
}

/** An existing on-prem cluster handle (no workload identity). */
export function onPremCluster(extra: Partial<ClusterHandle> = {}): ClusterHandle {
  return { clusterName: "onprem", kind: "existing", provider: new k8s.Provider("onprem", { kubeconfig: "{}" }), ...extra };
}

/** A gateway handle as the network package's Gateway gives it. */
export const GATEWAY = { gatewayName: "platform", gatewayNamespace: "gateway-system", httpsListener: "https", httpListener: "http", tlsSecretName: "platform-tls" } as const;

/** Reads a nested field for assertions: at(obj, "spec.endpoints", 0, "dnsName"); only the first path is split on dots. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function at(value: unknown, path: string, ...keys: (string | number)[]): any {
  return [...path.split("."), ...keys].reduce<unknown>((acc, key) => (acc as Record<string | number, unknown> | undefined)?.[key], value);
}

/** A parsed IAM policy document from a resource input (JSON string). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function policy(value: unknown): any {
  return JSON.parse(String(value));
}

/** Runs a program and returns the error it failed with (or undefined). */
export { renderError } from "@slipway/testing";

/** Asserts a SlipwayInputError naming the component, the field path and the shown value. */
export function expectInputError(error: unknown, component: string, field: string, shown: string): void {
  expect(error).toBeInstanceOf(SlipwayInputError);
  const message = (error as Error).message;
  expect(message).toContain(component);
  expect(message).toContain(`${field} (`);
  expect(message).toContain(shown);
  expect((error as SlipwayInputError).path).toBe(field);
}

/** The URN of the one resource of `type` named `name`. */
export function urnOf(r: Rendered, type: string, name: string): string {
  const found = r.resources.filter((x) => x.type === type && x.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${type} named ${name}: ${r.resources.map((x) => `${x.type} ${x.name}`).join(", ")}`);
  return found[0].urn;
}
