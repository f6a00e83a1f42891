import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { render, MOCK_ACCOUNT_ID } from "@slipway/testing";

describe("mocks", () => {
  it("answers the common AWS lookups in the configured region", async () => {
    const rendered = await render(
      async () => {
        const identity = await aws.getCallerIdentity();
        const region = await aws.getRegion();
        const zones = await aws.getAvailabilityZones();
        const partition = await aws.getPartition();
        return { account: identity.accountId, region: region.name, zones: zones.names, partition: partition.partition };
      },
      { config: { "aws:region": "eu-west-1" } },
    );
    expect(rendered.outputs).toEqual({ account: MOCK_ACCOUNT_ID, region: "eu-west-1", zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], partition: "aws" });
  });

  it("renders IAM policy documents as AWS JSON", async () => {
    const rendered = await render(async () => {
      const doc = await aws.iam.getPolicyDocument({
        statements: [{ actions: ["sts:AssumeRoleWithWebIdentity"], principals: [{ type: "Federated", identifiers: ["arn:aws:iam::123456789012:oidc-provider/x"] }], conditions: [{ test: "StringEquals", variable: "x:sub", values: ["system:serviceaccount:shop:web"] }] }],
      });
      return { json: doc.json };
    });
    expect(JSON.parse(rendered.outputs.json as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["sts:AssumeRoleWithWebIdentity"], Principal: { Federated: ["arn:aws:iam::123456789012:oidc-provider/x"] }, Condition: { StringEquals: { "x:sub": ["system:serviceaccount:shop:web"] } } }],
    });
  });

  it("gives an EKS cluster an endpoint, CA data and an OIDC issuer", async () => {
    const rendered = await render(
      () => {
        const cluster = new aws.eks.Cluster("main", { roleArn: "arn:aws:iam::123456789012:role/eks", vpcConfig: { subnetIds: ["subnet-1"] } });
        return { arn: cluster.arn, endpoint: cluster.endpoint, ca: cluster.certificateAuthority.data, issuer: cluster.identities[0].oidcs[0].issuer };
      },
      { config: { "aws:region": "eu-west-1" } },
    );
    expect(rendered.outputs.arn).toMatch(/^arn:aws:eks:eu-west-1:123456789012:cluster\/main-[0-9a-f]{7}$/);
    expect(rendered.outputs.endpoint).toMatch(/^https:\/\/[0-9A-F]{32}\.gr7\.eu-west-1\.eks\.amazonaws\.com$/);
    expect(Buffer.from(rendered.outputs.ca as string, "base64").toString()).toContain("slipway-mock-ca");
    expect(rendered.outputs.issuer).toMatch(/^https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
  });

  it("marks additionalSecretOutputs secret, as the engine does", async () => {
    const rendered = await render(() => {
      const password = new random.RandomPassword("db", { length: 16 });
      return { isSecret: pulumi.isSecret(password.result), lengthIsSecret: pulumi.isSecret(password.length) };
    });
    expect(rendered.outputs).toEqual({ isSecret: true, lengthIsSecret: false });
  });

  it("gives EC2 resources EC2-style ids", async () => {
    const rendered = await render(() => ({ id: new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" }).id }));
    expect(rendered.outputs.id).toMatch(/^vpc-0[0-9a-f]{16}$/);
  });

  it("derives random values from name and settings, honouring character flags", async () => {
    const rendered = await render(() => ({
      digits: new random.RandomString("pin", { length: 6, lower: false, upper: false, special: false }).result,
      other: new random.RandomPassword("other", { length: 24 }).result,
      same: new random.RandomPassword("db", { length: 24 }).result,
    }));
    expect(rendered.outputs.digits).toMatch(/^[0-9]{6}$/);
    expect(rendered.outputs.other).not.toBe(rendered.outputs.same);
  });
});
