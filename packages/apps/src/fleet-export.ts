import * as pulumi from "@pulumi/pulumi";
import { AppService } from "./app-service/app-service";

/** What `slipway fleet status` and `slipway promote` read of one app from a team stack's outputs. */
export interface AppStatusOutput {
  /** The stable Deployment's image, by tag and (best) digest. */
  image: string;
  /** The namespace it runs in. */
  namespace: string;
  /** Fixed replicas give min = max; an HPA its bounds. */
  replicas: { min: number; max: number };
}

/**
 * The `apps` output of a team stack: each AppService's image and replicas by app name, the contract
 * `slipway fleet status` and `slipway promote` read (`export const apps = appsOutput([web, cart])`).
 */
export function appsOutput(apps: AppService[]): pulumi.Output<Record<string, AppStatusOutput>> {
  const entries = apps.map((app) => pulumi.output(app.plan.image).apply((image) => [app.plan.deploymentName, { image, namespace: app.namespace, replicas: app.plan.replicas }] as const));
  return pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));
}
