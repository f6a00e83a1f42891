/** What `slipway init` writes: a team stack on the platform, its test, and how to use them. */
export interface TeamStackSettings {
  /** Project name and the name of its service (a DNS label). */
  name: string;
  /** The platform tenant the service runs in. */
  tenant: string;
  /** The platform stack the team's stack references, `<org>/<project>/<stack>`. */
  platformStack: string;
  /** The platform's render directory, relative to the team's project. */
  platformRender: string;
  /** package.json dependencies and devDependencies. */
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function pulumiYaml(s: TeamStackSettings): string {
  return `name: ${s.name}
description: ${s.name}, an app team's stack on the Slipway platform
runtime:
  name: nodejs
  options:
    typescript: true
main: index.ts
`;
}

function stackYaml(s: TeamStackSettings): string {
  return `# The dev stack: which platform stack to run on, in which tenant, and the version to deploy.
config:
  ${s.name}:platformStack: ${s.platformStack}
  ${s.name}:tenant: ${s.tenant}
  ${s.name}:version: 0.1.0
`;
}

function program(s: TeamStackSettings): string {
  return `import * as pulumi from "@pulumi/pulumi";
import { AppService, PlatformStack } from "@slipway/apps";

const config = new pulumi.Config();

// An async program: PlatformStack.load reads the platform's stack outputs first, so the tenant
// handle carries its real namespace, pull secrets and defaults profile.
export = async () => {
  const platform = await PlatformStack.load("platform", { stack: config.require("platformStack") });
  const tenant = platform.tenant(config.require("tenant"));

  const api = new AppService("${s.name}", {
    tenant,
    image: platform.registry.image(\`\${tenant.tenantName}/${s.name}\`, config.require("version")),
    port: 8080,
    expose: { host: platform.hostFor("${s.name}", tenant), gateway: platform.gateway },
  });

  return { url: api.externalUrl };
};
`;
}

function packageJson(s: TeamStackSettings): string {
  const platformOption = '--platform "$npm_package_config_platform"';
  return json({
    name: s.name,
    version: "0.1.0",
    private: true,
    description: `${s.name}, an app team's stack on the Slipway platform`,
    main: "index.ts",
    config: { platform: s.platformRender },
    scripts: {
      render: `slipway render . --stack dev ${platformOption}`,
      check: `slipway check . --stack dev ${platformOption}`,
      test: "jest",
    },
    dependencies: s.dependencies,
    devDependencies: s.devDependencies,
  });
}

const TSCONFIG = json({
  compilerOptions: {
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node",
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node", "jest"],
  },
  include: ["index.ts", "test"],
});

const JEST_CONFIG = `/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
  testTimeout: 120000,
};
`;

function test(s: TeamStackSettings): string {
  return `import { resolve } from "path";
import { loadStack, LoadedStack } from "@slipway/cli";

/** The platform render this stack is judged against: \`config.platform\` in package.json. */
const root = resolve(__dirname, "..");
const { config } = require("../package.json") as { config: { platform: string } };

describe("the ${s.name} stack, rendered against the platform", () => {
  let stack: LoadedStack;
  beforeAll(async () => {
    stack = await loadStack(root, { stack: "dev", platform: resolve(root, config.platform) });
  });

  it("runs ${s.name} in the ${s.tenant} tenant from the platform's registry", () => {
    const deployment = stack.rendered.find("Deployment", "${s.name}", "${s.tenant}");
    const [container] = (deployment.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers;
    expect(container.image).toBe(\`\${stack.platform!.outputs.outputs.registry}/${s.tenant}/${s.name}:0.1.0\`);
  });

  it("renders objects the Kubernetes schemas accept (custom resources: the CRDs in the platform's render)", () => {
    const problems = stack.rendered.validate({ crdDirs: [stack.platform!.dir!] });
    // A custom resource whose operator's CRD the platform render lacks is not judged here (as in \`slipway check\`).
    expect(problems.filter((p) => !p.message.startsWith("no CRD found"))).toEqual([]);
  });

  it("passes every check, with the platform's objects as the rest of the cluster", () => {
    expect(stack.rendered.check({ cluster: [stack.platform!.view] })).toEqual([]);
  });
});
`;
}

function readme(s: TeamStackSettings): string {
  return `# ${s.name}

An app team's stack on the Slipway platform: \`${s.name}\` (an \`AppService\`) in the \`${s.tenant}\` tenant,
exposed through the platform's gateway, its image from the platform's registry.

\`\`\`sh
npm install
npm run render   # slipway render . --stack dev --platform <platform render>: manifests into rendered/dev
npm run check    # schemas and every check, with the platform's objects as the rest of the cluster
npm test         # the same render and checks, as jest tests (test/stack.test.ts)
\`\`\`

Everything runs offline against the platform's render (\`config.platform\` in package.json, written by
\`slipway render\` of the platform stack). \`Pulumi.dev.yaml\` names the platform stack
(\`${s.platformStack}\`), the tenant and the version; \`pulumi up -s dev\` deploys it for real.
`;
}

/** The files of a new team stack, by path relative to its directory. */
export function teamStackFiles(s: TeamStackSettings): Record<string, string> {
  return {
    "Pulumi.yaml": pulumiYaml(s),
    "Pulumi.dev.yaml": stackYaml(s),
    "index.ts": program(s),
    "package.json": packageJson(s),
    "tsconfig.json": TSCONFIG,
    "jest.config.js": JEST_CONFIG,
    "test/stack.test.ts": test(s),
    "README.md": readme(s),
    ".gitignore": "node_modules/\nrendered/\n",
  };
}
