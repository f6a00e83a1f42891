import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import { NamedPort, registerManifests, routeOptions, siteOf, stackProfile } from "@slipway/core";
import { ConnectableComponent } from "../connectable";
import { tenantChildOptions } from "../tenant-ref";
import { StatefulAppArgs } from "./args";
import { credentialsSecret, planStatefulApp, StatefulAppPlan } from "./plan";

/**
 * A stateful service that keeps its data: StatefulSet with claim templates (retained on delete),
 * headless and client Services, host anti-affinity, a PDB, and generated credentials.
 */
export class StatefulApp extends ConnectableComponent {
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  readonly service: k8s.core.v1.Service;
  readonly namespace: string;
  /** The client Service's name. */
  readonly serviceName: string;
  /** The headless Service giving each replica a stable DNS name. */
  readonly headlessServiceName: string;
  /** `<service>.<namespace>.svc.cluster.local`. */
  readonly host: string;
  /** The first port. */
  readonly port: number;
  readonly selector: Record<string, string>;
  /** The generated password (a Pulumi secret), when credentials are generated. */
  readonly password?: pulumi.Output<string>;
  /** The Secret holding the credentials; reference its keys with `secretRef`. */
  readonly credentialsSecretName?: string;
  readonly plan: StatefulAppPlan;
  /** The external host and URL, when exposed. */
  readonly externalHost?: pulumi.Output<string>;
  readonly externalUrl?: pulumi.Output<string>;
  readonly podSelector: Record<string, string>;
  readonly servedPorts: NamedPort[];

  constructor(name: string, args: StatefulAppArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planStatefulApp(siteOf("StatefulApp", name), args, stackProfile());
    super("apps", "StatefulApp", name, opts);
    this.plan = plan;
    this.podSelector = plan.selector;
    this.servedPorts = plan.ports;
    this.placeIn(args.tenant, args.accepts);
    const childOpts = this.childOptions(tenantChildOptions(args.tenant));
    const objects = [...plan.objects];
    if (plan.credentials) {
      const generated = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this, additionalSecretOutputs: ["result"] });
      this.password = pulumi.secret(generated.result);
      objects.unshift(credentialsSecret(plan, (plan.objects[0].metadata.labels ?? {}) as Record<string, string>, this.password)!);
      this.credentialsSecretName = plan.credentials.secretName;
    }
    const resources = registerManifests(name, objects, childOpts, routeOptions(args.expose?.gateway));
    this.statefulSet = resources.get(`apps/v1/StatefulSet/${plan.serviceName}`) as k8s.apps.v1.StatefulSet;
    this.service = resources.get(`v1/Service/${plan.serviceName}`) as k8s.core.v1.Service;
    this.namespace = plan.namespace;
    this.serviceName = plan.serviceName;
    this.headlessServiceName = plan.headlessServiceName;
    this.host = `${plan.serviceName}.${plan.namespace}.svc.cluster.local`;
    this.port = plan.ports[0].port;
    this.selector = plan.selector;
    if (plan.host !== undefined) this.externalHost = pulumi.output(plan.host);
    this.externalUrl = plan.externalUrl;
    this.done({ serviceName: this.serviceName, host: this.host, port: this.port, password: this.password });
  }
}
