import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { checkDnsLabel, checkHostname, childName, installOperator, registerManifests, siteOf, SlipwayComponent, standardLabels, withChartValues } from "@slipway/core";
import { certManagerDns01Policy, requireOidc, workloadRole } from "../iam";
import { CertificatesArgs } from "./args";
import { certificateManifest, CertificatesPlan, CERT_MANAGER_SERVICE_ACCOUNT, planCertificates } from "./plan";
import { certManagerValues } from "./values";

/** A certificate rendered for one host, and the Secret it is stored in. */
export interface HostCertificate {
  certificate: pulumi.CustomResource;
  secretName: string;
}

/**
 * cert-manager from its pinned chart with one ClusterIssuer (ACME through the gateway or the zone, or
 * a private CA), the gateway's HTTPS certificate, and certificates for further hosts on request.
 *
 * Ingress-based apps: `expose.ingress.clusterIssuer: certificates.issuerName` lets cert-manager issue
 * the host's certificate. Gateway-based apps: hosts under the gateway certificate's wildcards are
 * covered; others take `certificateFor(host, gateway.gatewayNamespace)` and list its Secret on the Gateway.
 */
export class Certificates extends SlipwayComponent {
  /** The ClusterIssuer's name (for `cert-manager.io/cluster-issuer` and `issuerRef`). */
  readonly issuerName: string;
  /** `{ name, kind: "ClusterIssuer", group: "cert-manager.io" }`. */
  readonly issuerRef: { name: string; kind: "ClusterIssuer"; group: string };
  /** The namespace cert-manager runs in. */
  readonly namespace: string;
  /** The cert-manager chart; custom resources wait for it. */
  readonly chart: k8s.helm.v4.Chart;
  /** The Secret holding the gateway's certificate, when one was asked for. */
  readonly gatewaySecretName?: string;
  /** The Secret holding the private CA (its `ca.crt` is what clients trust). */
  readonly caSecretName?: string;
  /** The workload-identity role cert-manager uses for Route53 DNS-01. */
  readonly dns01Role?: aws.iam.Role;
  private readonly plan: CertificatesPlan;
  private readonly k8sOptions: pulumi.CustomResourceOptions;

  constructor(name: string, args: CertificatesArgs, opts?: pulumi.ComponentResourceOptions) {
    const site = siteOf("Certificates", name);
    const plan = planCertificates(site, args);
    const usesRoute53 = plan.solver.kind === "dns01" && plan.solver.target.kind === "route53";
    const oidc = usesRoute53 ? requireOidc(site, plan.cluster, "DNS-01 on Route53") : undefined;
    super("dns", "Certificates", name, opts);
    this.plan = plan;
    this.issuerName = plan.issuerName;
    this.issuerRef = { name: plan.issuerName, kind: "ClusterIssuer", group: "cert-manager.io" };
    this.namespace = plan.namespace;
    this.caSecretName = plan.caSecretName;
    this.k8sOptions = this.childOptions({ provider: plan.cluster.provider });

    let roleArn: pulumi.Output<string> | undefined;
    if (plan.solver.kind === "dns01" && plan.solver.target.kind === "route53") {
      this.dns01Role = workloadRole(
        `${name}-dns01`,
        {
          oidc: oidc!,
          namespace: plan.namespace,
          serviceAccount: CERT_MANAGER_SERVICE_ACCOUNT,
          description: `cert-manager DNS-01 challenges in ${plan.solver.target.domain} only`,
          policy: plan.solver.target.zoneId.apply(certManagerDns01Policy),
        },
        this.childOptions(),
      );
      roleArn = this.dns01Role.arn;
    }
    // Solving through a gateway needs the Gateway API CRDs before cert-manager starts.
    const gateway = plan.solver.kind === "http01" ? plan.solver.gateway : undefined;
    this.chart = installOperator(name, withChartValues(plan.operator, certManagerValues(plan.solver, roleArn)), {
      parent: this,
      provider: plan.cluster.provider,
      chartDependsOn: pulumi.Resource.isInstance(gateway) ? [gateway] : [],
    }).chart;
    if (plan.gatewayCertificate) {
      // The certificate lives in the gateway's namespace, so it also waits for the gateway.
      const target = args.gatewayCertificate!.gateway;
      const dependsOn = [this.chart, ...(pulumi.Resource.isInstance(target) ? [target] : [])];
      registerManifests(name, [{ manifest: plan.gatewayCertificate.manifest, options: { dependsOn } }], this.k8sOptions);
      this.gatewaySecretName = plan.gatewayCertificate.secretName;
    }
    this.done({ issuerName: this.issuerName, namespace: this.namespace, gatewaySecretName: this.gatewaySecretName, caSecretName: this.caSecretName });
  }

  /**
   * A Certificate for one public host, in `namespace`, stored in the Secret `<host with dashes>-tls`
   * (use it as an Ingress `tlsSecret` or list it on the Gateway's HTTPS listener).
   */
  certificateFor(host: string, namespace: string, options: { secretName?: string } = {}): HostCertificate {
    checkHostname(this.site, "certificateFor.host", host, { wildcard: true });
    const ns = checkDnsLabel(this.site, "certificateFor.namespace", namespace);
    const secretName = options.secretName ?? childName(String(host).replace(/^\*\./, "wildcard.").replace(/\./g, "-"), "tls");
    checkDnsLabel(this.site, "certificateFor.secretName", secretName);
    const meta = { name: secretName, namespace: ns, labels: standardLabels({ name: this.issuerName, component: "certificates", partOf: "slipway" }) };
    const manifest = certificateManifest(this.site, "certificateFor.host", meta, secretName, [host], this.issuerName, this.plan.solver);
    const [certificate] = registerManifests(`${this.issuerName}-${ns}`, [{ manifest, options: { dependsOn: [this.chart] } }], this.k8sOptions).values();
    return { certificate, secretName };
  }
}
