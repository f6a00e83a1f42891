import { Logging, LoggingArgs } from "@slipway/observability";
import { inputErrorMismatches, render, renderError } from "@slipway/testing";
import { cluster } from "./support";

const backend = (extra: Partial<LoggingArgs["backend"]> = {}): LoggingArgs["backend"] => ({ kind: "opensearch", host: "opensearch.search.svc.cluster.local", port: 9200, tls: false, ...extra });
const logging = (b: LoggingArgs["backend"]) => () => new Logging("logs", { cluster: cluster(), backend: b });

describe("Logging records its sink for the link checks (L8)", () => {
  it("names an in-cluster sink nothing renders: L8 fails until it is created or declared external", async () => {
    const r = await render(logging(backend()));
    expect(r.find("Namespace", "logging").metadata.annotations).toEqual({ "slipway.dev/sink": "opensearch.search.svc.cluster.local:9200" });
    expect(r.check({ only: ["L8"] }).map((v) => v.field)).toEqual(['metadata.annotations["slipway.dev/sink"]']);
  });

  it("passes L8 when the stack renders the sink's Service", async () => {
    const r = await render(async () => {
      logging(backend())();
      const k8s = await import("@pulumi/kubernetes");
      new k8s.core.v1.Service("opensearch", { metadata: { name: "opensearch", namespace: "search" }, spec: { ports: [{ name: "http", port: 9200 }] } });
    });
    expect(r.check({ only: ["L8"] })).toEqual([]);
  });

  it("passes L8 when the config declares the sink external", async () => {
    const r = await render(logging(backend({ host: "logs.example.com", port: 443, tls: undefined, external: true })));
    expect(r.find("Namespace", "logging").metadata.annotations).toMatchObject({ "slipway.dev/sink-external": "true" });
    expect(r.check({ only: ["L8"] })).toEqual([]);
  });

  it("refuses an external flag that is not a boolean", async () => {
    const error = await renderError(logging(backend({ external: "yes" as never })));
    expect(inputErrorMismatches(error, { component: "Logging", name: "logs", field: "backend.external", shown: '"yes"' })).toEqual([]);
  });
});
