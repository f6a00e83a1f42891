import { render } from "@slipway/testing";
import { AppService } from "@slipway/apps";
import { Cluster, IRSA_ROLE_ANNOTATION, NodePool, POOL_LABEL, WorkloadIdentity, WorkloadIdentityArgs } from "@slipway/cluster";
import { ADMIN_ROLE, at, AWS_CONFIG, one, policy, ZONES } from "./support";

const ORDERS_TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
const eksCluster = () => new Cluster("main", { kind: "eks", network: { availabilityZones: ZONES }, access: { admins: [ADMIN_ROLE] } });
const identity = (cluster: Cluster, args: Partial<WorkloadIdentityArgs> = {}) =>
  new WorkloadIdentity("cart", { cluster, namespace: "shop", serviceAccount: "cart", policies: [{ actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [ORDERS_TABLE] }], ...args });

describe("WorkloadIdentity with IRSA", () => {
  it("trusts exactly the cluster's OIDC provider, one ServiceAccount and the STS audience", async () => {
    const r = await render(() => identity(eksCluster()), { config: AWS_CONFIG });
    const issuer = String(one(r, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "main-oidc").inputs.url).replace("https://", "");
    const trust = policy(one(r, "aws:iam/role:Role", "cart").inputs.assumeRolePolicy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:shop:cart", [`${issuer}:aud`]: "sts.amazonaws.com" } },
      },
    ]);
    expect(JSON.stringify(trust)).not.toContain("*");
  });

  it("grants only the listed actions on the listed resources", async () => {
    const r = await render(() => identity(eksCluster(), { policyArns: ["arn:aws:iam::123456789012:policy/cart-extra"] }), { config: AWS_CONFIG });
    const inline = one(r, "aws:iam/rolePolicy:RolePolicy", "cart");
    expect(policy(inline.inputs.policy).Statement).toEqual([{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: [ORDERS_TABLE] }]);
    expect(inline.inputs.role).toBe(one(r, "aws:iam/role:Role", "cart").id);
    expect(one(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "cart-0").inputs.policyArn).toBe("arn:aws:iam::123456789012:policy/cart-extra");
    r.assertChecks({ only: ["W1", "W2"] });
  });
});

describe("WorkloadIdentity with EKS Pod Identity", () => {
  it("associates the role with the ServiceAccount and trusts only the Pod Identity service", async () => {
    let annotations: unknown;
    const r = await render(() => {
      annotations = identity(eksCluster(), { mode: "pod-identity" }).serviceAccountAnnotations;
    }, { config: AWS_CONFIG });
    const role = one(r, "aws:iam/role:Role", "cart");
    expect(policy(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }]);
    expect(one(r, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "cart").inputs).toEqual({
      clusterName: "main-test",
      namespace: "shop",
      serviceAccount: "cart",
      roleArn: `arn:aws:iam::123456789012:role/${role.id}`,
    });
    expect(annotations).toEqual({});
  });
});

describe("AppService on a NodePool with workload identity", () => {
  it("runs on the pool's nodes under a ServiceAccount annotated with the role trusted for exactly that ServiceAccount", async () => {
    const r = await render(
      () => {
        const cluster = eksCluster();
        const pool = new NodePool("shop-pool", { cluster, labels: { "example.com/team": "shop" }, taints: [{ key: "example.com/dedicated", value: "shop", effect: "NoSchedule" }] });
        const cart = identity(cluster);
        new AppService("cart", { tenant: { namespace: "shop" }, image: "ghcr.io/acme/cart:1.4.2", port: 8080, placement: pool.placement, serviceAccountAnnotations: cart.serviceAccountAnnotations });
        return { roleArn: cart.roleArn };
      },
      { config: AWS_CONFIG },
    );
    const deployment = r.find("Deployment", "cart", "shop");
    const pod = at(deployment, "spec.template.spec");
    const serviceAccount = r.find("ServiceAccount", pod.serviceAccountName, "shop");

    // Identity: the ServiceAccount names the role, and the role trusts exactly this ServiceAccount.
    const roleArn = serviceAccount.metadata.annotations?.[IRSA_ROLE_ANNOTATION];
    expect(roleArn).toBe(r.outputs.roleArn);
    const role = r.byType("aws:iam/role:Role").find((x) => roleArn === `arn:aws:iam::123456789012:role/${x.id}`);
    const trust = policy(role?.inputs.assumeRolePolicy);
    const equals = trust.Statement[0].Condition?.StringEquals ?? {};
    expect(Object.entries(equals).find(([key]) => key.endsWith(":sub"))?.[1]).toBe(`system:serviceaccount:${serviceAccount.metadata.namespace}:${serviceAccount.metadata.name}`);
    // EKS injects the web-identity token itself: the Kubernetes API token stays unmounted.
    expect(pod.automountServiceAccountToken).toBe(false);

    // Placement: the pod selects the pool's node label and tolerates its taint; the node group carries both.
    const group = one(r, "aws:eks/nodeGroup:NodeGroup", "shop-pool").inputs;
    expect(pod.nodeSelector).toEqual({ [POOL_LABEL]: "shop-pool" });
    for (const [key, value] of Object.entries(pod.nodeSelector as Record<string, string>)) expect((group.labels as Record<string, string>)[key]).toBe(value);
    expect(pod.tolerations).toEqual([{ key: "example.com/dedicated", operator: "Equal", value: "shop", effect: "NoSchedule" }]);
    expect(group.taints).toEqual([{ key: "example.com/dedicated", value: "shop", effect: "NO_SCHEDULE" }]);
    r.assertChecks({ only: ["W1", "W2", "W3", "S13"] });
  });
});
