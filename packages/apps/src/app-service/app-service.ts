import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { NamedPort, registerManifests, routeOptions, siteOf, stackProfile } from "@slipway/core";
import { ConnectableComponent } from "../connectable";
import { tenantChildOptions } from "../tenant-ref";
import { AppServiceArgs } from "./args";
import { AppServicePlan, planAppService } from "./plan";

/**
 * A stateless service: Deployment, Service, ServiceAccount, config, HPA, PDB, route and metrics in
 * one typed call, secure and highly available by default (see CHECKS.md).
 */
export class AppService extends ConnectableComponent {
  /** The stable Deployment. */
  readonly deployment: k8s.apps.v1.Deployment;
  /** The ClusterIP Service selecting every pod of the app. */
  readonly service: k8s.core.v1.Service;
  /** The namespace the app runs in. */
  readonly namespace: string;
  /** The Service's name. */
  readonly serviceName: string;
  /** `<service>.<namespace>.svc.cluster.local`. */
  readonly fqdn: string;
  /** In-cluster URL of the first port, e.g. `http://cart.shop.svc.cluster.local:8080`. */
  readonly url: string;
  /** The external host, when exposed. */
  readonly host?: pulumi.Output<string>;
  /** The external URL, when exposed. */
  readonly externalUrl?: pulumi.Output<string>;
  /** The plan this instance was rendered from (ports, names), for connections and tests. */
  readonly plan: AppServicePlan;
  /** Labels selecting the app's pods, stable and canary (for NetworkPolicies and monitors). */
  readonly podSelector: Record<string, string>;
  readonly servedPorts: NamedPort[];

  constructor(name: string, args: AppServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const site = siteOf("AppService", name);
    const plan = planAppService(site, args, stackProfile());
    super("apps", "AppService", name, opts);
    const resources = registerManifests(name, plan.objects, this.childOptions(tenantChildOptions(args.tenant)), routeOptions(args.expose?.gateway));
    this.plan = plan;
    this.podSelector = plan.podSelector;
    this.servedPorts = plan.ports;
    this.placeIn(args.tenant, args.accepts);
    this.deployment = resources.get(`apps/v1/Deployment/${plan.deploymentName}`) as k8s.apps.v1.Deployment;
    this.service = resources.get(`v1/Service/${plan.serviceName}`) as k8s.core.v1.Service;
    this.namespace = plan.namespace;
    this.serviceName = plan.serviceName;
    this.fqdn = `${plan.serviceName}.${plan.namespace}.svc.cluster.local`;
    this.url = `http://${this.fqdn}:${plan.ports[0].port}`;
    if (plan.host !== undefined) this.host = pulumi.output(plan.host);
    this.externalUrl = plan.externalUrl;
    this.done({ serviceName: this.serviceName, namespace: this.namespace, fqdn: this.fqdn, url: this.url, host: this.host, externalUrl: this.externalUrl });
  }
}
