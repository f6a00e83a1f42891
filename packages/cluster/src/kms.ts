import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Key administration, named action by action (no `kms:*`), for the account's own IAM principals. */
const ADMIN_ACTIONS = [
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:EnableKeyRotation",
  "kms:UpdateKeyDescription",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:ListGrants",
  "kms:RevokeGrant",
];
/** What a service needs to encrypt and decrypt with the key. */
const USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"];

/** Who may use a customer-managed key, each use scoped to one service or one log group. */
export interface KeyUses {
  /** The EKS cluster role, which encrypts Kubernetes Secrets (through grants it creates). */
  eksClusterRoleArn?: pulumi.Input<string>;
  /** CloudWatch log groups (by name) whose events the key encrypts. */
  logGroups?: pulumi.Input<string>[];
  /** ECR repositories of the account encrypt images with it. */
  ecr?: boolean;
}

/**
 * A key policy that names every use: the account administers the key (no data access), the EKS
 * cluster role encrypts Secrets, CloudWatch Logs encrypts only the named log groups (encryption
 * context), ECR uses it only through the ECR service of this account and region.
 */
export function keyPolicy(partition: pulumi.Input<string>, account: pulumi.Input<string>, region: pulumi.Input<string>, uses: KeyUses): pulumi.Output<string> {
  return pulumi.all([partition, account, region, uses.eksClusterRoleArn, pulumi.output(uses.logGroups ?? [])]).apply(([p, acct, region, eksRole, logGroups]) => {
    const statements: Record<string, unknown>[] = [{ Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: `arn:${p}:iam::${acct}:root` }, Action: ADMIN_ACTIONS, Resource: "*" }];
    if (eksRole) {
      statements.push({ Sid: "EksEncryptsSecrets", Effect: "Allow", Principal: { AWS: eksRole }, Action: [...USE_ACTIONS, "kms:CreateGrant", "kms:ListGrants"], Resource: "*" });
    }
    if (logGroups.length > 0) {
      statements.push({
        Sid: "LogsEncryptLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: USE_ACTIONS,
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroups.map((g) => `arn:${p}:logs:${region}:${acct}:log-group:${g}`) } },
      });
    }
    if (uses.ecr) {
      statements.push({
        Sid: "EcrEncryptsImages",
        Effect: "Allow",
        Principal: { AWS: `arn:${p}:iam::${acct}:root` },
        Action: [...USE_ACTIONS, "kms:CreateGrant"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": `ecr.${region}.amazonaws.com`, "kms:CallerAccount": acct } },
      });
    }
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
  });
}

/** A customer-managed key with rotation on and a policy scoped to its uses. */
export function customerManagedKey(id: string, description: string, region: pulumi.Input<string>, uses: KeyUses, opts: pulumi.CustomResourceOptions): aws.kms.Key {
  const partition = aws.getPartitionOutput({}, { parent: opts.parent }).partition;
  const account = aws.getCallerIdentityOutput({}, { parent: opts.parent }).accountId;
  return new aws.kms.Key(id, { description, enableKeyRotation: true, deletionWindowInDays: 30, policy: keyPolicy(partition, account, region, uses) }, opts);
}
