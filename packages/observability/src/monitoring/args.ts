import * as pulumi from "@pulumi/pulumi";
import { ChartOverrides, ClusterHandle, GatewayHandle, ResourcesSpec, StorageClassHandle } from "@slipway/core";
import { OpenCostArgs } from "../cost/args";

/** How urgent an alert is; Alertmanager routes on it. */
export type Severity = "critical" | "warning" | "info";

/** An alert a platform or app team writes, rendered into a PrometheusRule. */
export interface AlertArgs {
  /** Alert name in CamelCase, unique in the stack, e.g. "CartCheckoutErrors". */
  name: string;
  /** PromQL expression; the alert fires while it returns series. Syntax is checked lightly (non-empty, balanced brackets and quotes, no dangling operator), not parsed. */
  expr: string;
  /** How long the expression must hold before the alert fires. @default "5m" */
  for?: string;
  /** Severity label. */
  severity: Severity;
  /** One-line summary annotation (may use `{{ $labels.x }}`). */
  summary: string;
  /** Longer description annotation. @default none */
  description?: string;
}

/** The alerts the platform ships: node pressure, restarts and crash loops, filling volumes, unavailable replicas, expiring certificates. */
export interface PlatformRulesArgs {
  /** Render the platform alerts. @default true */
  enabled?: boolean;
  /** Container restarts within 15 minutes that raise an alert. @default 3 */
  restartsPer15m?: number;
  /** Free space (percent of a volume) below which a volume is "filling". @default 10 */
  volumeFreePercent?: number;
  /** Days before a certificate expires that raise an alert. @default 7 */
  certificateExpiryDays?: number;
}

/** A generic webhook receiver (an SMS gateway is one). */
export interface WebhookReceiverArgs {
  /** http(s) URL; may carry a token, so it is kept in a Secret, never in chart values. */
  url: pulumi.Input<string>;
  /** Also notify when an alert resolves. @default true */
  sendResolved?: boolean;
}

/** An email receiver. */
export interface EmailReceiverArgs {
  /** Recipient address(es). */
  to: string | string[];
  /** Sender address. */
  from: string;
  /** SMTP relay as "host:port", e.g. "smtp.example.com:587". */
  smarthost: string;
  /** SMTP user. @default none (no authentication) */
  username?: string;
  /** SMTP password: a Pulumi secret. @default none */
  password?: pulumi.Input<string>;
  /** Require STARTTLS. @default true */
  requireTls?: boolean;
  /** Also notify when an alert resolves. @default true */
  sendResolved?: boolean;
}

/** A chat receiver: Slack-compatible incoming webhook, or a Teams/Discord style plain webhook. */
export interface ChatReceiverArgs {
  /** "slack" speaks Slack's API (Slack, Mattermost, Rocket.Chat); "webhook" posts Alertmanager's JSON (Teams/Discord bridges). @default "slack" */
  kind?: "slack" | "webhook";
  /** The incoming-webhook URL (https for "slack"); kept in a Secret. */
  url: pulumi.Input<string>;
  /** Channel to post to (Slack only). @default the webhook's channel */
  channel?: string;
  /** Also notify when an alert resolves. @default true */
  sendResolved?: boolean;
}

/** A named Alertmanager receiver with one or more channels. */
export interface ReceiverArgs {
  /** Receiver name, referenced by routes: letters, digits, '-' and '_'. */
  name: string;
  /** @default none */
  webhook?: WebhookReceiverArgs;
  /** @default none */
  email?: EmailReceiverArgs;
  /** @default none */
  chat?: ChatReceiverArgs;
}

/** Platform-wide Alertmanager routing. */
export interface AlertingArgs {
  /** Receivers (at least one). */
  receivers: ReceiverArgs[];
  /** Receiver of every alert no severity route claims. @default the first receiver */
  defaultReceiver?: string;
  /** A receiver per severity, e.g. `{ critical: "pager" }`. @default none */
  severityReceivers?: Partial<Record<Severity, string>>;
  /** Labels that group alerts into one notification. @default ["alertname", "namespace"] */
  groupBy?: string[];
  /** Wait before the first notification of a group. @default "30s" */
  groupWait?: string;
  /** Wait before notifying about new alerts in a group. @default "5m" */
  groupInterval?: string;
  /** Wait before repeating a notification. @default "4h" */
  repeatInterval?: string;
}

/** A tenant's own alert routing: alerts from its namespace also go to its receiver. */
export interface TenantAlertingArgs {
  /** The tenant's namespace (an AlertmanagerConfig there only ever sees that namespace's alerts). */
  namespace: string;
  /** The tenant's receiver. */
  receiver: ReceiverArgs;
}

/** A Grafana dashboard: JSON text or an object, optionally in a folder. */
export type DashboardArgs = string | Record<string, unknown> | { json: string | Record<string, unknown>; folder?: string };

/** Grafana exposure through the platform gateway. */
export interface GrafanaArgs {
  /** Public host, e.g. "grafana.example.com". @default not exposed */
  host?: pulumi.Input<string>;
  /** The Gateway the HTTPRoute attaches to (its HTTPS listener). Required with host. */
  gateway?: GatewayHandle;
  /** Admin user name. @default "admin" */
  adminUser?: string;
}

/** Requests and limits per component (a preset name or explicit sizes). */
export interface MonitoringResources {
  /** @default requests 500m/2Gi, limits 2/2Gi */
  prometheus?: ResourcesSpec;
  /** @default "micro" */
  alertmanager?: ResourcesSpec;
  /** @default "small" */
  grafana?: ResourcesSpec;
  /** @default "micro" */
  operator?: ResourcesSpec;
  /** @default "small" */
  kubeStateMetrics?: ResourcesSpec;
  /** @default "nano" */
  nodeExporter?: ResourcesSpec;
}

export interface MonitoringStackArgs {
  /** The cluster to monitor. */
  cluster: ClusterHandle;
  /** StorageClass of Prometheus' and Alertmanager's volumes (ReadWriteOnce). */
  storageClass: StorageClassHandle;
  /** Prometheus volume size. @default "50Gi" */
  storageSize?: string;
  /** How long Prometheus keeps samples (at least 2h). @default "15d" */
  retention?: string;
  /** Size cap on the TSDB, in Prometheus units ("45GB"); must fit the volume. @default 85% of storageSize */
  retentionSize?: string;
  /** 2 Prometheus and 3 Alertmanager replicas spread over nodes; false runs one of each. @default true */
  highAvailability?: boolean;
  /** Run node-exporter (host metrics; it runs alone in the privileged `agentNamespace`). @default true */
  nodeExporter?: boolean;
  /** Namespace of the stack; restricted, since Grafana, Prometheus and Alertmanager never need the host. @default "monitoring" */
  namespace?: string;
  /** node-exporter's own privileged namespace (the host-agent exemption in CHECKS). @default "<namespace>-agents" */
  agentNamespace?: string;
  /** Requests and limits. @default see MonitoringResources */
  resources?: MonitoringResources;
  /** Platform alert rules. @default all on, default thresholds */
  platformRules?: PlatformRulesArgs;
  /** Extra alerts, validated before deploy. @default [] */
  alerts?: AlertArgs[];
  /** Alertmanager receivers and routing. @default no receivers (alerts are only visible in the UI) */
  alerting?: AlertingArgs;
  /** Per-tenant routing, one AlertmanagerConfig per namespace. @default [] */
  tenants?: TenantAlertingArgs[];
  /** Dashboards by name (DNS label) as JSON. @default {} */
  dashboards?: Record<string, DashboardArgs>;
  /** Grafana exposure and admin user. @default not exposed */
  grafana?: GrafanaArgs;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream, image registry from cluster.imageMirror */
  chart?: ChartOverrides;
  /** OpenCost (cost per namespace and workload from this Prometheus) in the stack's namespace; false leaves it out. @default true */
  opencost?: boolean | OpenCostArgs;
}
