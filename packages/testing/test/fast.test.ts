import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { activeRenderSink, fail, installChart, Manifest, registerManifests } from "@slipway/core";
import { render, renderDifferences } from "@slipway/testing";
import { checkPulumiVersion, internals, withoutSourcePositions } from "../src/pulumi-internals";

/** A component that plans objects the way Slipway's components do: a Secret fed by a random password, a Deployment reading a role's ARN, a chart after the namespace. */
class Shop extends pulumi.ComponentResource {
  readonly namespace: pulumi.CustomResource;
  readonly deployment: pulumi.CustomResource;
  constructor(name: string, args: { team: pulumi.Input<string> }, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Shop", name, {}, opts);
    const password = new random.RandomPassword(`${name}-db`, { length: 16, special: false }, { parent: this, additionalSecretOutputs: ["result"] });
    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: "{}" }, { parent: this });
    const namespace: Manifest = { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { team: args.team } } };
    [this.namespace] = registerManifests(name, [namespace], { parent: this }).values();
    const objects: Manifest[] = [
      { apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: name }, stringData: { password: password.result } },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: name }, data: { role: role.arn, empty: undefined } } as Manifest,
      { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: name }, spec: { ports: [{ port: 80 }] }, status: { loadBalancer: {} } } as Manifest,
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: name }, spec: { replicas: 2, template: { spec: { containers: [{ name: "web", image: "web:1", env: [{ name: "ROLE", value: role.arn }] }] } } } },
      { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: name }, spec: { size: 3 }, status: { ready: true } },
    ];
    const registered = registerManifests(name, objects, { parent: this, dependsOn: [this.namespace] });
    this.deployment = registered.get("apps/v1/Deployment/web")!;
    const chart = installChart(`${name}-metrics`, { chart: "metrics", version: "1.0.0", repository: "https://charts.example" }, { namespace: name, values: { role: role.arn, password: password.result } }, { parent: this, dependsOn: [this.namespace] });
    registerManifests(`${name}-after`, [{ manifest: { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "after", namespace: name } }, options: { dependsOn: [chart] } }], { parent: this });
    this.registerOutputs({});
  }
}

function program() {
  const team = new pulumi.StackReference("acme/platform/dev").getOutput("team") as pulumi.Output<string>;
  const shop = new Shop("shop", { team });
  // Real resources that wait for planned ones: on the component, and on one object directly.
  new aws.s3.Bucket("after-shop", {}, { dependsOn: [shop] });
  new aws.s3.Bucket("after-deployment", { tags: { ns: shop.namespace.urn } }, { dependsOn: [shop.deployment] });
  const metadata = (shop.deployment as unknown as { metadata: pulumi.Output<{ name: string }> }).metadata;
  return { deployment: metadata.apply((m) => m.name), namespaceUrn: shop.namespace.urn };
}

const options = { stackReferences: { "acme/platform/dev": { team: "checkout" } } };

describe("fast render", () => {
  it("records planned objects without the runtime, exactly as the engine path registers them", async () => {
    const [fast, engine] = [await render(program, { ...options, fast: true }), await render(program, { ...options, fast: false })];
    expect(renderDifferences(fast, engine)).toEqual([]);
    // Typed classes drop status; custom resources keep it; undefined keys are gone.
    expect(fast.find("Service", "web").status).toBeUndefined();
    expect(fast.find("Widget", "w").status).toEqual({ ready: true });
    expect(fast.find("ConfigMap", "settings").data).toEqual({ role: expect.stringContaining("arn:aws:iam::") });
  });

  it("keeps secrets secret: the Secret's data and the chart's secret values are redacted", async () => {
    const fast = await render(program, { ...options, fast: true });
    const secret = fast.byType("kubernetes:core/v1:Secret")[0];
    expect(secret.secretPaths).toEqual(["stringData"]);
    expect(fast.toYaml()).not.toContain(String((secret.inputs.stringData as Record<string, string>).password));
    expect(fast.charts()[0].secretPaths).toEqual(["values.password"]);
  });

  it("reports dependencies on planned objects, through dependsOn, components and outputs", async () => {
    const fast = await render(program, { ...options, fast: true });
    const urnOf = (type: string, name: string) => fast.resources.find((r) => r.type === type && r.name === name)!.urn;
    const namespace = urnOf("kubernetes:core/v1:Namespace", "shop");
    const deployment = urnOf("kubernetes:apps/v1:Deployment", "shop/web");
    const chart = urnOf("kubernetes:helm.sh/v4:Chart", "shop-metrics");
    expect(deployment).toBe("urn:pulumi:test::project::test:index:Shop$kubernetes:apps/v1:Deployment::shop/web");
    expect(fast.byUrn(deployment)!.dependencies).toContain(namespace);
    expect(fast.byUrn(urnOf("kubernetes:example.com/v1:Widget", "shop-after/after"))!.dependencies).toEqual([chart]);
    const afterShop = fast.byUrn(urnOf("aws:s3/bucket:Bucket", "after-shop"))!;
    expect(afterShop.dependencies).toEqual(expect.arrayContaining([namespace, deployment, chart]));
    const afterDeployment = fast.byUrn(urnOf("aws:s3/bucket:Bucket", "after-deployment"))!;
    expect(afterDeployment.dependencies.sort()).toEqual([deployment, namespace].sort());
    expect(fast.outputs).toEqual({ deployment: "web", namespaceUrn: namespace });
  });

  it("is off outside a render and on only for fast renders", async () => {
    const seen: boolean[] = [];
    await render(() => seen.push(activeRenderSink() !== undefined), { fast: true });
    await render(() => seen.push(activeRenderSink() !== undefined), { fast: false });
    expect(seen).toEqual([true, false]);
    expect(activeRenderSink()).toBeUndefined();
  });

  it("rejects with the error of an input that fails at deploy time, as the engine path does", async () => {
    const failing = () => {
      const replicas = pulumi.output(0).apply((n) => (n > 0 ? n : fail({ component: "Web", name: "web" }, "replicas", n, "must be positive")));
      registerManifests("web", [{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas } }], {});
    };
    await expect(render(failing, { fast: true })).rejects.toThrow('Web "web": replicas (0) must be positive');
    await expect(render(failing, { fast: false })).rejects.toThrow('Web "web": replicas (0) must be positive');
  });

  it("leaves objects that transformations would see to the runtime, so the transformations run", async () => {
    const seen: string[] = [];
    const rendered = await render(() => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type.startsWith("kubernetes:")) seen.push(args.name);
        return undefined;
      });
      registerManifests("web", [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" }, data: { a: "1" } }], {});
    });
    expect(seen).toEqual(["web"]);
    expect(rendered.find("ConfigMap", "web").data).toEqual({ a: "1" });
  });

  it("rejects two planned objects with one URN, as the engine does", async () => {
    const twice = () => registerManifests("same", [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "same" } }, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "same" } }], {});
    await expect(render(twice, { fast: true })).rejects.toThrow(/Duplicate resource URN .*ConfigMap::same/);
  });

  it("tells two different renders apart", async () => {
    const a = await render(program, options);
    const b = await render(program, { stackReferences: { "acme/platform/dev": { team: "payments" } } });
    expect(renderDifferences(a, b)).toEqual(expect.arrayContaining([expect.stringMatching(/Namespace::shop: inputs differ/), "manifests differ"]));
  });
});

describe("the @pulumi/pulumi internals seam", () => {
  it("accepts the installed version and refuses others, naming the file to check", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(() => checkPulumiVersion(require("@pulumi/pulumi/package.json").version)).not.toThrow();
    expect(() => checkPulumiVersion("4.0.0")).toThrow(/supports @pulumi\/pulumi 3\.100\+.*4\.0\.0 is installed.*pulumi-internals\.ts/);
    expect(() => checkPulumiVersion("3.50.1")).toThrow(/3\.50\.1 is installed/);
  });

  it("finds every internal it uses in the installed version", () => {
    const { rpc, dependsOn, output } = internals();
    expect([rpc.serializeResourceProperties, rpc.serializeProperties, dependsOn.gatherExplicitDependencies, dependsOn.getAllTransitivelyReferencedResourceURNs, output.getAllResources].map((f) => typeof f)).toEqual(Array(5).fill("function"));
  });

  it("turns the runtime's per-resource source positions off during a render only, unless debugging", async () => {
    const callsites = () => (pulumi.Resource as unknown as { callsites(): unknown[] }).callsites().length;
    expect(callsites()).toBeGreaterThan(0);
    const restore = withoutSourcePositions();
    expect(callsites()).toBe(0);
    restore();
    expect(callsites()).toBeGreaterThan(0);
    const during: number[] = [];
    await render(() => during.push(callsites()));
    process.env.SLIPWAY_DEBUG = "1";
    try {
      await render(() => during.push(callsites()));
    } finally {
      delete process.env.SLIPWAY_DEBUG;
    }
    expect(during[0]).toBe(0);
    expect(during[1]).toBeGreaterThan(0);
  });
});
