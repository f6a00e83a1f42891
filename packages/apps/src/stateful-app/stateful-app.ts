import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import { EnvReference, fail, NamedPort, secretRef, registerManifests, routeOptions, siteOf, stackProfile } from "@slipway/core";
import { ConnectableComponent } from "../connectable";
import { tenantChildOptions } from "../tenant-ref";
import { StatefulAppArgs } from "./args";
import { CREDENTIAL_KEYS, CredentialKeys, PresetName } from "./presets";
import { adminSecret, credentialsSecret, planStatefulApp, StatefulAppPlan } from "./plan";

/** The Secret with a preset's generated credentials, and its keys by role (literal types per preset). */
export interface CredentialsHandle<K extends Readonly<Record<string, string>>> {
  /** The Secret's name. */
  readonly secretName: string;
  /** Its keys by role, e.g. `{ password: "POSTGRES_PASSWORD", user: "POSTGRES_USER", database: "POSTGRES_DB" }`. */
  readonly keys: K;
  /** An env reference to one key: `env: { DB_PASSWORD: db.credentials.ref("password") }` (never the value). */
  ref(role: keyof K & string): EnvReference;
}

/**
 * A stateful service that keeps its data: StatefulSet with claim templates (retained on delete),
 * headless and client Services, host anti-affinity, a PDB, and generated credentials. The
 * postgresql preset is a CloudNativePG Cluster instead (replicated, failover, backups), which
 * Pulumi leaves in place on destroy.
 */
export class StatefulApp<P extends PresetName = PresetName> extends ConnectableComponent {
  /** The StatefulSet; absent for postgresql, whose instances the CloudNativePG operator runs (see `cluster`). */
  readonly statefulSet?: k8s.apps.v1.StatefulSet;
  /** The CloudNativePG Cluster (postgresql preset). */
  readonly cluster?: pulumi.CustomResource;
  /** The client Service; absent for postgresql, whose `-rw` Service the operator creates (`serviceName` names it). */
  readonly service?: k8s.core.v1.Service;
  readonly namespace: string;
  /** The client Service's name (postgresql: `<name>-rw`, always the primary). */
  readonly serviceName: string;
  /** The headless Service giving each replica a stable DNS name. */
  readonly headlessServiceName: string;
  /** `<service>.<namespace>.svc.cluster.local`: the in-cluster name (as on AppService and ExternalService). */
  readonly fqdn: string;
  /** The first port. */
  readonly port: number;
  /** The password (a Pulumi secret, generated or given), when the app has credentials. */
  readonly password?: pulumi.Output<string>;
  /** The Secret holding the generated credentials and its key names, when credentials are generated. */
  readonly credentials?: CredentialsHandle<CredentialKeys<P>>;
  readonly plan: StatefulAppPlan;
  /** The external host, when exposed (as on AppService). */
  readonly host?: pulumi.Output<string>;
  /** The external URL, when exposed. */
  readonly externalUrl?: pulumi.Output<string>;
  /** Labels selecting the app's pods (for NetworkPolicies and monitors). */
  readonly podSelector: Record<string, string>;
  readonly servedPorts: NamedPort[];

  constructor(name: string, args: StatefulAppArgs<P>, opts?: pulumi.ComponentResourceOptions) {
    const plan = planStatefulApp(siteOf("StatefulApp", name), args, stackProfile());
    super("apps", "StatefulApp", name, opts);
    this.plan = plan;
    this.podSelector = plan.podSelector;
    this.servedPorts = plan.ports;
    this.placeIn(args.tenant, args.accepts);
    const childOpts = this.childOptions(tenantChildOptions(args.tenant));
    const objects = [...plan.objects];
    const labels = (plan.objects[0].metadata.labels ?? {}) as Record<string, string>;
    const choice = typeof args.credentials === "object" ? args.credentials : {};
    // A given password (from config, a vault...) replaces the generated one.
    const password = (given: pulumi.Input<string> | undefined, id: string) =>
      pulumi.secret(given ?? new random.RandomPassword(id, { length: 32, special: false }, { parent: this, additionalSecretOutputs: ["result"] }).result);
    if (plan.credentials) {
      this.password = password(choice.password, `${name}-password`);
      objects.unshift(credentialsSecret(plan, labels, this.password)!);
      if (plan.credentials.admin) objects.unshift(adminSecret(plan, labels, password(choice.rootPassword, `${name}-root-password`))!);
    }
    const secretName = plan.credentials?.secretName ?? plan.operatorSecret;
    if (secretName) {
      const keys = CREDENTIAL_KEYS[args.preset as keyof typeof CREDENTIAL_KEYS] as CredentialKeys<P>;
      const ref = (role: string) => {
        const key = (keys as Record<string, string>)[role];
        if (key === undefined) fail(this.site, "credentials", role, `is not a credential of the ${args.preset} preset`, `use one of ${Object.keys(keys).join(", ")}`);
        return secretRef(secretName, key);
      };
      this.credentials = { secretName, keys, ref };
    }
    // The Cluster owns the PostgreSQL volumes: Pulumi leaves it in place on destroy so the data survives (CHECKS D1).
    const resources = registerManifests(name, objects, childOpts, (m) => ({ ...routeOptions(args.expose?.gateway)(m), ...(m.kind === "Cluster" ? { retainOnDelete: true } : {}) }));
    this.statefulSet = resources.get(`apps/v1/StatefulSet/${plan.serviceName}`) as k8s.apps.v1.StatefulSet | undefined;
    this.cluster = resources.get(`postgresql.cnpg.io/v1/Cluster/${name}`);
    this.service = resources.get(`v1/Service/${plan.serviceName}`) as k8s.core.v1.Service | undefined;
    this.namespace = plan.namespace;
    this.serviceName = plan.serviceName;
    this.headlessServiceName = plan.headlessServiceName;
    this.fqdn = `${plan.serviceName}.${plan.namespace}.svc.cluster.local`;
    this.port = plan.ports[0].port;
    if (plan.host !== undefined) this.host = pulumi.output(plan.host);
    this.externalUrl = plan.externalUrl;
    this.done({ serviceName: this.serviceName, fqdn: this.fqdn, host: this.host, port: this.port, password: this.password });
  }
}
