import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import { installChart, registerManifests, routeOptions, siteOf, SlipwayComponent } from "@slipway/core";
import { installOpenCost } from "../cost";
import { KUBE_PROMETHEUS_STACK_CHART } from "../versions";
import { MonitoringStackArgs } from "./args";
import { grafanaAdminSecret } from "./grafana";
import { MonitoringHandle } from "./handle";
import { planMonitoringStack } from "./plan";
import { stackImageValues } from "./values";

/**
 * Prometheus, Alertmanager and Grafana from the pinned kube-prometheus-stack chart, selecting every
 * ServiceMonitor and PrometheusRule in the cluster; platform and user alerts as PrometheusRules,
 * receivers and routing in a Secret, per-tenant routing as AlertmanagerConfigs, dashboards as
 * labelled ConfigMaps, and Grafana behind the platform gateway with a generated admin password.
 */
export class MonitoringStack extends SlipwayComponent implements MonitoringHandle {
  readonly monitoringNamespace: string;
  /** The kube-prometheus-stack chart. */
  readonly operatorChart: k8s.helm.v4.Chart;
  /** In-cluster URL of Prometheus. */
  readonly prometheusUrl: string;
  /** In-cluster URL of Alertmanager. */
  readonly alertmanagerUrl: string;
  /** Grafana's Service name. */
  readonly grafanaServiceName: string;
  /** Grafana's public URL, when exposed. */
  readonly grafanaUrl?: pulumi.Output<string>;
  /** In-cluster URL of OpenCost's cost API, when it runs. */
  readonly openCostUrl?: string;
  /** The generated Grafana admin password (a Pulumi secret). */
  readonly grafanaAdminPassword: pulumi.Output<string>;

  constructor(name: string, args: MonitoringStackArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planMonitoringStack(siteOf("MonitoringStack", name), args);
    super("observability", "MonitoringStack", name, opts);
    const provider = args.cluster.provider;
    const password = new random.RandomPassword(`${name}-grafana-admin`, { length: 32, special: false }, { parent: this });
    const namespace = registerManifests(name, [plan.namespace, ...(plan.agentNamespace ? [plan.agentNamespace] : [])], this.childOptions({ provider }));
    const chartInputs = registerManifests(
      name,
      [...plan.chartInputs, grafanaAdminSecret(plan.grafanaAdmin.metadata, plan.grafanaAdmin.adminUser, password.result)],
      this.childOptions({ provider, dependsOn: [...namespace.values()] }),
    );
    this.operatorChart = installChart(
      `${name}-kube-prometheus-stack`,
      KUBE_PROMETHEUS_STACK_CHART,
      { namespace: plan.namespaceName, values: plan.chartValues, overrides: plan.chartOverrides, imageValues: stackImageValues },
      { parent: this, provider, dependsOn: [...namespace.values(), ...chartInputs.values()] },
    );
    this.openCostUrl = installOpenCost(siteOf("MonitoringStack", name), args.opencost, { namespace: plan.namespaceName, clusterMirror: args.cluster.imageMirror, clusterName: args.cluster.clusterName }, { parent: this, provider, dependsOn: [this.operatorChart] })?.apiUrl;
    registerManifests(name, plan.objects, this.childOptions({ provider, dependsOn: [...namespace.values()] }), routeOptions(args.grafana?.gateway));
    registerManifests(
      name,
      plan.customResources.map((manifest) => ({ manifest, options: { dependsOn: [this.operatorChart] } })),
      this.childOptions({ provider }),
    );
    // Tenant objects share names across namespaces, so each tenant gets its own logical-name prefix.
    for (const tenant of plan.tenants) {
      registerManifests(`${name}/${tenant.namespace}`, [tenant.secret, { manifest: tenant.config, options: { dependsOn: [this.operatorChart] } }], this.childOptions({ provider }));
    }
    this.monitoringNamespace = plan.namespaceName;
    this.prometheusUrl = plan.prometheusUrl;
    this.alertmanagerUrl = plan.alertmanagerUrl;
    this.grafanaServiceName = plan.grafanaServiceName;
    this.grafanaUrl = plan.grafanaHost !== undefined ? pulumi.interpolate`https://${plan.grafanaHost}` : undefined;
    this.grafanaAdminPassword = pulumi.secret(password.result);
    this.done({
      monitoringNamespace: this.monitoringNamespace,
      prometheusUrl: this.prometheusUrl,
      alertmanagerUrl: this.alertmanagerUrl,
      grafanaUrl: this.grafanaUrl,
      grafanaAdminPassword: this.grafanaAdminPassword,
    });
  }
}
