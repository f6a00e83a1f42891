import * as pulumi from "@pulumi/pulumi";
import { checkDnsLabel, fail, InputSite, Manifest } from "@slipway/core";
import { CheckedAlerting } from "./alertmanager-config";
import { TenantAlertingArgs } from "./args";
import { CheckedReceiver, checkReceiver } from "./receivers";

/** Secret keys of a tenant's receiver credentials. */
const KEYS = { webhook: "webhook-url", chat: "chat-url", email: "smtp-password" } as const;

/** A tenant's routing: a Secret with its receiver's credentials and an AlertmanagerConfig referencing them. */
export interface TenantAlertingPlan {
  secret: Manifest;
  config: Manifest;
}

/** The AlertmanagerConfig receiver, in the CRD's camelCase with secrets as Secret references. */
function receiverSpec(receiver: CheckedReceiver, secretName: string): Record<string, unknown> {
  const ref = (key: string) => ({ name: secretName, key });
  const spec: Record<string, unknown> = { name: receiver.name };
  const webhooks: Record<string, unknown>[] = [];
  if (receiver.webhook) webhooks.push({ urlSecret: ref(KEYS.webhook), sendResolved: receiver.webhook.sendResolved });
  if (receiver.chat?.kind === "webhook") webhooks.push({ urlSecret: ref(KEYS.chat), sendResolved: receiver.chat.sendResolved });
  if (webhooks.length) spec.webhookConfigs = webhooks;
  if (receiver.email) {
    const e = receiver.email;
    spec.emailConfigs = [
      {
        to: e.to,
        from: e.from,
        smarthost: e.smarthost,
        ...(e.username ? { authUsername: e.username } : {}),
        ...(e.password ? { authPassword: ref(KEYS.email) } : {}),
        requireTLS: e.requireTls,
        sendResolved: e.sendResolved,
      },
    ];
  }
  if (receiver.chat?.kind === "slack") {
    spec.slackConfigs = [{ apiURL: ref(KEYS.chat), ...(receiver.chat.channel ? { channel: receiver.chat.channel } : {}), sendResolved: receiver.chat.sendResolved }];
  }
  return spec;
}

function secretData(receiver: CheckedReceiver): Record<string, pulumi.Input<string>> {
  const data: Record<string, pulumi.Input<string>> = {};
  if (receiver.webhook) data[KEYS.webhook] = receiver.webhook.url;
  if (receiver.chat) data[KEYS.chat] = receiver.chat.url;
  if (receiver.email?.password) data[KEYS.email] = receiver.email.password;
  return data;
}

/**
 * Per-tenant routing. The Alertmanager selects AlertmanagerConfigs with the `OnNamespace` matcher
 * strategy, so the operator pins each tenant's route to alerts of its own namespace: a tenant can
 * never receive another's alerts, and platform receivers still get them (the tenant route continues).
 */
export function planTenantAlerting(
  site: InputSite,
  stackName: string,
  tenants: TenantAlertingArgs[] | undefined,
  alerting: CheckedAlerting,
  labels: Record<string, string>,
): TenantAlertingPlan[] {
  if (tenants === undefined) return [];
  if (!Array.isArray(tenants)) return fail(site, "tenants", tenants, "must be a list", "e.g. [{ namespace: \"shop\", receiver: { name, webhook } }]");
  const seen = new Set<string>();
  return tenants.map((tenant, i) => {
    const path = `tenants[${i}]`;
    if (!tenant || typeof tenant !== "object") return fail(site, path, tenant, "must be an object", "e.g. { namespace, receiver }");
    const namespace = checkDnsLabel(site, `${path}.namespace`, tenant.namespace);
    if (seen.has(namespace)) fail(site, `${path}.namespace`, namespace, "is routed twice", "give each tenant namespace one entry");
    seen.add(namespace);
    const receiver = checkReceiver(site, `${path}.receiver`, tenant.receiver);
    const name = `${stackName}-alerts`;
    const secretName = `${stackName}-alert-receiver`;
    const { groupWait, groupInterval, repeatInterval } = alerting.timings;
    return {
      secret: { apiVersion: "v1", kind: "Secret", metadata: { name: secretName, namespace, labels }, type: "Opaque", stringData: pulumi.secret(secretData(receiver)) },
      config: {
        apiVersion: "monitoring.coreos.com/v1alpha1",
        kind: "AlertmanagerConfig",
        metadata: { name, namespace, labels },
        spec: {
          route: { receiver: receiver.name, groupBy: alerting.groupBy, groupWait, groupInterval, repeatInterval },
          receivers: [receiverSpec(receiver, secretName)],
        },
      },
    };
  });
}
