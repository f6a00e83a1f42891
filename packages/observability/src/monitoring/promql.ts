import { fail, InputSite } from "@slipway/core";

const CLOSING: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
const TRAILING_OPERATOR = /(\+|-|\*|\/|%|\^|==|!=|>=|<=|>|<|=~|!~|,|\b(?:and|or|unless|by|without|on|ignoring|group_left|group_right|bool|offset)\b)\s*$/;
const LEADING_OPERATOR = /^\s*(\*|\/|%|\^|==|!=|>=|<=|>|<|=~|!~|,|(?:and|or|unless)\b)/;

/** The first bracket or quote problem in `expr`, or undefined: a scanner that skips string literals. */
function bracketProblem(expr: string): string | undefined {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (quote) {
      if (ch === "\\" && quote !== "`") i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (ch === "(" || ch === "[" || ch === "{") stack.push(ch);
    else if (ch in CLOSING) {
      if (stack.pop() !== CLOSING[ch]) return `has an unmatched '${ch}' at position ${i + 1}`;
    }
  }
  if (quote) return `has an unterminated ${quote} string`;
  if (stack.length > 0) return `has an unclosed '${stack[stack.length - 1]}'`;
  return undefined;
}

/**
 * A light PromQL syntax check, not a parser: non-empty, balanced brackets and quotes, no operator
 * dangling at either end. It catches the typos that would otherwise only surface when Prometheus
 * rejects the rule group at reload; semantic errors (unknown functions, bad matchers) still do.
 */
export function checkPromQL(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") return fail(site, path, value, "must be a non-empty PromQL expression", 'e.g. "rate(http_requests_total{code=~\\"5..\\"}[5m]) > 1"');
  const problem = bracketProblem(value);
  if (problem) return fail(site, path, value, problem, "balance every (), [], {} and quote");
  if (TRAILING_OPERATOR.test(value)) return fail(site, path, value, "ends with an operator", "complete the expression after the operator");
  if (LEADING_OPERATOR.test(value)) return fail(site, path, value, "starts with a binary operator", "put an operand before the operator");
  return value.trim();
}
