import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement, WorkloadIdentity } from "@slipway/cluster";
import { ClusterHandle } from "@slipway/core";
import { S3StorePlan } from "./plan";

/** Velero's object-store permissions (the AWS plugin's documented set), on this bucket only. */
export function bucketStatements(bucketArn: pulumi.Input<string>, kmsKeyArn?: pulumi.Input<string>): PolicyStatement[] {
  const objects = pulumi.interpolate`${bucketArn}/*`;
  return [
    { actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], resources: [objects] },
    { actions: ["s3:ListBucket"], resources: [bucketArn] },
    ...(kmsKeyArn ? [{ actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [kmsKeyArn] }] : []),
  ];
}

/**
 * The backup bucket: versioned (an overwritten or deleted backup stays recoverable for
 * `noncurrentVersionDays`), SSE-KMS encrypted, every form of public access blocked, objects owned by
 * the bucket owner, never force-destroyed with data in it; plus Velero's workload identity, allowed
 * this bucket only.
 */
export function createBackupBucket(
  name: string,
  plan: S3StorePlan,
  access: { cluster: ClusterHandle; namespace: string; serviceAccount: string; kmsKeyArn?: pulumi.Input<string> },
  opts: { parent: pulumi.Resource; retain: boolean },
): { bucket: aws.s3.Bucket; identity: WorkloadIdentity } {
  const child = { parent: opts.parent };
  const bucket = new aws.s3.Bucket(name, { bucket: plan.bucket, forceDestroy: false }, { ...child, retainOnDelete: opts.retain });
  const on = { bucket: bucket.id };
  new aws.s3.BucketVersioning(name, { ...on, versioningConfiguration: { status: "Enabled" } }, child);
  new aws.s3.BucketServerSideEncryptionConfiguration(
    name,
    { ...on, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", ...(access.kmsKeyArn ? { kmsMasterKeyId: access.kmsKeyArn } : {}) }, bucketKeyEnabled: true }] },
    child,
  );
  new aws.s3.BucketPublicAccessBlock(name, { ...on, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, child);
  new aws.s3.BucketOwnershipControls(name, { ...on, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
  // Velero deletes expired backups itself; the lifecycle only clears what versioning keeps and uploads that never finished.
  new aws.s3.BucketLifecycleConfiguration(
    name,
    {
      ...on,
      rules: [
        { id: "expire-old-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: plan.noncurrentVersionDays } },
        { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
      ],
    },
    child,
  );
  const identity = new WorkloadIdentity(
    `${name}-velero`,
    { cluster: access.cluster, namespace: access.namespace, serviceAccount: access.serviceAccount, policies: bucketStatements(bucket.arn, access.kmsKeyArn) },
    child,
  );
  return { bucket, identity };
}
