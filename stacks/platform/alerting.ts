import * as pulumi from "@pulumi/pulumi";
import { fail } from "@slipway/core";
import type { AlertingArgs } from "@slipway/observability";
import { configSite, NAMESPACE } from "./config";

/** Stacks that serve production: they must send alerts somewhere. */
export const PRODUCTION_STACKS = ["prod", "production"];
/** The receiver `platform:alertWebhookUrl` becomes. */
export const WEBHOOK_RECEIVER = "platform-webhook";

/**
 * The Alertmanager routing of the stack: `platform:monitoring.alerting`, plus a webhook receiver
 * from the secret `platform:alertWebhookUrl` (the URL may carry a token, so it only ever reaches the
 * Alertmanager config Secret). A production stack without any receiver is refused.
 */
export function stackAlerting(configured: AlertingArgs | undefined, webhookUrl: pulumi.Output<string> | undefined): AlertingArgs | undefined {
  const webhook = webhookUrl ? [{ name: WEBHOOK_RECEIVER, webhook: { url: webhookUrl } }] : [];
  const receivers = [...(configured?.receivers ?? []), ...webhook];
  if (receivers.length === 0) {
    if (PRODUCTION_STACKS.includes(pulumi.getStack())) {
      fail(configSite(), `${NAMESPACE}:alertWebhookUrl`, undefined, "is missing and platform:monitoring.alerting names no receiver, so alerts of a production stack would go nowhere", `run pulumi config set --secret ${NAMESPACE}:alertWebhookUrl <url>, or add receivers under ${NAMESPACE}:monitoring.alerting`);
    }
    return configured;
  }
  return { ...configured, receivers };
}
