import * as pulumi from "@pulumi/pulumi";
import { isIP } from "net";
import { checkEmail, checkInput, checkOneOf, fail, InputSite, isDns1123Subdomain, requireSecret } from "@slipway/core";
import { ReceiverArgs } from "./args";

/** A receiver after validation: every URL checked (now, or when its Output resolves). */
export interface CheckedReceiver {
  name: string;
  webhook?: { url: pulumi.Input<string>; sendResolved: boolean };
  email?: { to: string; from: string; smarthost: string; username?: string; password?: pulumi.Output<string>; requireTls: boolean; sendResolved: boolean };
  chat?: { kind: "slack" | "webhook"; url: pulumi.Input<string>; channel?: string; sendResolved: boolean };
}

const RECEIVER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** Validates a URL now, or when an Output resolves; the URL may hold a token, so errors never show it. */
function checkSecretUrl(site: InputSite, path: string, value: pulumi.Input<string>, schemes: string[]): pulumi.Input<string> {
  if (value === undefined || value === null) return fail(site, path, value, "is required", "pass the receiver's URL");
  return checkInput(value, (url) => {
    let parsed: URL | undefined;
    try {
      parsed = typeof url === "string" ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    const shown = typeof url === "string" ? (parsed ? `${parsed.protocol}//${parsed.host}/...` : "[unparsable]") : url;
    if (!parsed || !schemes.includes(parsed.protocol) || !parsed.hostname) {
      fail(site, path, shown, `is not a URL with scheme ${schemes.map((s) => s.replace(":", "")).join(" or ")}`, 'e.g. "https://hooks.example.com/services/T000/B000/XXXX"');
    }
  });
}

function checkFlag(site: InputSite, path: string, value: unknown, fallback: boolean): boolean {
  const flag = value ?? fallback;
  if (typeof flag !== "boolean") return fail(site, path, value, "must be true or false");
  return flag;
}

/** Fails unless `value` is "host:port" with a hostname or IP host. */
export function checkSmarthost(site: InputSite, path: string, value: unknown): string {
  const match = typeof value === "string" ? /^(.+):([0-9]+)$/.exec(value) : null;
  if (!match) return fail(site, path, value, "is not host:port", 'e.g. "smtp.example.com:587"');
  const [, host, port] = match;
  // In-cluster relays ("postfix.mail:25") have no public domain, so a single label is fine too.
  if (isIP(host.replace(/^\[(.*)\]$/, "$1")) === 0 && !isDns1123Subdomain(host)) fail(site, path, value, "does not start with a hostname or IP", 'e.g. "smtp.example.com:587"');
  const portNumber = Number(port);
  if (portNumber < 1 || portNumber > 65535) fail(site, path, value, "has a port outside 1-65535", 'e.g. "smtp.example.com:587"');
  return value as string;
}

function checkEmailReceiver(site: InputSite, path: string, email: NonNullable<ReceiverArgs["email"]>): CheckedReceiver["email"] {
  const recipients = Array.isArray(email.to) ? email.to : [email.to];
  if (recipients.length === 0) fail(site, `${path}.to`, email.to, "must name at least one address");
  recipients.forEach((to, i) => checkEmail(site, Array.isArray(email.to) ? `${path}.to[${i}]` : `${path}.to`, to));
  checkEmail(site, `${path}.from`, email.from);
  checkSmarthost(site, `${path}.smarthost`, email.smarthost);
  if (email.password !== undefined && (typeof email.username !== "string" || email.username === "")) {
    fail(site, `${path}.username`, email.username, "is required with a password", "set the SMTP user");
  }
  return {
    to: recipients.join(", "),
    from: email.from,
    smarthost: email.smarthost,
    ...(email.username ? { username: email.username } : {}),
    ...(email.password !== undefined ? { password: requireSecret(site, `${path}.password`, email.password) } : {}),
    requireTls: checkFlag(site, `${path}.requireTls`, email.requireTls, true),
    sendResolved: checkFlag(site, `${path}.sendResolved`, email.sendResolved, true),
  };
}

/** Validates one receiver: a good name and at least one channel, each well formed. */
export function checkReceiver(site: InputSite, path: string, receiver: ReceiverArgs): CheckedReceiver {
  if (!receiver || typeof receiver !== "object") return fail(site, path, receiver, "must be an object", "e.g. { name, webhook: { url } }");
  if (typeof receiver.name !== "string" || !RECEIVER_NAME.test(receiver.name)) {
    fail(site, `${path}.name`, receiver.name, "is not a receiver name", "use letters, digits, '-' and '_', starting with a letter or digit");
  }
  if (receiver.name === "null") fail(site, `${path}.name`, receiver.name, "is reserved for the receiver that drops alerts", "choose another name");
  if (!receiver.webhook && !receiver.email && !receiver.chat) fail(site, path, receiver.name, "has no channel", "set webhook, email or chat");
  const checked: CheckedReceiver = { name: receiver.name };
  if (receiver.webhook) {
    checked.webhook = {
      url: checkSecretUrl(site, `${path}.webhook.url`, receiver.webhook.url, ["https:", "http:"]),
      sendResolved: checkFlag(site, `${path}.webhook.sendResolved`, receiver.webhook.sendResolved, true),
    };
  }
  if (receiver.email) checked.email = checkEmailReceiver(site, `${path}.email`, receiver.email);
  if (receiver.chat) {
    const kind = checkOneOf(site, `${path}.chat.kind`, receiver.chat.kind ?? "slack", ["slack", "webhook"] as const);
    if (receiver.chat.channel !== undefined && (kind !== "slack" || typeof receiver.chat.channel !== "string" || receiver.chat.channel === "")) {
      fail(site, `${path}.chat.channel`, receiver.chat.channel, kind === "slack" ? "must be a non-empty string" : "only applies to Slack-compatible chat", 'e.g. "#alerts"');
    }
    checked.chat = {
      kind,
      url: checkSecretUrl(site, `${path}.chat.url`, receiver.chat.url, kind === "slack" ? ["https:"] : ["https:", "http:"]),
      ...(receiver.chat.channel ? { channel: receiver.chat.channel } : {}),
      sendResolved: checkFlag(site, `${path}.chat.sendResolved`, receiver.chat.sendResolved, true),
    };
  }
  return checked;
}
