import { stackCheck } from "../define";
import { list, record, text } from "../objects";
import type { CloudResource } from "../types";

const REPOSITORY = "aws:ecr/repository:Repository";
const SCANS_ON_PUSH = ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"];

/** True when a registry-wide scanning configuration scans every push. */
function registryScansOnPush(cloud: CloudResource[]): boolean {
  return cloud.some(
    (r) => r.type === "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration" && list(r.inputs.rules).some((rule) => SCANS_ON_PUSH.includes(String(record(rule).scanFrequency))),
  );
}

export const registryAndZones = stackCheck(
  {
    id: "W4",
    title: "ECR: immutable tags, scan on push, KMS encryption, lifecycle policy; zones and registries keep their data",
    tools: ["SH:ECR.1", "SH:ECR.2", "SH:ECR.3", "SH:ECR.5"],
  },
  (stack, report) => {
    const scannedByRegistry = registryScansOnPush(stack.cloud);
    const lifecycleTargets = stack.cloud.filter((r) => r.type === "aws:ecr/lifecyclePolicy:LifecyclePolicy").map((r) => r.inputs.repository);
    for (const r of stack.cloud) {
      if (r.type === REPOSITORY) {
        const mutability = text(r.inputs.imageTagMutability) ?? "MUTABLE";
        if (!mutability.startsWith("IMMUTABLE")) report(r, "imageTagMutability", `is ${mutability}`, "set imageTagMutability: IMMUTABLE so a tag always means the same image");
        if (record(r.inputs.imageScanningConfiguration).scanOnPush !== true && !scannedByRegistry) {
          report(r, "imageScanningConfiguration.scanOnPush", "is not true", "set imageScanningConfiguration: { scanOnPush: true }");
        }
        if (record(list(r.inputs.encryptionConfigurations)[0]).encryptionType !== "KMS") {
          report(r, "encryptionConfigurations", "does not encrypt with KMS", 'set encryptionConfigurations: [{ encryptionType: "KMS" }]');
        }
        if (r.inputs.forceDelete === true) report(r, "forceDelete", "deletes the repository with its images", "leave forceDelete unset unless deleting images is asked for");
        const names = [r.name, text(r.inputs.name)];
        if (!lifecycleTargets.some((target) => target !== undefined && names.includes(text(target)))) {
          report(r, "lifecyclePolicy", "has no lifecycle policy", "add an aws.ecr.LifecyclePolicy that expires untagged and old images");
        }
      } else if (r.type === "aws:route53/zone:Zone" && r.inputs.forceDestroy === true) {
        report(r, "forceDestroy", "destroys the zone with its records", "leave forceDestroy unset unless deleting records is asked for");
      }
    }
  },
);
