import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { NamedPort, registerManifests, siteOf, stackProfile } from "@slipway/core";
import { ConnectableComponent } from "../connectable";
import { tenantChildOptions } from "../tenant-ref";
import { WorkerArgs } from "./args";
import { planWorker, WorkerPlan } from "./plan";

/**
 * A long-running process that serves no port (a queue consumer, a poller): a Deployment without a
 * Service, with AppService's secure defaults, profile, labels and connections. It calls out with
 * `connectTo`; nothing can call it, since it serves nothing.
 */
export class Worker extends ConnectableComponent {
  /** The worker's Deployment. */
  readonly deployment: k8s.apps.v1.Deployment;
  readonly namespace: string;
  /** Labels selecting the worker's pods (for NetworkPolicies and monitors). */
  readonly podSelector: Record<string, string>;
  /** None: a worker is never a connection's target. */
  readonly servedPorts: NamedPort[] = [];
  /** The plan this instance was rendered from, for tests. */
  readonly plan: WorkerPlan;

  constructor(name: string, args: WorkerArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planWorker(siteOf("Worker", name), args, stackProfile());
    super("apps", "Worker", name, opts);
    const resources = registerManifests(name, plan.objects, this.childOptions(tenantChildOptions(args.tenant)));
    this.plan = plan;
    this.namespace = plan.namespace;
    this.podSelector = plan.podSelector;
    this.placeIn(args.tenant);
    this.deployment = resources.get(`apps/v1/Deployment/${plan.deploymentName}`) as k8s.apps.v1.Deployment;
    this.done({ namespace: this.namespace, deploymentName: plan.deploymentName });
  }
}
