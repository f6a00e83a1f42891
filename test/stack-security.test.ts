import { POD_SECURITY_VERSION } from "@slipway/core";
import { Rendered } from "@slipway/testing";
import { renderStack, STACKS } from "./stacks.support";

/** Defects an outside audit found in the rendered stacks (issue 16), asserted on the fields that carried them. */
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const renders = new Map<string, Promise<Rendered>>();
const stack = (name: string) => {
  if (!renders.has(name)) renders.set(name, renderStack(name));
  return renders.get(name)!;
};

describe.each(STACKS)("every namespace of the %s stack", (name) => {
  it("enforces, warns and audits Pod Security at the one pinned version; only host agents' namespaces are privileged", async () => {
    const r = await stack(name);
    const namespaces = r.filter("Namespace");
    expect(namespaces.length).toBeGreaterThan(5);
    const privileged: string[] = [];
    for (const ns of namespaces) {
      const labels = ns.metadata.labels as Record<string, string>;
      const level = labels["pod-security.kubernetes.io/enforce"];
      for (const mode of ["enforce", "warn", "audit"]) {
        expect({ ns: ns.metadata.name, mode, level: labels[`pod-security.kubernetes.io/${mode}`], version: labels[`pod-security.kubernetes.io/${mode}-version`] }).toEqual({
          ns: ns.metadata.name,
          mode,
          level,
          version: POD_SECURITY_VERSION,
        });
      }
      if (level === "privileged") privileged.push(ns.metadata.name as string);
    }
    expect(r.find("Namespace", "monitoring").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    // tigera-operator runs on the host network to install the CNI; the others are the host agents CHECKS exempts.
    const agents = name === "local" ? ["logging", "monitoring-agents", "rook-ceph", "tigera-operator"] : ["logging", "monitoring-agents", "tigera-operator"];
    expect(privileged.sort()).toEqual(agents);
  }, 120000);
});

describe.each(["dev", "staging", "prod"])("EKS access and encryption of the %s stack", (name) => {
  it("maps each team role to groups its tenant binds, with no cloud-side policy, and lists the admin explicitly", async () => {
    const r = await stack(name);
    const entries = r.cloud().filter((c) => c.type === "aws:eks/accessEntry:AccessEntry");
    const associations = r.cloud().filter((c) => c.type === "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    const teams = entries.filter((e) => e.inputs.kubernetesGroups !== undefined);
    expect(teams.map((t) => t.inputs.kubernetesGroups)).toEqual([["shop-developers"], ["billing-developers"]]);
    const bound = r.filter("RoleBinding").flatMap((b) => (b.subjects as { kind: string; name: string }[]).filter((s) => s.kind === "Group").map((s) => `${b.metadata.namespace}/${s.name}`));
    expect(bound).toEqual(expect.arrayContaining(["shop/shop-developers", "billing/billing-developers"]));
    expect(associations.map((a) => a.inputs.principalArn)).toEqual(["arn:aws:iam::123456789012:role/platform-admins"]);
    expect(associations[0].inputs.policyArn).toMatch(/AmazonEKSClusterAdminPolicy$/);
    const cluster = r.cloud().find((c) => c.type === "aws:eks/cluster:Cluster")!;
    expect(cluster.inputs.accessConfig).toEqual({ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
  }, 120000);

  it("encrypts ECR images and control-plane logs with the cluster's one customer-managed key", async () => {
    const r = await stack(name);
    const keys = r.cloud().filter((c) => c.type === "aws:kms/key:Key");
    expect(keys).toHaveLength(1);
    expect(keys[0].inputs.enableKeyRotation).toBe(true);
    const keyArn = (r.cloud().find((c) => c.type === "aws:eks/cluster:Cluster")!.inputs.encryptionConfig as { provider: { keyArn: string } }).provider.keyArn;
    const repositories = r.cloud().filter((c) => c.type === "aws:ecr/repository:Repository");
    expect(repositories.length).toBeGreaterThan(0);
    for (const repo of repositories) expect(repo.inputs.encryptionConfigurations).toEqual([{ encryptionType: "KMS", kmsKey: keyArn }]);
    expect(r.cloud().find((c) => c.type === "aws:cloudwatch/logGroup:LogGroup")!.inputs.kmsKeyId).toBe(keyArn);
  }, 120000);
});

describe("tenant roles of the local stack", () => {
  it("never let developers or admins read Secrets", async () => {
    const r = await stack("local");
    const roles = r.filter("Role").filter((role) => role.metadata.namespace === "shop");
    expect(roles.map((role) => role.metadata.name).sort()).toEqual(["shop-admin", "shop-developer", "shop-viewer"]);
    for (const role of roles) {
      const secretVerbs = (role.rules as Rule[]).filter((rule) => rule.resources.includes("secrets")).flatMap((rule) => rule.verbs);
      expect({ role: role.metadata.name, reads: secretVerbs.filter((v) => ["get", "list", "watch", "*"].includes(v)) }).toEqual({ role: role.metadata.name, reads: [] });
    }
  }, 120000);
});
