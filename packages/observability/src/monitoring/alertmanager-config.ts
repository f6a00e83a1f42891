import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite, Manifest } from "@slipway/core";
import { checkPrometheusDuration } from "../shared/durations";
import { AlertingArgs, Severity } from "./args";
import { CheckedReceiver, checkReceiver } from "./receivers";

/** The key the operator reads the configuration from, in the Secret named by `configSecret`. */
export const ALERTMANAGER_CONFIG_KEY = "alertmanager.yaml";
/** The receiver that drops alerts: the always-firing Watchdog and the InfoInhibitor helper end here. */
const NULL_RECEIVER = "null";
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Alertmanager's own receiver format (snake_case), with secret URLs still as Inputs. */
function receiverConfig(receiver: CheckedReceiver): Record<string, unknown> {
  const config: Record<string, unknown> = { name: receiver.name };
  const webhooks: Record<string, unknown>[] = [];
  if (receiver.webhook) webhooks.push({ url: receiver.webhook.url, send_resolved: receiver.webhook.sendResolved });
  if (receiver.chat?.kind === "webhook") webhooks.push({ url: receiver.chat.url, send_resolved: receiver.chat.sendResolved });
  if (webhooks.length) config.webhook_configs = webhooks;
  if (receiver.email) {
    const e = receiver.email;
    config.email_configs = [
      {
        to: e.to,
        from: e.from,
        smarthost: e.smarthost,
        ...(e.username ? { auth_username: e.username } : {}),
        ...(e.password ? { auth_password: e.password } : {}),
        require_tls: e.requireTls,
        send_resolved: e.sendResolved,
      },
    ];
  }
  if (receiver.chat?.kind === "slack") {
    config.slack_configs = [{ api_url: receiver.chat.url, ...(receiver.chat.channel ? { channel: receiver.chat.channel } : {}), send_resolved: receiver.chat.sendResolved }];
  }
  return config;
}

/** Validated platform routing: receivers, the default, and routes per severity. */
export interface CheckedAlerting {
  receivers: CheckedReceiver[];
  defaultReceiver?: string;
  severityReceivers: Partial<Record<Severity, string>>;
  groupBy: string[];
  timings: { groupWait: string; groupInterval: string; repeatInterval: string };
}

function checkReceiverRef(site: InputSite, path: string, value: unknown, names: string[]): string {
  if (typeof value !== "string" || !names.includes(value)) return fail(site, path, value, "names no receiver", `use one of ${names.join(", ") || "(none defined)"}`);
  return value;
}

/** Validates the routing arguments (or their absence: alerts then only show in Alertmanager's UI). */
export function checkAlerting(site: InputSite, alerting: AlertingArgs | undefined): CheckedAlerting {
  const timings = { groupWait: alerting?.groupWait ?? "30s", groupInterval: alerting?.groupInterval ?? "5m", repeatInterval: alerting?.repeatInterval ?? "4h" };
  if (alerting === undefined) return { receivers: [], severityReceivers: {}, groupBy: ["alertname", "namespace"], timings };
  if (typeof alerting !== "object" || alerting === null) return fail(site, "alerting", alerting, "must be an object", "e.g. { receivers: [...] }");
  if (!Array.isArray(alerting.receivers) || alerting.receivers.length === 0) fail(site, "alerting.receivers", alerting.receivers, "must list at least one receiver");
  const receivers = alerting.receivers.map((r, i) => checkReceiver(site, `alerting.receivers[${i}]`, r));
  const names = receivers.map((r) => r.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) fail(site, `alerting.receivers[${i}].name`, name, "is used by another receiver", "give each receiver its own name");
  });
  const defaultReceiver = checkReceiverRef(site, "alerting.defaultReceiver", alerting.defaultReceiver ?? names[0], names);
  const severityReceivers: Partial<Record<Severity, string>> = {};
  for (const [severity, receiver] of Object.entries(alerting.severityReceivers ?? {})) {
    if (!["critical", "warning", "info"].includes(severity)) fail(site, `alerting.severityReceivers.${severity}`, severity, "is not a severity", "use critical, warning or info");
    severityReceivers[severity as Severity] = checkReceiverRef(site, `alerting.severityReceivers.${severity}`, receiver, names);
  }
  const groupBy = alerting.groupBy ?? ["alertname", "namespace"];
  if (!Array.isArray(groupBy) || groupBy.length === 0) fail(site, "alerting.groupBy", groupBy, "must list at least one label");
  groupBy.forEach((label, i) => {
    if (typeof label !== "string" || !LABEL_NAME.test(label)) fail(site, `alerting.groupBy[${i}]`, label, "is not a Prometheus label name", 'e.g. "alertname"');
  });
  for (const [field, value] of Object.entries(timings)) checkPrometheusDuration(site, `alerting.${field}`, value, { maxSeconds: 7 * 86400 });
  return { receivers, defaultReceiver, severityReceivers, groupBy, timings };
}

/**
 * The whole Alertmanager configuration, as YAML inside a Secret of our own (the chart's
 * `alertmanagerSpec.configSecret` points at it). Why a Secret and not `alertmanager.config` in the
 * chart values: receivers carry credentials (webhook tokens, SMTP passwords, chat webhook URLs), and
 * chart values are plain inputs of the Chart resource, visible in state and in every render. A
 * Secret keeps them Pulumi secrets end to end. AlertmanagerConfig CRs alone cannot hold the root
 * route (the operator pins each one to its own namespace), so tenants use those and the platform this.
 */
export function planAlertmanagerSecret(meta: { name: string; namespace: string; labels: Record<string, string> }, alerting: CheckedAlerting): Manifest {
  const { timings } = alerting;
  const routes: Record<string, unknown>[] = [{ receiver: NULL_RECEIVER, matchers: ['alertname=~"Watchdog|InfoInhibitor"'] }];
  for (const severity of ["critical", "warning", "info"] as const) {
    const receiver = alerting.severityReceivers[severity];
    if (receiver) routes.push({ receiver, matchers: [`severity="${severity}"`] });
  }
  const config = {
    global: { resolve_timeout: "5m" },
    route: {
      receiver: alerting.defaultReceiver ?? NULL_RECEIVER,
      group_by: alerting.groupBy,
      group_wait: timings.groupWait,
      group_interval: timings.groupInterval,
      repeat_interval: timings.repeatInterval,
      routes,
    },
    // A critical alert silences the warnings and infos it explains (same alert, same namespace).
    inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|info"'], equal: ["namespace", "alertname"] }],
    receivers: [{ name: NULL_RECEIVER }, ...alerting.receivers.map(receiverConfig)],
  };
  // JSON is YAML: Alertmanager reads it as is, and no YAML library is needed to write it.
  const yaml = pulumi.output(config).apply((resolved) => JSON.stringify(resolved, null, 2));
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: meta,
    type: "Opaque",
    stringData: { [ALERTMANAGER_CONFIG_KEY]: pulumi.secret(yaml) },
  };
}
