import { coversInternet } from "../cidr";
import { stackCheck } from "../define";
import { list, record } from "../objects";

const REQUIRED_LOG_TYPES = ["api", "audit", "authenticator"];
const METADATA_HOSTS = ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"];

export const eksHardening = stackCheck(
  {
    id: "W3",
    title: "EKS: private or CIDR-restricted endpoint, KMS secrets encryption, control-plane logs, IMDSv2 with hop limit 1",
    tools: ["SH:EKS.1", "SH:EKS.3", "SH:EKS.8", "SH:EC2.8"],
  },
  (stack, report) => {
    for (const r of stack.cloud) {
      if (r.type === "aws:eks/cluster:Cluster") {
        const vpc = record(r.inputs.vpcConfig);
        const cidrs = list(vpc.publicAccessCidrs).filter((c): c is string => typeof c === "string");
        // Coverage, not a pattern: 0.0.0.0/1 + 128.0.0.0/1 is the whole internet too.
        if (vpc.endpointPublicAccess !== false && (cidrs.length === 0 || coversInternet(cidrs))) {
          report(r, "vpcConfig.endpointPublicAccess", "exposes the API endpoint to the whole internet", "set endpointPublicAccess: false, or restrict publicAccessCidrs");
        }
        const encryption = record(Array.isArray(r.inputs.encryptionConfig) ? r.inputs.encryptionConfig[0] : r.inputs.encryptionConfig);
        if (!list(encryption.resources).includes("secrets") || !record(encryption.provider).keyArn) {
          report(r, "encryptionConfig", "does not encrypt Secrets with a KMS key", 'set encryptionConfig: { resources: ["secrets"], provider: { keyArn } }');
        }
        const logs = list(r.inputs.enabledClusterLogTypes);
        const missing = REQUIRED_LOG_TYPES.filter((t) => !logs.includes(t));
        if (missing.length > 0) report(r, "enabledClusterLogTypes", `does not enable ${missing.join(", ")}`, `enable at least ${REQUIRED_LOG_TYPES.join(", ")}`);
      } else if (METADATA_HOSTS.includes(r.type)) {
        const md = record(r.inputs.metadataOptions);
        if (md.httpEndpoint === "disabled") continue;
        if (md.httpTokens !== "required") report(r, "metadataOptions.httpTokens", `is ${String(md.httpTokens ?? "unset (optional)")}`, "require IMDSv2: httpTokens: required");
        if (md.httpPutResponseHopLimit !== 1) {
          report(r, "metadataOptions.httpPutResponseHopLimit", `is ${String(md.httpPutResponseHopLimit ?? "unset")}`, "set httpPutResponseHopLimit: 1 so pods cannot reach the node's credentials");
        }
      } else if (r.type === "aws:eks/nodeGroup:NodeGroup" && r.inputs.launchTemplate === undefined) {
        report(r, "launchTemplate", "uses the default launch template, which allows IMDSv1 and two hops", "give the node group a launch template requiring IMDSv2 with hop limit 1");
      }
    }
  },
);
