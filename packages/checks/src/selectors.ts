import { list, record, stringMap, text } from "./objects";

/** True when a label selector (`matchLabels` + `matchExpressions`) matches the labels. An empty selector matches everything. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const sel = record(selector);
  for (const [key, value] of Object.entries(stringMap(sel.matchLabels))) {
    if (labels[key] !== value) return false;
  }
  for (const raw of list(sel.matchExpressions)) {
    const expr = record(raw);
    const key = text(expr.key) ?? "";
    const values = list(expr.values).filter((v): v is string => typeof v === "string");
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expr.operator) {
      case "In":
        if (!has || !values.includes(labels[key])) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True when a selector has no terms at all (and so selects everything). */
export function isEmptySelector(selector: unknown): boolean {
  const sel = record(selector);
  return Object.keys(record(sel.matchLabels)).length === 0 && list(sel.matchExpressions).length === 0;
}

/** True when a plain label map (a Service selector) is a subset of the labels. */
export function labelsMatch(wanted: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}
