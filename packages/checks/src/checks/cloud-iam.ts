import { stackCheck } from "../define";
import { iamStatements, trustsEc2 } from "../iam";
import { list, record, text } from "../objects";
import type { CloudResource } from "../types";

const ROLE = "aws:iam/role:Role";
const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
const SERVICE_ACCOUNT_SUB = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export const workloadIdentity = stackCheck(
  {
    id: "W1",
    title: "Workload identity: one IAM role per ServiceAccount, trusted by exact OIDC sub and aud",
    tools: [],
  },
  (stack, report) => {
    const roleBySub = new Map<string, CloudResource>();
    for (const role of stack.cloud.filter((r) => r.type === ROLE)) {
      const statements = iamStatements(role.inputs.assumeRolePolicy) ?? [];
      const subs = new Set<string>();
      for (const st of statements) {
        const federated = st.principal === "*" ? ["*"] : (st.principal.Federated ?? []);
        if (st.effect !== "Allow" || (!st.actions.includes(WEB_IDENTITY) && federated.length === 0)) continue;
        const field = `assumeRolePolicy.Statement[${st.index}]`;
        const provider = federated.length === 1 && federated[0].includes(":oidc-provider/") && !federated[0].includes("*") ? federated[0].split(":oidc-provider/")[1] : undefined;
        if (!provider) {
          report(role, `${field}.Principal.Federated`, "does not name exactly one OIDC provider", "trust only the cluster's OIDC provider ARN");
          continue;
        }
        const equals = st.condition.StringEquals ?? {};
        const sub = equals[`${provider}:sub`] ?? [];
        const aud = equals[`${provider}:aud`] ?? [];
        if (sub.length !== 1 || !SERVICE_ACCOUNT_SUB.test(sub[0])) {
          report(role, `${field}.Condition.StringEquals["${provider}:sub"]`, "does not pin exactly one ServiceAccount", "use StringEquals with system:serviceaccount:<namespace>:<name>, no wildcards");
        } else {
          subs.add(sub[0]);
        }
        if (aud.length !== 1 || aud[0] !== "sts.amazonaws.com") {
          report(role, `${field}.Condition.StringEquals["${provider}:aud"]`, "does not pin the audience", "use StringEquals with aud sts.amazonaws.com");
        }
      }
      for (const sub of subs) {
        const other = roleBySub.get(sub);
        if (other) report(role, "assumeRolePolicy", `trusts ${sub}, which role ${other.name} also trusts`, "give each ServiceAccount exactly one role");
        else roleBySub.set(sub, role);
      }
    }
  },
);

/** AWS-managed policies a node role may carry; anything else is app permission on every pod's node. */
const NODE_POLICIES = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKSWorkerNodeMinimalPolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonEC2ContainerRegistryReadOnly",
  "AmazonEC2ContainerRegistryPullOnly",
  "AmazonSSMManagedInstanceCore",
];
const MANAGED_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/;

function isNodePolicy(arn: unknown): boolean {
  const match = typeof arn === "string" ? MANAGED_POLICY.exec(arn) : null;
  return typeof arn !== "string" || (match !== null && NODE_POLICIES.includes(match[1]));
}

/** True when a `role` input (a name or an ARN) refers to this role resource. */
function refersTo(ref: unknown, role: CloudResource): boolean {
  if (typeof ref !== "string") return false;
  const names = [role.name, text(role.inputs.name), text(role.inputs.arn)].filter((n): n is string => n !== undefined);
  return names.some((name) => ref === name || ref.endsWith(`/${name}`));
}

/** AWS-managed policies that hand out administration: full admin, everything but IAM, IAM itself, or a whole service (`*FullAccess`). */
const ADMIN_POLICY = /^(AdministratorAccess|PowerUserAccess|IAMFullAccess|.*FullAccess(-v\d+)?)$/;
const EXCLUSIVE_ATTACHMENTS = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
const ATTACHMENTS = ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"];

/** Every managed policy ARN attached to a role, user or group: by attachment resource or in a role's `managedPolicyArns`. */
function attachedPolicies(cloud: readonly CloudResource[]): Array<[CloudResource, string, unknown]> {
  const out: Array<[CloudResource, string, unknown]> = [];
  for (const r of cloud) {
    if (ATTACHMENTS.includes(r.type)) out.push([r, "policyArn", r.inputs.policyArn]);
    if (r.type === EXCLUSIVE_ATTACHMENTS) list(r.inputs.policyArns).forEach((arn, i) => out.push([r, `policyArns[${i}]`, arn]));
    if (r.type === ROLE) list(r.inputs.managedPolicyArns).forEach((arn, i) => out.push([r, `managedPolicyArns[${i}]`, arn]));
  }
  return out;
}

/**
 * Actions that support no resource-level permission, so `Resource: "*"` is their only form:
 * listing and describing (account-wide reads) and a few account-level calls. Any other action on
 * `*` must name its resources or carry a Condition that scopes it.
 */
const UNSCOPABLE_ACTIONS = ["ecr:GetAuthorizationToken", "sts:GetCallerIdentity", "iam:GetAccountSummary"];
function isUnscopable(action: string): boolean {
  const verb = action.split(":")[1] ?? "";
  return /^(List|Describe)/.test(verb) || UNSCOPABLE_ACTIONS.includes(action);
}

/** `*`, or an ARN whose resource part is nothing but wildcards and slashes (`arn:aws:s3:::*`): every resource of the service. */
function isEveryResource(resource: string): boolean {
  return resource === "*" || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:[*?/]+$/.test(resource);
}

const POLICY_DOCUMENTS: Array<[type: string, field: string]> = [
  ["aws:iam/policy:Policy", "policy"],
  ["aws:iam/rolePolicy:RolePolicy", "policy"],
  ["aws:iam/userPolicy:UserPolicy", "policy"],
  ["aws:iam/groupPolicy:GroupPolicy", "policy"],
];

export const leastPrivilege = stackCheck(
  {
    id: "W2",
    title: "IAM policies: no wildcard actions, no admin policies, no * resource on scopable actions, no app permissions on the node role",
    tools: ["SH:IAM.1", "SH:IAM.21"],
  },
  (stack, report) => {
    const documents: Array<[CloudResource, string, unknown]> = [];
    for (const r of stack.cloud) {
      for (const [type, field] of POLICY_DOCUMENTS) if (r.type === type) documents.push([r, field, r.inputs[field]]);
      if (r.type === ROLE) list(r.inputs.inlinePolicies).forEach((p, i) => documents.push([r, `inlinePolicies[${i}].policy`, record(p).policy]));
    }
    for (const [resource, field, document] of documents) {
      for (const st of iamStatements(document) ?? []) {
        if (st.effect !== "Allow") continue;
        const at = `${field}.Statement[${st.index}]`;
        if (st.notActions.length > 0) report(resource, `${at}.NotAction`, "allows everything except a list", "allow a list of actions instead");
        if (st.notResources.length > 0) report(resource, `${at}.NotResource`, "allows every resource except a list", "name the resources instead");
        for (const action of st.actions) {
          if (action === "*") report(resource, `${at}.Action`, "allows every action (*)", "list the actions the app needs");
          else if (/^[A-Za-z0-9-]+:\*$/.test(action)) report(resource, `${at}.Action`, `allows every ${action.split(":")[0]} action (${action})`, "list the actions the app needs");
          else if (/[*?]/.test(action)) report(resource, `${at}.Action`, `allows every action matching ${action}`, "list the actions the app needs by their full names");
        }
        const unscoped = st.actions.filter((a) => !/[*?]/.test(a) && !isUnscopable(a));
        if (st.resources.some(isEveryResource) && Object.keys(st.condition).length === 0 && unscoped.length > 0) {
          report(resource, `${at}.Resource`, `allows ${unscoped.join(", ")} on every resource (*)`, "name the ARNs the app works on (those actions support resource-level permissions)");
        }
      }
    }
    for (const [r, field, arn] of attachedPolicies(stack.cloud)) {
      const name = typeof arn === "string" ? MANAGED_POLICY.exec(arn)?.[1] : undefined;
      if (name && ADMIN_POLICY.test(name)) report(r, field, `attaches ${name}, an administrator policy`, "attach a policy listing the actions and resources this principal needs");
    }
    const nodeRoles = stack.cloud.filter((r) => r.type === ROLE && trustsEc2(r.inputs.assumeRolePolicy));
    for (const role of nodeRoles) {
      list(role.inputs.managedPolicyArns).forEach((arn, i) => {
        if (!isNodePolicy(arn)) report(role, `managedPolicyArns[${i}]`, `gives the node role ${String(arn)}`, "give app permissions to the app's own workload-identity role");
      });
      if (list(role.inputs.inlinePolicies).length > 0) report(role, "inlinePolicies", "gives the node role its own permissions", "give app permissions to the app's own workload-identity role");
    }
    for (const r of stack.cloud) {
      const role = nodeRoles.find((n) => refersTo(r.inputs.role, n));
      if (!role) continue;
      if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && !isNodePolicy(r.inputs.policyArn)) {
        report(r, "policyArn", `attaches ${String(r.inputs.policyArn)} to node role ${role.name}`, "attach app permissions to the app's own workload-identity role");
      } else if (r.type === "aws:iam/rolePolicy:RolePolicy") {
        report(r, "role", `adds an inline policy to node role ${role.name}`, "attach app permissions to the app's own workload-identity role");
      }
    }
  },
);
