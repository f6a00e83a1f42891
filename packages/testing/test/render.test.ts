import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import { SlipwayInputError, fail } from "@slipway/core";
import { render, MOCK_ACCOUNT_ID } from "@slipway/testing";
import { FAKE_TOKEN, sampleProgram } from "./fixtures/sample-program";

describe("render", () => {
  it("records every resource with type, parent, inputs and dependencies", async () => {
    const rendered = await render(sampleProgram);
    const types = rendered.resources.map((r) => r.type).sort();
    expect(types).toEqual([
      "aws:iam/role:Role",
      "kubernetes:apps/v1:Deployment",
      "kubernetes:core/v1:Namespace",
      "kubernetes:core/v1:Secret",
      "kubernetes:core/v1:Service",
      "kubernetes:helm.sh/v4:Chart",
      "random:index/randomPassword:RandomPassword",
    ]);
    const [ns] = rendered.byType("kubernetes:core/v1:Namespace");
    const [secret] = rendered.byType("kubernetes:core/v1:Secret");
    const [deployment] = rendered.byType("kubernetes:apps/v1:Deployment");
    expect(deployment.parent).toBeUndefined();
    expect(deployment.custom).toBe(true);
    // The Deployment reads the namespace's and the secret's outputs, so it depends on both.
    expect(deployment.dependencies.sort()).toEqual([ns.urn, secret.urn].sort());
    expect(deployment.propertyDependencies.metadata).toEqual([ns.urn]);
    expect(rendered.byUrn(ns.urn)).toBe(ns);
    expect(rendered.byType("kubernetes:helm.sh/v4:Chart")[0].custom).toBe(false);
  });

  it("unwraps secrets in inputs and records where they were", async () => {
    const rendered = await render(sampleProgram);
    const [secret] = rendered.byType("kubernetes:core/v1:Secret");
    expect(secret.inputs.stringData).toEqual({ token: FAKE_TOKEN });
    expect(secret.secretPaths).toEqual(["stringData"]);
  });

  it("records components as parents of their children", async () => {
    class Web extends pulumi.ComponentResource {
      constructor(name: string) {
        super("slipway:test:Web", name);
        new k8s.core.v1.ConfigMap(`${name}-settings`, { metadata: { name: `${name}-settings` }, data: { mode: "fast" } }, { parent: this });
        this.registerOutputs({});
      }
    }
    const rendered = await render(() => new Web("web"));
    const [component] = rendered.byType("slipway:test:Web");
    const [configMap] = rendered.byType("kubernetes:core/v1:ConfigMap");
    expect(component.custom).toBe(false);
    expect(configMap.parent).toBe(component.urn);
  });

  it("finds objects and explains what exists when one is missing", async () => {
    const rendered = await render(sampleProgram);
    expect(rendered.find("Deployment", "web", "shop").spec).toMatchObject({ replicas: 2 });
    expect(rendered.find("apps/v1/Deployment", "web").metadata.namespace).toBe("shop");
    expect(rendered.filter("Service")).toHaveLength(1);
    expect(() => rendered.find("Deployment", "api")).toThrow('No Deployment "api"; rendered Deployment objects: shop/web');
    expect(() => rendered.find("Deployment", "web", "other")).toThrow('in namespace "other"');
    expect(() => rendered.find("StatefulSet", "db")).toThrow(/no StatefulSet was rendered; rendered kinds: .*apps\/v1\/Deployment/);
  });

  it("gives manifests with apiVersion and kind, without providers or charts", async () => {
    const rendered = await render(sampleProgram);
    expect(rendered.manifests().map((m) => `${m.apiVersion}/${m.kind}/${String(m.metadata.name)}`)).toEqual([
      "v1/Namespace/shop",
      "apps/v1/Deployment/web",
      "v1/Secret/web-token",
      "v1/Service/web",
    ]);
  });

  it("lists charts with chart, version, repo and values", async () => {
    const rendered = await render(sampleProgram);
    expect(rendered.charts()).toEqual([
      {
        type: "kubernetes:helm.sh/v4:Chart",
        name: "metrics",
        urn: expect.stringContaining("kubernetes:helm.sh/v4:Chart::metrics"),
        release: "metrics",
        skipCrds: false,
        chart: "metrics-server",
        version: "3.12.2",
        repo: "https://charts.example/metrics-server",
        namespace: "kube-system",
        values: { replicas: 2 },
        secretPaths: [],
      },
    ]);
  });

  it("gives cloud resources realistic ARNs and deterministic random values", async () => {
    const first = await render(sampleProgram);
    const second = await render(sampleProgram);
    expect(first.cloud().map((r) => r.type).sort()).toEqual(["aws:iam/role:Role", "random:index/randomPassword:RandomPassword"]);
    expect(first.outputs.roleArn).toMatch(new RegExp(`^arn:aws:iam::${MOCK_ACCOUNT_ID}:role/web-[0-9a-f]{7}$`));
    expect(first.outputs.roleArn).toBe(second.outputs.roleArn);
    const passwordProgram = () => ({ result: new random.RandomPassword("db", { length: 24 }).result });
    const a = (await render(passwordProgram)).outputs.result as string;
    const b = (await render(passwordProgram)).outputs.result as string;
    expect(a).toHaveLength(24);
    expect(a).toBe(b);
  });

  it("returns the stack outputs", async () => {
    const rendered = await render(sampleProgram);
    expect(rendered.outputs).toMatchObject({ namespace: "shop", deployment: "web", service: "web", passwordLength: 24 });
  });

  it("serves config to pulumi.Config, with project-prefixed keys and secrets", async () => {
    const rendered = await render(
      () => {
        const config = new pulumi.Config();
        const slipway = new pulumi.Config("slipway");
        return {
          project: pulumi.getProject(),
          stack: pulumi.getStack(),
          greeting: config.require("greeting"),
          replicas: slipway.requireNumber("replicas"),
          sizes: slipway.requireObject<string[]>("sizes"),
          token: config.requireSecret("token"),
          apiKey: config.requireSecret("apiKey"),
        };
      },
      {
        project: "shop",
        stack: "dev",
        config: { greeting: "hello", "slipway:replicas": 3, "slipway:sizes": ["s", "m"], token: pulumi.secret("fake-config-token-1"), apiKey: "fake-api-key-2" },
        secretConfigKeys: ["apiKey"],
      },
    );
    expect(rendered.outputs).toEqual({ project: "shop", stack: "dev", greeting: "hello", replicas: 3, sizes: ["s", "m"], token: "fake-config-token-1", apiKey: "fake-api-key-2" });
    expect(rendered.secretOutputs).toEqual(["token", "apiKey"]);
    expect(rendered.maskedOutputs()).toEqual({ project: "shop", stack: "dev", greeting: "hello", replicas: 3, sizes: ["s", "m"], token: "[secret]", apiKey: "[secret]" });
  });

  it("serves StackReference outputs from the fixture", async () => {
    const rendered = await render(
      () => {
        const platform = new pulumi.StackReference("acme/platform/dev");
        const namespace = platform.requireOutput("tenantNamespace") as pulumi.Output<string>;
        new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings", namespace }, data: { zone: "apps" } });
        return { namespace };
      },
      { stackReferences: { "acme/platform/dev": { tenantNamespace: "shop" } } },
    );
    expect(rendered.outputs.namespace).toBe("shop");
    expect(rendered.find("ConfigMap", "settings").metadata.namespace).toBe("shop");
  });

  it("serves StackReference outputs from a function of the name, secret ones as secrets", async () => {
    const asked: string[] = [];
    const rendered = await render(
      () => {
        const platform = new pulumi.StackReference("acme/platform/local");
        return { domain: platform.requireOutput("domain"), kubeconfig: platform.requireOutput("kubeconfig") };
      },
      { stackReferences: (name) => (asked.push(name), { outputs: { domain: "apps.example.com", kubeconfig: "[secret]" }, secretOutputNames: ["kubeconfig"] }) },
    );
    expect(asked).toEqual(["acme/platform/local"]);
    expect(rendered.outputs).toEqual({ domain: "apps.example.com", kubeconfig: "[secret]" });
    expect(rendered.secretOutputs).toEqual(["kubeconfig"]);
  });

  it("keeps two renders independent", async () => {
    const first = await render(
      () => {
        new k8s.core.v1.Namespace("first", { metadata: { name: "first" } });
        return { mode: new pulumi.Config().get("mode") };
      },
      { config: { mode: "one" } },
    );
    const second = await render(() => {
      new k8s.core.v1.Namespace("second", { metadata: { name: "second" } });
      return { mode: new pulumi.Config().get("mode") ?? "unset" };
    });
    expect(first.filter("Namespace").map((m) => m.metadata.name)).toEqual(["first"]);
    expect(second.filter("Namespace").map((m) => m.metadata.name)).toEqual(["second"]);
    expect(first.outputs.mode).toBe("one");
    expect(second.outputs.mode).toBe("unset");
  });

  it("runs renders started together one after another", async () => {
    const namespace = (name: string) => () => {
      new k8s.core.v1.Namespace(name, { metadata: { name } });
    };
    const [a, b] = await Promise.all([render(namespace("a")), render(namespace("b"))]);
    expect(a.manifests().map((m) => m.metadata.name)).toEqual(["a"]);
    expect(b.manifests().map((m) => m.metadata.name)).toEqual(["b"]);
  });

  it("waits for resources registered inside apply callbacks", async () => {
    const rendered = await render(() => {
      const ns = new k8s.core.v1.Namespace("late", { metadata: { name: "late" } });
      ns.metadata.name.apply((name) => new k8s.core.v1.ConfigMap("late", { metadata: { name: "late", namespace: name } }));
    });
    expect(rendered.find("ConfigMap", "late", "late").metadata.name).toBe("late");
  });

  it("lowers Error.stackTraceLimit while rendering and restores it", async () => {
    const before = Error.stackTraceLimit;
    let during: number | undefined;
    await render(() => {
      during = Error.stackTraceLimit;
    });
    expect(during).toBe(0);
    expect(Error.stackTraceLimit).toBe(before);
  });

  describe("bad programs", () => {
    const site = { component: "Web", name: "web" };

    it("rejects with the program's own error at construction", async () => {
      const error = render(() => fail(site, "port", 0, "must be between 1 and 65535"));
      await expect(error).rejects.toThrow(SlipwayInputError);
      await expect(error).rejects.toThrow('Web "web": port (0) must be between 1 and 65535');
    });

    it("rejects with an error thrown inside apply at deploy time", async () => {
      const error = render(() => {
        const port = pulumi.output(0).apply((p) => (p > 0 ? p : fail(site, "port", p, "must be positive")));
        new k8s.core.v1.Service("web", { metadata: { name: "web" }, spec: { ports: [{ port }] } });
      });
      await expect(error).rejects.toThrow(SlipwayInputError);
      await expect(error).rejects.toThrow('Web "web": port (0) must be positive');
    });

    it("rejects naming the stack reference that has no outputs and both ways to give them", async () => {
      const error = render(() => ({ x: new pulumi.StackReference("acme/platform/prod").getOutput("x") }), { stackReferences: { "acme/platform/dev": {} } });
      await expect(error).rejects.toThrow('StackReference "acme/platform/prod" has no outputs: pass --platform <render-dir|outputs.json> to slipway');
      await expect(error).rejects.toThrow('render(..., { stackReferences: { "acme/platform/prod": {...} } })');
      await expect(error).rejects.toThrow("known: acme/platform/dev");
    });
  });
});

describe("duplicate URNs", () => {
  it("rejects two resources with one type, name and parent, as the engine does", async () => {
    const k8s = await import("@pulumi/kubernetes");
    const attempt = render(() => {
      new k8s.core.v1.ConfigMap("same", { metadata: { name: "a" } });
      new k8s.core.v1.ConfigMap("same", { metadata: { name: "b" } });
    });
    await expect(attempt).rejects.toThrow(/Duplicate resource URN .*ConfigMap::same/);
  });

  it("rejects two components with one name once, naming the URN, type and name, with nothing left unhandled", async () => {
    const k8s = await import("@pulumi/kubernetes");
    class Web extends pulumi.ComponentResource {
      constructor(name: string) {
        super("test:index:Web", name, {});
        new k8s.core.v1.ConfigMap(name, { metadata: { name } }, { parent: this });
        this.registerOutputs({});
      }
    }
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const attempt = render(() => [new Web("cart"), new Web("cart")]);
      await expect(attempt).rejects.toThrow(
        /^Duplicate resource URN 'urn:pulumi:test::project::pulumi:pulumi:Stack\$test:index:Web::cart': two test:index:Web resources are both named "cart" in the stack; give each a unique name$/,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });
});

describe("a component output that fails", () => {
  it("rejects the render with the error instead of escaping as an unhandled rejection", async () => {
    const { SlipwayInputError } = await import("@slipway/core");
    class Broken extends pulumi.ComponentResource {
      constructor(name: string) {
        super("test:index:Broken", name, {});
        const bad = pulumi.output("x").apply(() => {
          throw new SlipwayInputError({ component: "Broken", name }, "kubeconfig", "[secret]", "does not parse");
        });
        this.registerOutputs({ bad });
      }
    }
    await expect(render(() => new Broken("b"))).rejects.toThrow(/Broken "b": kubeconfig/);
  });
});
