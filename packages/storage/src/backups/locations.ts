import * as pulumi from "@pulumi/pulumi";
import { Manifest } from "@slipway/core";

/** The BackupStorageLocation every Schedule writes to. */
export const STORAGE_LOCATION = "default";

/** Where Velero writes backups: one bucket, S3 API (the AWS plugin serves S3 and S3-compatible stores). */
export function planStorageLocation(meta: { namespace: string; labels: Record<string, string> }, bucket: pulumi.Input<string>, config: Record<string, pulumi.Input<string>>): Manifest {
  return {
    apiVersion: "velero.io/v1",
    kind: "BackupStorageLocation",
    metadata: { name: STORAGE_LOCATION, namespace: meta.namespace, labels: meta.labels },
    spec: {
      provider: "aws",
      default: true,
      accessMode: "ReadWrite",
      objectStorage: { bucket, prefix: "velero" },
      config,
    },
  };
}
