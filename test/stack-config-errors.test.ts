import { SlipwayInputError } from "@slipway/core";
import { renderStack } from "./stacks.support";

type Config = Record<string, unknown>;
const edit = (key: string, change: (value: Record<string, unknown>) => void) => (config: Config) => change(config[`platform:${key}`] as Record<string, unknown>);

/** [case, stack, change to its config, config key named in the error, shown value]. */
const cases: [string, string, (c: Config) => void, string, string][] = [
  ["missing cluster", "local", (c) => delete c["platform:cluster"], "platform:cluster", "undefined"],
  ["missing tenants", "dev", (c) => delete c["platform:tenants"], "platform:tenants", "undefined"],
  ["unknown setting (a typo)", "local", (c) => (c["platform:tenant"] = { shop: {} }), "platform:tenant", '"tenant"'],
  ["a section that is not an object", "local", (c) => (c["platform:gateway"] = "edge"), "platform:gateway", '"edge"'],
  ["unknown cluster kind", "local", edit("cluster", (v) => (v.kind = "gke")), "platform:cluster.kind", '"gke"'],
  ["bad pod CIDR", "local", edit("cluster", (v) => (v.podCidr = "10.233.64.0/33")), "platform:cluster.podCidr", '"10.233.64.0/33"'],
  ["pod CIDR overlapping services", "local", edit("cluster", (v) => (v.podCidr = "10.233.0.0/17")), "platform:cluster.serviceCidr", "overlaps podCidr (10.233.0.0/17)"],
  ["IP pool outside the pod network", "local", edit("network", (v) => ((v.ipPools as Config[])[0].cidr = "192.168.0.0/16")), "platform:network.ipPools[0].cidr", '"192.168.0.0/16"'],
  ["block size out of range", "local", edit("network", (v) => ((v.ipPools as Config[])[0].blockSize = 40)), "platform:network.ipPools[0].blockSize", "40"],
  ["even Ceph mon count", "local", edit("storage", (v) => (v.mons = 2)), "platform:storage.mons", "2"],
  ["nip.io without an IP", "local", edit("dns", (v) => (v.ingressIp = "gateway.local")), "platform:dns.ingressIp", '"gateway.local"'],
  ["ACME issuer without an email", "dev", edit("certificates", (v) => ((v.issuer as Config).email = "platform-at-example")), "platform:certificates.issuer.email", '"platform-at-example"'],
  ["unknown ACME solver", "dev", edit("certificates", (v) => ((v.issuer as Config).solver = "tls-alpn")), "platform:certificates.issuer.solver", '"tls-alpn"'],
  ["one availability zone", "prod", edit("cluster", (v) => ((v.network as Config).zoneCount = 1)), "platform:cluster.network.zoneCount", "1"],
  ["node pool bounds inverted", "dev", edit("nodePools", (v) => ((v.system as Config).scaling = { min: 4, max: 2 })), "platform:nodePools.system.scaling.max", "2"],
  ["a floor on a pool Karpenter scales", "prod", edit("nodePools", (v) => ((v.apps as Config).scaling = { min: 3, max: 12 })), "platform:nodePools.apps.scaling.min", "3"],
  ["an autoscaler Slipway does not know", "staging", edit("nodePools", (v) => ((v.apps as Config).autoscaler = "cluster-autoscaler")), "platform:nodePools.apps.autoscaler", '"cluster-autoscaler"'],
  ["node autoscaling on the existing cluster", "local", edit("nodePools", (v) => ((v.apps as Config).autoscaler = "karpenter")), "platform:nodePools.apps.autoscaler", '"karpenter"'],
  ["Karpenter settings on the existing cluster", "local", (c) => (c["platform:autoscaling"] = {}), "platform:autoscaling", "{}"],
  ["Karpenter without replicas", "dev", (c) => (c["platform:autoscaling"] = { replicas: 0 }), "platform:autoscaling.replicas", "0"],
  ["bad retention", "prod", edit("monitoring", (v) => (v.retention = "a month")), "platform:monitoring.retention", '"a month"'],
  ["tenant quota not a quantity", "local", edit("tenants", (v) => ((v.shop as Config).quota = { cpu: "lots" })), "platform:tenants.shop.quota.cpu", '"lots"'],
  ["team mapped to a group no tenant binds", "dev", edit("cluster", (v) => ((v.access as { teams: Config[] }).teams[1].groups = ["billing-devs"])), "platform:cluster.access.teams[1].groups[0]", '"billing-devs"'],
  ["team with the removed cloud-side namespaces", "prod", edit("cluster", (v) => ((v.access as { teams: Config[] }).teams[0].namespaces = ["shop"])), "platform:cluster.access.teams[0].namespaces", '["shop"]'],
  ["no cluster admin and no creator admin", "staging", edit("cluster", (v) => ((v.access as Config).admins = [])), "platform:cluster.access.admins", "[]"],
  ["ECR repository name", "staging", edit("registry", (v) => ((v.repositories as string[])[0] = "Shop/Web")), "platform:registry.repositories[0]", '"Shop/Web"'],
  ["backup retention without a unit", "prod", edit("backups", (v) => (v.defaults = { retention: "30" })), "platform:backups.defaults.retention", '"30"'],
  ["tenant backup cron with six fields", "local", edit("tenants", (v) => ((v.shop as Config).backup = { schedule: "0 0 */6 * * *" })), "platform:tenants.shop.backup.schedule", '"0 0 */6 * * *"'],
  ["backups on Ceph without an object store", "local", edit("storage", (v) => delete v.objectStore), "platform:backups.store.ceph", "undefined"],
  ["a KMS key for Ceph's bucket", "local", edit("backups", (v) => (v.store = { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/x" })), "platform:backups.store.kmsKeyArn", "arn:aws:kms"],
];

describe("wrong stack config gives one clear error naming the key", () => {
  it.each(cases)("%s", async (_case, stack, change, key, shown) => {
    const error = await renderStack(stack, change).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlipwayInputError);
    const message = (error as Error).message;
    expect(message).toContain(`Stack config "${stack}": ${key} (`);
    expect(message).toContain(shown);
    expect((error as SlipwayInputError).path).toBe(key);
  });

  it("tries at least 10 cases", () => expect(cases.length).toBeGreaterThanOrEqual(10));
});

/** [the key path named, stack, change (a typo in a section), the valid key suggested]. */
const typos: [string, string, (c: Config) => void, string | undefined][] = [
  ["platform:network.podCird", "local", edit("network", (v) => (v.podCird = "10.233.64.0/18")), "platform:network.podCidr"],
  ["platform:monitoring.retension", "prod", edit("monitoring", (v) => (v.retension = "30d")), "platform:monitoring.retention"],
  ["platform:tenants.shop.qouta", "local", edit("tenants", (v) => ((v.shop as Config).qouta = { cpu: "2" })), "platform:tenants.shop.quota"],
  ["platform:network.ipPools[0].blokSize", "local", edit("network", (v) => ((v.ipPools as Config[])[0].blokSize = 26)), "platform:network.ipPools[0].blockSize"],
  ["platform:storage.blockPool.replica", "local", edit("storage", (v) => ((v.blockPool as Config).replica = 3)), "platform:storage.blockPool.replicas"],
  ["platform:nodePools.apps.lables", "local", edit("nodePools", (v) => ((v.apps as Config).lables = {})), "platform:nodePools.apps.labels"],
  ["platform:cluster.network.zoneCnt", "prod", edit("cluster", (v) => ((v.network as Config).zoneCnt = 3)), "platform:cluster.network.zoneCount"],
  ["platform:registry.storagesize", "local", edit("registry", (v) => (v.storagesize = "1Ti")), "platform:registry.storageSize"],
  ["platform:certificates.issuer.solvr", "dev", edit("certificates", (v) => ((v.issuer as Config).solvr = "dns01")), "platform:certificates.issuer.solver"],
  ["platform:monitoring.colour", "local", edit("monitoring", (v) => (v.colour = "blue")), undefined],
];

describe("a typo inside a config section is an error naming the key path and the closest valid key", () => {
  it.each(typos)("%s", async (key, stack, change, suggested) => {
    const error = await renderStack(stack, change).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlipwayInputError);
    expect((error as SlipwayInputError).path).toBe(key);
    const message = (error as Error).message;
    expect(message).toContain(`Stack config "${stack}": ${key} (`);
    expect(message).toContain("is not a setting");
    if (suggested) expect(message).toContain(`did you mean ${suggested}?`);
    else expect(message).not.toContain("did you mean");
    expect(message).toMatch(/valid keys of platform:[\w.[\]]+: \w+/);
  });
});
