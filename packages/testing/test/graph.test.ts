import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { render } from "@slipway/testing";

class Bundle extends pulumi.ComponentResource {
  readonly map: k8s.core.v1.ConfigMap;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Bundle", name, {}, opts);
    const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name } }, { parent: this });
    this.map = new k8s.core.v1.ConfigMap(`${name}-cm`, { metadata: { name, namespace: ns.metadata.name } }, { parent: this });
    this.registerOutputs({});
  }
}

describe("the dependency graph", () => {
  it("expands a dependency on a component to everything under it, and finds the critical path", async () => {
    const r = await render(() => {
      const base = new Bundle("base");
      const app = new k8s.core.v1.ConfigMap("app", { metadata: { name: "app", namespace: "default" } }, { dependsOn: [base] });
      new k8s.core.v1.ConfigMap("free", { metadata: { name: "free", namespace: "default" } });
      return { app: app.id };
    });
    const graph = r.graph();
    const urn = (name: string) => r.resources.find((x) => x.name === name)!.urn;
    expect(graph.dependsOn(urn("app"), urn("base-cm"))).toBe(true);
    expect(graph.dependsOn(urn("app"), urn("base-ns"))).toBe(true);
    expect(graph.dependsOn(urn("base-cm"), urn("base-ns"))).toBe(true);
    expect(graph.dependsOn(urn("free"), urn("base-ns"))).toBe(false);
    expect(graph.dependsOn(urn("base-ns"), urn("app"))).toBe(false);
    expect(graph.cycles()).toEqual([]);
    const { depth, path } = graph.criticalPath();
    expect(depth).toBe(3);
    expect(path.map((u) => u.split("::").pop())).toEqual(["app", "base-cm", "base-ns"]);
    const dot = graph.toDot("t");
    expect(dot).toContain('label="Bundle base"');
    expect(dot).toContain(`label="Namespace\\nbase-ns"`);
    expect(dot.match(/ -> /g)).toHaveLength(graph.edges.length);
  });
});
