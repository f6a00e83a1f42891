import { render } from "@slipway/testing";
import { Cluster, EcrRegistryArgs, NodePool, PULL_ACTIONS, PUSH_ACTIONS, Registry } from "@slipway/cluster";
import { ADMIN_ROLE, AWS_CONFIG, CI_ROLE, one, policy, ZONES } from "./support";

const REPOSITORIES = ["shop/cart", "shop/checkout"];
const ecr = (args: Partial<EcrRegistryArgs> = {}) => new Registry("images", { kind: "ecr", repositories: REPOSITORIES, ...args });

describe("Registry on ECR", () => {
  it("makes immutable, scanned repositories encrypted with one customer-managed key, with lifecycle rules (CHECKS W4, SH ECR.5)", async () => {
    const r = await render(() => ecr({ keepLast: 50, untaggedExpireDays: 7 }), { config: AWS_CONFIG });
    const repositories = r.byType("aws:ecr/repository:Repository");
    expect(repositories.map((x) => x.inputs.name)).toEqual(REPOSITORIES);
    const [key] = r.byType("aws:kms/key:Key");
    expect(r.byType("aws:kms/key:Key")).toHaveLength(1);
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect((policy(key.inputs.policy).Statement as { Sid: string }[]).map((s) => s.Sid)).toEqual(["AccountAdministersKey", "EcrEncryptsImages"]);
    for (const repo of repositories) {
      expect(repo.inputs).toMatchObject({
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: `arn:aws:kms:eu-west-1:123456789012:key/${key.id}` }],
      });
      expect(repo.inputs.forceDelete).toBeUndefined();
    }
    const lifecycle = one(r, "aws:ecr/lifecyclePolicy:LifecyclePolicy", "images-shop-cart");
    expect(lifecycle.inputs.repository).toBe("shop/cart");
    expect(JSON.parse(lifecycle.inputs.policy as string)).toEqual({
      rules: [
        { rulePriority: 1, description: "Expire untagged images after 7 days", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } },
        { rulePriority: 2, description: "Keep the last 50 images", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 }, action: { type: "expire" } },
      ],
    });
    expect(r.byType("aws:ecr/lifecyclePolicy:LifecyclePolicy")).toHaveLength(2);
    expect(r.byType("aws:ecr/repositoryPolicy:RepositoryPolicy")).toHaveLength(0);
    r.assertChecks({ only: ["W4"] });
  });

  it("lets the node pools' roles pull, and nothing else", async () => {
    const r = await render(() => {
      const cluster = new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] } });
      const pool = new NodePool("general", { cluster });
      ecr({ pullers: [pool] });
    }, { config: AWS_CONFIG });
    const nodeRole = one(r, "aws:iam/role:Role", "general-node");
    const repoPolicy = policy(one(r, "aws:ecr/repositoryPolicy:RepositoryPolicy", "images-shop-cart").inputs.policy);
    expect(repoPolicy.Statement).toEqual([{ Sid: "NodesPull", Effect: "Allow", Principal: { AWS: [`arn:aws:iam::123456789012:role/${nodeRole.id}`] }, Action: PULL_ACTIONS }]);
    r.assertChecks({ only: ["W2", "W4"] });
  });

  it("gives CI a push role scoped to the repositories", async () => {
    const r = await render(() => ecr({ pushPrincipalArns: [CI_ROLE] }), { config: AWS_CONFIG });
    const role = one(r, "aws:iam/role:Role", "images-push");
    expect(policy(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { AWS: [CI_ROLE] }, Action: "sts:AssumeRole" }]);
    const push = policy(one(r, "aws:iam/rolePolicy:RolePolicy", "images-push").inputs.policy);
    const repoArns = r.byType("aws:ecr/repository:Repository").map((x) => `arn:aws:ecr:eu-west-1:123456789012:repository/${x.inputs.name}`);
    expect(push.Statement).toEqual([
      { Sid: "Login", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      { Sid: "Push", Effect: "Allow", Action: PUSH_ACTIONS, Resource: repoArns },
    ]);
    // The only "*" resource is ECR's login, which AWS does not scope; no action is a wildcard.
    expect(push.Statement.flatMap((s) => s.Action).some((a) => a.includes("*"))).toBe(false);
    r.assertChecks({ only: ["W2"] });
  });

  it("gives full image references and the mirror location; pulls need no secret", async () => {
    const r = await render(
      () => {
        const registry = ecr();
        return { image: registry.image("shop/cart", "1.4.2"), mirror: registry.imageMirror, pullSecret: registry.pullSecretDockerConfig ?? "none" };
      },
      { config: AWS_CONFIG },
    );
    expect(r.outputs).toEqual({ image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/cart:1.4.2", mirror: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror", pullSecret: "none" });
  });
});

