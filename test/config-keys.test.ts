import { readFileSync } from "fs";
import { generateKeys, KEYS_FILE, keysModule } from "../tools/config-keys/generate";
import { CONFIG_KEYS } from "../stacks/platform/config-keys";
import { closestKey, unknownKeys } from "../stacks/platform/key-node";

describe("the valid config keys of each platform section", () => {
  it("are exactly what the components' args types say (regenerate with npx ts-node tools/config-keys/generate.ts)", () => {
    expect(readFileSync(KEYS_FILE, "utf8")).toBe(keysModule(generateKeys()));
  }, 180_000);

  it("cover every section with the args' own fields", () => {
    expect(Object.keys(CONFIG_KEYS).sort()).toEqual(["autoscaling", "backups", "certificates", "cluster", "dns", "gateway", "logging", "monitoring", "network", "nodePools", "registry", "storage", "tenants"]);
    expect(Object.keys(CONFIG_KEYS.network.keys!)).toEqual(expect.arrayContaining(["podCidr", "ipPools", "networkSets"]));
    expect(Object.keys(CONFIG_KEYS.tenants.each!.keys!)).toEqual(expect.arrayContaining(["quota", "groups"]));
  });

  it("find unknown keys in objects, maps and arrays, and suggest close ones only", () => {
    const node = { keys: { pools: { items: { keys: { cidr: {} } } }, tenants: { each: { keys: { quota: {} } } }, free: {} } };
    const value = { pools: [{ cidr: "a" }, { cidrs: "b" }], tenants: { shop: { qouta: 1 } }, free: { anything: 1 } };
    expect(unknownKeys(value, node, "x").map((u) => u.path)).toEqual(["x.pools[1].cidrs", "x.tenants.shop.qouta"]);
    expect(closestKey("qouta", ["quota", "groups"])).toBe("quota");
    expect(closestKey("colour", ["quota", "groups"])).toBeUndefined();
  });
});
