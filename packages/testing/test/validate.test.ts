import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { render } from "@slipway/testing";

/** The upstream CRDs live beside the repo, never inside it. */
const CRDS = path.resolve(__dirname, "../../../../shared/crds");
const crdDirs = [path.join(CRDS, "prometheus-operator")];

const labels = { app: "web" };
const podSpec = { containers: [{ name: "web", image: "registry.example/web:1.0.0" }] };

function serviceMonitor(name: string, spec: Record<string, unknown>) {
  return () => {
    new k8s.apiextensions.CustomResource(name, { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name, namespace: "shop" }, spec });
  };
}

describe("validate", () => {
  it("accepts valid core objects", async () => {
    const rendered = await render(() => {
      new k8s.apps.v1.Deployment("web", { metadata: { name: "web" }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } } });
    });
    expect(rendered.validate()).toEqual([]);
    expect(() => rendered.assertValid()).not.toThrow();
  });

  it("reports a core object with a wrong type, naming object, path and value", async () => {
    const rendered = await render(() => {
      new k8s.apps.v1.Deployment("web", {
        metadata: { name: "web", namespace: "shop" },
        spec: { replicas: "two" as unknown as number, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
      });
    });
    expect(rendered.validate()).toEqual([{ object: "apps/v1/Deployment shop/web", path: "spec.replicas", message: 'must be integer (got "two")' }]);
    expect(() => rendered.assertValid()).toThrow('1 schema problem(s):\n  apps/v1/Deployment shop/web: spec.replicas must be integer (got "two")');
  });

  it("reports unknown fields in core objects, which the API server would drop or refuse", async () => {
    const rendered = await render(() => {
      new k8s.apps.v1.Deployment("web", {
        metadata: { name: "web", namespace: "shop" },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: "web", image: "registry.example/web:1.0.0", securityContext: { readOnlyRootFileSystem: true } as k8s.types.input.core.v1.SecurityContext }] },
          },
        },
      });
    });
    expect(rendered.validate()).toEqual([
      { object: "apps/v1/Deployment shop/web", path: "spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem", message: 'unknown field "readOnlyRootFileSystem"' },
    ]);
  });

  it("reports a built-in group kind that Kubernetes does not have", async () => {
    const rendered = await render(() => {
      new k8s.apiextensions.CustomResource("typo", { apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "typo" } });
    });
    expect(rendered.validate()).toEqual([{ object: "apps/v1/Deploymnet typo", path: "apiVersion", message: "apps/v1 Deploymnet is not a kind this Kubernetes version serves" }]);
  });

  it("accepts a valid custom resource, with int-or-string fields either way", async () => {
    const rendered = await render(
      serviceMonitor("web", { selector: { matchLabels: labels }, endpoints: [{ port: "http", interval: "30s" }, { targetPort: 9090 }, { targetPort: "metrics" }] }),
    );
    expect(rendered.validate({ crdDirs })).toEqual([]);
  });

  it("reports unknown fields in a custom resource as the API server would", async () => {
    const rendered = await render(serviceMonitor("web", { selector: { matchLabels: labels }, endpoints: [{ port: "http", intervall: "30s" }] }));
    expect(rendered.validate({ crdDirs })).toEqual([{ object: "monitoring.coreos.com/v1/ServiceMonitor shop/web", path: "spec.endpoints[0].intervall", message: 'unknown field "intervall"' }]);
  });

  it("reports wrong types and missing required fields in a custom resource", async () => {
    const rendered = await render(serviceMonitor("web", { endpoints: [{ port: 8080, interval: "often" }] }));
    const problems = rendered.validate({ crdDirs });
    expect(problems).toEqual(
      expect.arrayContaining([
        { object: "monitoring.coreos.com/v1/ServiceMonitor shop/web", path: "spec.selector", message: 'required field "selector" is missing' },
        { object: "monitoring.coreos.com/v1/ServiceMonitor shop/web", path: "spec.endpoints[0].port", message: "must be string (got 8080)" },
        expect.objectContaining({ path: "spec.endpoints[0].interval", message: expect.stringContaining('must match pattern') }),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it("reports a custom resource whose CRD it cannot find", async () => {
    const rendered = await render(serviceMonitor("web", { selector: {}, endpoints: [] }));
    expect(rendered.validate()).toEqual([
      { object: "monitoring.coreos.com/v1/ServiceMonitor shop/web", path: "apiVersion", message: "no CRD found for ServiceMonitor (monitoring.coreos.com/v1); point validate({ crdDirs }) at the operator's CRDs" },
    ]);
  });

  it("validates against CRDs the program renders itself", async () => {
    const rendered = await render(() => {
      new k8s.apiextensions.v1.CustomResourceDefinition("widgets", {
        metadata: { name: "widgets.example.com" },
        spec: {
          group: "example.com",
          names: { kind: "Widget", plural: "widgets" },
          scope: "Namespaced",
          versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer" } } } } } } }],
        },
      });
      new k8s.apiextensions.CustomResource("good", { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "good" }, spec: { size: 3 } });
      new k8s.apiextensions.CustomResource("bad", { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "bad" }, spec: { size: 3, colour: "red" } });
    });
    expect(rendered.validate()).toEqual([{ object: "example.com/v1/Widget bad", path: "spec.colour", message: 'unknown field "colour"' }]);
  });
});

describe("Go regex patterns in CRDs", () => {
  it("spells out the inline case-insensitive flag JavaScript lacks", async () => {
    const { jsPattern } = await import("../src/validate/structural");
    const re = new RegExp(jsPattern("^(?i)(abort|warn)?$"));
    expect(["abort", "WARN", "Abort", ""].every((v) => re.test(v))).toBe(true);
    expect(re.test("ignore")).toBe(false);
    expect(jsPattern("^[a-z]+\\.x$")).toBe("^[a-z]+\\.x$");
  });
});
