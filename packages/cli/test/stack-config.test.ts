import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadProject, loadStackConfig, SECURE_PLACEHOLDER } from "@slipway/cli";

describe("loadStackConfig", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "slipway-project-"));
    mkdirSync(join(dir, "stacks"));
    writeFileSync(join(dir, "Pulumi.yaml"), "name: shop\nruntime:\n  name: nodejs\nstackConfigDir: stacks\nconfig:\n  tier: { type: string, default: small }\n  region: eu-west-1\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("qualifies keys with the project name and layers the stack over the project defaults", () => {
    writeFileSync(join(dir, "stacks", "Pulumi.prod.yaml"), "config:\n  tier: large\n  shop:replicas: 3\n  aws:region: us-west-2\n  shop:sizes:\n    - s\n    - m\n");
    const config = loadStackConfig(loadProject(dir), "acme/shop/prod");
    expect(config.config).toEqual({ "shop:tier": "large", "shop:region": "eu-west-1", "shop:replicas": 3, "aws:region": "us-west-2", "shop:sizes": ["s", "m"] });
    expect(config.secretKeys).toEqual([]);
    expect(config.warnings).toEqual([]);
  });

  it("replaces secure values with a secret placeholder and warns naming the key", () => {
    writeFileSync(join(dir, "stacks", "Pulumi.dev.yaml"), "config:\n  apiKey:\n    secure: AAABAFAKECIPHERTEXT\n  db:\n    user: app\n    password:\n      secure: AAABAOTHERFAKE\n");
    const config = loadStackConfig(loadProject(dir), "dev");
    expect(config.config["shop:apiKey"]).toBe(SECURE_PLACEHOLDER);
    expect(config.config["shop:db"]).toEqual({ user: "app", password: SECURE_PLACEHOLDER });
    expect(config.secretKeys).toEqual(["shop:apiKey", "shop:db"]);
    expect(config.warnings).toEqual([
      "shop:apiKey is a secure value that cannot be decrypted offline; rendering with a placeholder",
      "shop:db is a secure value that cannot be decrypted offline; rendering with a placeholder",
    ]);
  });

  it("warns when the stack has no config file", () => {
    const config = loadStackConfig(loadProject(dir), "staging");
    expect(config.config).toEqual({ "shop:tier": "small", "shop:region": "eu-west-1" });
    expect(config.warnings).toEqual([`${join(dir, "stacks", "Pulumi.staging.yaml")} not found; rendering with the project's config defaults only`]);
  });

  it("rejects projects that are not nodejs", () => {
    writeFileSync(join(dir, "Pulumi.yaml"), "name: shop\nruntime: python\n");
    expect(() => loadProject(dir)).toThrow('runtime is "python"; slipway renders nodejs programs only');
  });
});
