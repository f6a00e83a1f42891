import type { Violation } from "./types";

const HEADERS = ["CHECK", "OBJECT", "FIELD", "PROBLEM", "FIX"];

/** A plain-text table of violations, one row each, columns padded to line up; "No violations." when empty. */
export function formatViolations(violations: readonly Violation[]): string {
  if (violations.length === 0) return "No violations.";
  const rows = [HEADERS, ...violations.map((v) => [v.check, v.object, v.field, v.message, v.hint])];
  const widths = HEADERS.map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const lines = rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join("  "));
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return `${lines.join("\n")}\n${violations.length} violation${violations.length === 1 ? "" : "s"}.`;
}
