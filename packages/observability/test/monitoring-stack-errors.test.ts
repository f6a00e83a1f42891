import * as pulumi from "@pulumi/pulumi";
import { SlipwayInputError } from "@slipway/core";
import { AlertArgs, MonitoringStack, MonitoringStackArgs, ReceiverArgs } from "@slipway/observability";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { BLOCK, cluster, GATEWAY } from "./support";

type Args = Omit<MonitoringStackArgs, "cluster">;
const ok: Args = { storageClass: BLOCK };
const alert: AlertArgs = { name: "CartDown", expr: 'up{job="cart"} == 0', for: "5m", severity: "critical", summary: "Cart is down" };
const withAlert = (override: Partial<AlertArgs> | Record<string, unknown>): Partial<Args> => ({ alerts: [{ ...alert, ...override } as AlertArgs] });
const withReceiver = (receiver: Partial<ReceiverArgs> | Record<string, unknown>): Partial<Args> => ({ alerting: { receivers: [{ name: "team", ...receiver } as ReceiverArgs] } });
const target = { name: "felix", namespace: "calico-system", podSelector: { "k8s-app": "calico-node" }, container: "calico-node", port: 9091, createdBy: "tigera-operator" };
const source = (extra: Record<string, unknown> = {}, targetExtra: Record<string, unknown> = {}) => ({ component: "calico", targets: [{ ...target, ...targetExtra }], ruleGroups: [], dashboard: { title: "Calico", panels: [] }, ...extra });
const email = { to: "oncall@example.com", from: "alerts@example.com", smarthost: "smtp.example.com:587" };

/** Construction-time bad inputs: [case, name, args, field, value shown in the message]. */
const cases: [string, string, Args | Record<string, unknown>, string, string][] = [
  ["name longer than the chart's 26 characters", "platform-monitoring-stack-eu", {}, "name", '"platform-monitoring-stack-eu"'],
  ["uppercase name", "Monitoring", {}, "name", '"Monitoring"'],
  ["no storage class", "monitoring", { storageClass: undefined }, "storageClass", "undefined"],
  ["storage class without ReadWriteOnce", "monitoring", { storageClass: { storageClassName: "cephfs", accessModes: ["ReadWriteMany"] } }, "storageClass.accessModes", '["ReadWriteMany"]'],
  ["storage size without a suffix", "monitoring", { storageSize: "50" }, "storageSize", '"50"'],
  ["storage too small", "monitoring", { storageSize: "1Gi" }, "storageSize", '"1Gi"'],
  ["retention not a duration", "monitoring", { retention: "15 days" }, "retention", '"15 days"'],
  ["retention below two hours", "monitoring", { retention: "30m" }, "retention", '"30m"'],
  ["retention with units out of order", "monitoring", { retention: "12h1d" }, "retention", '"12h1d"'],
  ["retention size in Kubernetes units", "monitoring", { retentionSize: "45Gi" }, "retentionSize", '"45Gi"'],
  ["retention size larger than the volume", "monitoring", { storageSize: "50Gi", retentionSize: "60GB" }, "retentionSize", '"60GB"'],
  ["bad namespace", "monitoring", { namespace: "Monitoring_NS" }, "namespace", '"Monitoring_NS"'],
  ["node-exporter sharing the stack's namespace", "monitoring", { agentNamespace: "monitoring" }, "agentNamespace", '"monitoring"'],
  ["highAvailability not a boolean", "monitoring", { highAvailability: "yes" }, "highAvailability", '"yes"'],
  ["prometheus memory not a quantity", "monitoring", { resources: { prometheus: { requests: { memory: "lots" } } } }, "resources.prometheus.requests.memory", '"lots"'],
  ["unknown size preset", "monitoring", { resources: { grafana: "huge" } }, "resources.grafana", '"huge"'],
  ["restart threshold zero", "monitoring", { platformRules: { restartsPer15m: 0 } }, "platformRules.restartsPer15m", "0"],
  ["volume free percent above 50", "monitoring", { platformRules: { volumeFreePercent: 80 } }, "platformRules.volumeFreePercent", "80"],
  ["certificate expiry fractional", "monitoring", { platformRules: { certificateExpiryDays: 1.5 } }, "platformRules.certificateExpiryDays", "1.5"],
  ["alert name in snake_case", "monitoring", withAlert({ name: "cart_down" }), "alerts[0].name", '"cart_down"'],
  ["alert name clashing with a platform alert", "monitoring", withAlert({ name: "PodCrashLooping" }), "alerts[0].name", '"PodCrashLooping"'],
  ["empty PromQL", "monitoring", withAlert({ expr: "  " }), "alerts[0].expr", '"  "'],
  ["PromQL with an unclosed parenthesis", "monitoring", withAlert({ expr: "sum(rate(errors_total[5m])" }), "alerts[0].expr", "sum(rate(errors_total[5m])"],
  ["PromQL with an unclosed brace", "monitoring", withAlert({ expr: 'up{job="cart" == 0' }), "alerts[0].expr", "up{job="],
  ["PromQL with an unterminated string", "monitoring", withAlert({ expr: 'up{job="cart} == 0' }), "alerts[0].expr", "unterminated"],
  ["PromQL ending with an operator", "monitoring", withAlert({ expr: "rate(errors_total[5m]) >" }), "alerts[0].expr", "rate(errors_total[5m]) >"],
  ["PromQL ending with 'and'", "monitoring", withAlert({ expr: "up == 0 and" }), "alerts[0].expr", "up == 0 and"],
  ["PromQL starting with an operator", "monitoring", withAlert({ expr: "> 5" }), "alerts[0].expr", '"> 5"'],
  ["alert for not a duration", "monitoring", withAlert({ for: "5 minutes" }), "alerts[0].for", '"5 minutes"'],
  ["alert for of zero", "monitoring", withAlert({ for: "0s" }), "alerts[0].for", '"0s"'],
  ["unknown severity", "monitoring", withAlert({ severity: "page" }), "alerts[0].severity", '"page"'],
  ["severity in capitals", "monitoring", withAlert({ severity: "CRITICAL" }), "alerts[0].severity", '"CRITICAL"'],
  ["empty summary", "monitoring", withAlert({ summary: "" }), "alerts[0].summary", '""'],
  ["no receivers", "monitoring", { alerting: { receivers: [] } }, "alerting.receivers", "[]"],
  ["receiver without a channel", "monitoring", withReceiver({}), "alerting.receivers[0]", '"team"'],
  ["receiver named null", "monitoring", withReceiver({ name: "null", webhook: { url: "https://hooks.example.com/x" } }), "alerting.receivers[0].name", '"null"'],
  ["receiver name with spaces", "monitoring", withReceiver({ name: "on call", webhook: { url: "https://hooks.example.com/x" } }), "alerting.receivers[0].name", '"on call"'],
  ["webhook URL with an ftp scheme", "monitoring", withReceiver({ webhook: { url: "ftp://hooks.example.com/x" } }), "alerting.receivers[0].webhook.url", "ftp://hooks.example.com"],
  ["webhook URL that is not a URL", "monitoring", withReceiver({ webhook: { url: "hooks.example.com/x" } }), "alerting.receivers[0].webhook.url", "[unparsable]"],
  ["slack URL over plain http", "monitoring", withReceiver({ chat: { url: "http://chat.example.com/hook" } }), "alerting.receivers[0].chat.url", "http://chat.example.com"],
  ["channel on a plain webhook chat", "monitoring", withReceiver({ chat: { kind: "webhook", url: "https://teams.example.com/hook", channel: "#x" } }), "alerting.receivers[0].chat.channel", '"#x"'],
  ["email to an invalid address", "monitoring", withReceiver({ email: { ...email, to: "oncall" } }), "alerting.receivers[0].email.to", '"oncall"'],
  ["email from an invalid address", "monitoring", withReceiver({ email: { ...email, from: "alerts at example.com" } }), "alerting.receivers[0].email.from", '"alerts at example.com"'],
  ["smarthost without a port", "monitoring", withReceiver({ email: { ...email, smarthost: "smtp.example.com" } }), "alerting.receivers[0].email.smarthost", '"smtp.example.com"'],
  ["smarthost port out of range", "monitoring", withReceiver({ email: { ...email, smarthost: "smtp.example.com:99999" } }), "alerting.receivers[0].email.smarthost", '"smtp.example.com:99999"'],
  ["SMTP password in plain text", "monitoring", withReceiver({ email: { ...email, username: "alerts", password: "plain-smtp-pass-1" } }), "alerting.receivers[0].email.password", "[plain text]"],
  ["SMTP password without a user", "monitoring", withReceiver({ email: { ...email, password: pulumi.secret("fake-smtp-pass-2") } }), "alerting.receivers[0].email.username", "undefined"],
  ["duplicate receiver names", "monitoring", { alerting: { receivers: [{ name: "team", webhook: { url: "https://a.example.com" } }, { name: "team", webhook: { url: "https://b.example.com" } }] } }, "alerting.receivers[1].name", '"team"'],
  ["default receiver that does not exist", "monitoring", { alerting: { receivers: [{ name: "team", webhook: { url: "https://a.example.com" } }], defaultReceiver: "pager" } }, "alerting.defaultReceiver", '"pager"'],
  ["severity route to an unknown receiver", "monitoring", { alerting: { receivers: [{ name: "team", webhook: { url: "https://a.example.com" } }], severityReceivers: { critical: "pager" } } }, "alerting.severityReceivers.critical", '"pager"'],
  ["group wait not a duration", "monitoring", { alerting: { receivers: [{ name: "team", webhook: { url: "https://a.example.com" } }], groupWait: "soon" } }, "alerting.groupWait", '"soon"'],
  ["group by a bad label", "monitoring", { alerting: { receivers: [{ name: "team", webhook: { url: "https://a.example.com" } }], groupBy: ["alert-name"] } }, "alerting.groupBy[0]", '"alert-name"'],
  ["tenant namespace invalid", "monitoring", { tenants: [{ namespace: "Shop", receiver: { name: "t", webhook: { url: "https://a.example.com" } } }] }, "tenants[0].namespace", '"Shop"'],
  ["tenant routed twice", "monitoring", { tenants: [0, 1].map(() => ({ namespace: "shop", receiver: { name: "t", webhook: { url: "https://a.example.com" } } })) }, "tenants[1].namespace", '"shop"'],
  ["tenant receiver with a bad URL", "monitoring", { tenants: [{ namespace: "shop", receiver: { name: "t", webhook: { url: "mailto:x@example.com" } } }] }, "tenants[0].receiver.webhook.url", "mailto:"],
  ["dashboard that is not JSON", "monitoring", { dashboards: { cart: "{ title: cart" } }, "dashboards.cart", "{ title: cart"],
  ["dashboard without a title", "monitoring", { dashboards: { cart: { panels: [] } } }, "dashboards.cart.title", "undefined"],
  ["dashboard name not a DNS label", "monitoring", { dashboards: { Cart_Board: { title: "x" } } }, "dashboards.Cart_Board", '"Cart_Board"'],
  ["dashboard folder with a slash", "monitoring", { dashboards: { cart: { json: { title: "x" }, folder: "a/b" } } }, "dashboards.cart.folder", '"a/b"'],
  ["grafana host that is not a hostname", "monitoring", { grafana: { host: "grafana", gateway: GATEWAY } }, "grafana.host", '"grafana"'],
  ["grafana host without a gateway", "monitoring", { grafana: { host: "grafana.example.com" } }, "grafana.gateway", "undefined"],
  ["chart version not semver", "monitoring", { chart: { version: "latest" } }, "chart.version", '"latest"'],
  ["chart repository over FTP", "monitoring", { chart: { repository: "ftp://x" } }, "chart.repository", '"ftp://x"'],
  ["image registry with a scheme", "monitoring", { chart: { imageRegistry: "https://harbor.internal" } }, "chart.imageRegistry", '"https://harbor.internal"'],
  ["platform metrics that are not a list", "monitoring", { platformMetrics: source() }, "platformMetrics", "calico"],
  ["the same platform component twice", "monitoring", { platformMetrics: [source(), source()] }, "platformMetrics[1].component", '"calico"'],
  ["platform component named like a dashboard", "monitoring", { dashboards: { calico: { title: "Mine" } }, platformMetrics: [source()] }, "platformMetrics[0].component", '"calico"'],
  ["platform target on port zero", "monitoring", { platformMetrics: [source({}, { port: 0 })] }, "platformMetrics[0].targets[0].port", "0"],
  ["platform target selecting every pod", "monitoring", { platformMetrics: [source({}, { podSelector: {} })] }, "platformMetrics[0].targets[0].podSelector", "{}"],
  ["platform target without targets", "monitoring", { platformMetrics: [source({ targets: [] })] }, "platformMetrics[0].targets", "[]"],
];

describe("MonitoringStack rejects bad input with a clear error", () => {
  it.each(cases)("%s", async (_case, name, override, field, shown) => {
    const error = await renderError(() => new MonitoringStack(name, { cluster: cluster(), ...ok, ...override } as MonitoringStackArgs));
    expect(inputErrorMismatches(error, { component: "MonitoringStack", name, field, shown })).toEqual([]);
  });

  it("has at least 15 cases", () => expect(cases.length).toBeGreaterThanOrEqual(15));
});

describe("MonitoringStack checks deploy-time values with the same error", () => {
  it("refuses a webhook URL Output that resolves to a bad URL, without showing its token", async () => {
    const error = await renderError(() => new MonitoringStack("monitoring", { cluster: cluster(), ...withReceiver({ webhook: { url: pulumi.secret("ftp://hooks.example.com/fake-token-77aa") } }), storageClass: BLOCK }));
    expect(error).toBeInstanceOf(SlipwayInputError);
    expect((error as Error).message).toMatch(/MonitoringStack "monitoring": alerting.receivers\[0\].webhook.url \("ftp:\/\/hooks.example.com\/..."\) is not a URL/);
    expect((error as Error).message).not.toContain("fake-token-77aa");
  });

  it("refuses an SMTP password Output that is not a Pulumi secret", async () => {
    const attempt = render(() =>
      new MonitoringStack("monitoring", { cluster: cluster(), storageClass: BLOCK, ...withReceiver({ email: { ...email, username: "alerts", password: pulumi.output("not-secret-pass-3") } }) }),
    );
    await expect(attempt).rejects.toThrow(/MonitoringStack "monitoring": alerting.receivers\[0\].email.password .* is not a Pulumi secret/);
  });
});
