import { list, record } from "./objects";

/** One statement of an IAM policy document, with single values normalised to lists. */
export interface IamStatement {
  index: number;
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  principal: Record<string, string[]> | "*";
  condition: Record<string, Record<string, string[]>>;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return list(value).filter((v): v is string => typeof v === "string");
}

/**
 * The statements of an IAM policy document given as a JSON string or an object.
 * `undefined` when the value is not known yet (an unresolved Output) or is not valid JSON.
 */
export function iamStatements(document: unknown): IamStatement[] | undefined {
  let doc: unknown = document;
  if (typeof document === "string") {
    try {
      doc = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  if (doc === null || typeof doc !== "object") return undefined;
  const raw = record(doc).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.map((s, index) => {
    const st = record(s);
    const principalRaw = st.Principal;
    const principal: IamStatement["principal"] =
      principalRaw === "*" ? "*" : Object.fromEntries(Object.entries(record(principalRaw)).map(([k, v]) => [k, strings(v)]));
    const condition = Object.fromEntries(
      Object.entries(record(st.Condition)).map(([op, entries]) => [op, Object.fromEntries(Object.entries(record(entries)).map(([k, v]) => [k, strings(v)]))]),
    );
    return {
      index,
      effect: typeof st.Effect === "string" ? st.Effect : "",
      actions: strings(st.Action),
      notActions: strings(st.NotAction),
      resources: strings(st.Resource),
      notResources: strings(st.NotResource),
      principal,
      condition,
    };
  });
}

/** True when a role's trust policy lets EC2 instances (nodes) assume it. */
export function trustsEc2(assumeRolePolicy: unknown): boolean {
  return (iamStatements(assumeRolePolicy) ?? []).some(
    (s) => s.effect === "Allow" && s.principal !== "*" && (s.principal.Service ?? []).includes("ec2.amazonaws.com"),
  );
}
