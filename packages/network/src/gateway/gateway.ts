import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { GatewayHandle, installOperator, kindKey, Manifest, siteOf, SlipwayComponent } from "@slipway/core";
import { GatewayArgs } from "./args";
import { HTTP_LISTENER, HTTPS_LISTENER, planGateway } from "./plan";

type GatewayStatus = { addresses?: { value?: string }[] } | undefined;

/**
 * The platform's way in: Envoy Gateway from its pinned chart, a GatewayClass and one shared Gateway
 * (HTTP for redirects and ACME, HTTPS for tenant routes) in its own restricted namespace.
 * AppService routes attach to it, Tenants admit traffic from its namespace.
 */
export class Gateway extends SlipwayComponent implements GatewayHandle {
  /** The Gateway object's name (for HTTPRoute parentRefs). */
  readonly gatewayName: string;
  /** Routes wait for this component: its chart installs the Gateway API CRDs and it renders the Gateway. */
  get ready(): pulumi.Resource {
    return this;
  }
  /** The Gateway's namespace. */
  readonly gatewayNamespace: string;
  /** The HTTPS listener public routes attach to. */
  readonly httpsListener = HTTPS_LISTENER;
  /** The plain-HTTP listener (redirects, ACME HTTP-01). */
  readonly httpListener = HTTP_LISTENER;
  /** The namespace of the controller and its proxies: what tenants allow traffic from. */
  readonly namespace: string;
  /** The GatewayClass's name. */
  readonly className: string;
  /** The Secret the HTTPS listener reads its certificate from (cert-manager writes it). */
  readonly tlsSecretName: string;
  /** The IngressClass's name, when one was asked for. */
  readonly ingressClassName?: string;
  /**
   * The gateway's address: the first static address when given, else the first address in the
   * Gateway's status ("" until the load balancer has assigned one, e.g. under mocks or on first deploy).
   */
  readonly address: pulumi.Output<string>;
  /** The Envoy Gateway chart. */
  readonly chart: k8s.helm.v4.Chart;
  /** The Gateway object. */
  readonly gateway: k8s.apiextensions.CustomResource;

  constructor(name: string, args: GatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    const site = siteOf("Gateway", name);
    const plan = planGateway(site, args);
    super("network", "Gateway", name, opts);
    this.gatewayName = plan.gatewayName;
    this.gatewayNamespace = plan.namespace;
    this.namespace = plan.namespace;
    this.className = plan.className;
    this.tlsSecretName = plan.tlsSecretName;
    this.ingressClassName = plan.ingressClassName;
    // A `status` key makes the provider's read-back of the status an output of the resource.
    const withStatus = (m: Manifest): Manifest => (m.kind === "Gateway" ? { ...m, status: undefined } : m);
    const operator = { ...plan.operator, customResources: plan.operator.customResources.map(withStatus) };
    const installed = installOperator(name, operator, { parent: this, provider: plan.cluster.provider });
    this.chart = installed.chart;
    const gatewayManifest = plan.operator.customResources.find((m) => m.kind === "Gateway")!;
    this.gateway = installed.resources.get(`${kindKey(gatewayManifest)}/${plan.gatewayName}`) as k8s.apiextensions.CustomResource;
    const status = (this.gateway as unknown as { status?: pulumi.Output<GatewayStatus> }).status;
    const fallback = plan.addresses[0] ?? "";
    this.address = plan.addresses.length ? pulumi.output(fallback) : pulumi.output(status).apply((s) => s?.addresses?.find((a) => a?.value)?.value ?? fallback);
    this.done({ gatewayName: this.gatewayName, gatewayNamespace: this.gatewayNamespace, className: this.className, address: this.address, ingressClassName: this.ingressClassName });
  }
}
