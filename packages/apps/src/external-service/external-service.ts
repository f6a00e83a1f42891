import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import {
  checkCidr,
  checkDnsLabel,
  checkHostname,
  checkIp,
  fail,
  InputSite,
  Manifest,
  NamedPort,
  normalizePorts,
  PortMap,
  registerManifests,
  servicePorts,
  siteOf,
  SlipwayComponent,
  standardLabels,
} from "@slipway/core";
import { connect, Connection, ConnectionEndpoint, ConnectOptions } from "@slipway/network";
import { resolveNamespace, TenantRef, tenantChildOptions } from "../tenant-ref";

export interface ExternalServiceArgs {
  /** The tenant whose apps call it (preferred over `namespace`). @default required unless namespace is set */
  tenant?: TenantRef;
  /** A namespace name, when not in a Tenant. @default the tenant's namespace */
  namespace?: string;
  /** Ports by name, e.g. `{ redis: 6379 }`. @default required */
  ports: PortMap;
  /** IP addresses outside the cluster (a selector-less Service with an EndpointSlice). @default none: set this or `hostname` */
  addresses?: string[];
  /** Or a DNS name (an ExternalName Service). @default none: set this or `addresses` */
  hostname?: string;
  /** Address blocks behind `hostname`, so connections can allow egress to it. @default none (not a connection target) */
  cidrs?: string[];
}

export interface ExternalServicePlan {
  objects: Manifest[];
  namespace: string;
  ports: NamedPort[];
  cidrs: string[];
}

/** The pure plan of an ExternalService. */
export function planExternalService(site: InputSite, args: ExternalServiceArgs): ExternalServicePlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name);
  if (!/^[a-z]/.test(name)) fail(site, "name", name, "must start with a letter (it names a Service)");
  const namespace = resolveNamespace(site, args);
  const ports = normalizePorts(site, "ports", args.ports);
  if (ports.length === 0) fail(site, "ports", args.ports, "must name at least one port");
  if ((args.addresses === undefined) === (args.hostname === undefined)) fail(site, "addresses", args.addresses, "must be given, or hostname instead (exactly one of them)");
  const labels = standardLabels({ name, component: "external", partOf: args.tenant?.tenantName });
  const meta = { name, namespace, labels };
  if (args.hostname !== undefined) {
    const hostname = checkHostname(site, "hostname", args.hostname);
    const cidrs = (args.cidrs ?? []).map((c, i) => checkCidr(site, `cidrs[${i}]`, c).text);
    return { objects: [{ apiVersion: "v1", kind: "Service", metadata: meta, spec: { type: "ExternalName", externalName: hostname, ports: servicePorts(ports) } }], namespace, ports, cidrs };
  }
  if (args.cidrs !== undefined) fail(site, "cidrs", args.cidrs, "is only for hostname targets", "addresses already say where the service is");
  const addresses = args.addresses!;
  if (!Array.isArray(addresses) || addresses.length === 0) fail(site, "addresses", addresses, "must list at least one IP address");
  const families = new Set(addresses.map((ip, i) => (checkIp(site, `addresses[${i}]`, ip).includes(":") ? 6 : 4)));
  if (families.size > 1) fail(site, "addresses", addresses, "mixes IPv4 and IPv6", "use one ExternalService per address family");
  const family = [...families][0];
  const objects: Manifest[] = [
    // No selector: the EndpointSlice below tells kube-proxy where the service is.
    { apiVersion: "v1", kind: "Service", metadata: meta, spec: { type: "ClusterIP", ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.containerPort, protocol: p.protocol })) } },
    {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: `${name}-external`, namespace, labels: { ...labels, "kubernetes.io/service-name": name, "endpointslice.kubernetes.io/managed-by": "slipway" } },
      addressType: family === 4 ? "IPv4" : "IPv6",
      endpoints: addresses.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: ports.map((p) => ({ name: p.name, port: p.containerPort, protocol: p.protocol })),
    },
  ];
  return { objects, namespace, ports, cidrs: addresses.map((ip) => `${ip}/${family === 4 ? 32 : 128}`) };
}

/** Something outside the cluster (by IP or DNS name) that apps reach by a Service name and connect to. */
export class ExternalService extends SlipwayComponent implements ConnectionEndpoint {
  readonly namespace: string;
  readonly serviceName: string;
  /** `<service>.<namespace>.svc.cluster.local`: the in-cluster name apps call it by. */
  readonly fqdn: string;
  readonly servedPorts: NamedPort[];
  readonly externalCidrs: string[];
  readonly provider?: k8s.Provider;
  readonly tenantName?: string;

  constructor(name: string, args: ExternalServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planExternalService(siteOf("ExternalService", name), args);
    super("apps", "ExternalService", name, opts);
    registerManifests(name, plan.objects, this.childOptions(tenantChildOptions(args.tenant)));
    this.namespace = plan.namespace;
    this.serviceName = name;
    this.fqdn = `${name}.${plan.namespace}.svc.cluster.local`;
    this.servedPorts = plan.ports;
    this.externalCidrs = plan.cidrs;
    this.provider = args.tenant?.provider;
    this.tenantName = args.tenant?.tenantName;
    this.done({ serviceName: this.serviceName, fqdn: this.fqdn });
  }

  get owner(): pulumi.Resource {
    return this;
  }

  /** Lets `source`'s pods call this service (egress only: there are no pods here to take ingress). */
  allowFrom(source: ConnectionEndpoint, options?: ConnectOptions): Connection {
    return connect(source, this, options);
  }
}
