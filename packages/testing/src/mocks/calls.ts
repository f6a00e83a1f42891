import { parseAllDocuments } from "yaml";
import { MOCK_ACCOUNT_ID } from "./aws";

type State = Record<string, unknown>;

/** An `aws.iam.getPolicyDocument` statement rendered the way AWS writes it. */
function policyStatement(statement: State): State {
  const out: State = { Effect: statement.effect ?? "Allow" };
  if (statement.sid) out.Sid = statement.sid;
  if (statement.actions) out.Action = statement.actions;
  if (statement.resources) out.Resource = statement.resources;
  const principals = statement.principals as { type: string; identifiers: string[] }[] | undefined;
  if (principals) out.Principal = Object.fromEntries(principals.map((p) => [p.type, p.identifiers]));
  const conditions = statement.conditions as { test: string; variable: string; values: string[] }[] | undefined;
  if (conditions) {
    const byTest: Record<string, Record<string, string[]>> = {};
    for (const c of conditions) byTest[c.test] = { ...byTest[c.test], [c.variable]: c.values };
    out.Condition = byTest;
  }
  return out;
}

/** Answers for the provider functions programs commonly call; unknown calls echo their inputs. */
export function answerCall(token: string, inputs: State, region: string): State {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/slipway-test`, userId: "AIDASLIPWAYTEST", id: MOCK_ACCOUNT_ID };
    case "aws:index/getRegion:getRegion": {
      const name = typeof inputs.region === "string" ? inputs.region : typeof inputs.name === "string" ? inputs.name : region;
      return { name, region: name, id: name, endpoint: `ec2.${name}.amazonaws.com`, description: name };
    }
    case "aws:index/getAvailabilityZones:getAvailabilityZones": {
      const suffixes = ["a", "b", "c"];
      return { id: region, names: suffixes.map((s) => `${region}${s}`), zoneIds: suffixes.map((_, i) => `use1-az${i + 1}`), state: "available" };
    }
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:iam/getPolicyDocument:getPolicyDocument": {
      const statements = (inputs.statements as State[] | undefined) ?? [];
      const json = JSON.stringify({ Version: "2012-10-17", Statement: statements.map(policyStatement) });
      return { ...inputs, id: "policy-document", json, minifiedJson: json };
    }
    case "kubernetes:yaml:decode":
      // ConfigFile/ConfigGroup (v1) ask the provider to parse YAML: do it here so their objects render.
      return { result: parseAllDocuments(String(inputs.text ?? "")).map((d) => d.toJSON()).filter((o) => o !== null) };
    case "kubernetes:helm:template":
      // helm.v3.Chart templates client-side; offline there is no chart to template.
      return { result: [] };
    default:
      return inputs;
  }
}
