import { Summary } from "./summary";
import { Target } from "./targets";

const fixed = (value: number, digits: number) => value.toFixed(digits);

function markdown(header: string[], lines: string[][]): string {
  const rule = header.map(() => "---");
  return [header, rule, ...lines].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** The results as Markdown tables: per variant and N, then ratios, growth and targets. */
export function formatSummary(summary: Summary, targets: Target[]): string {
  const rows = markdown(
    ["variant", "N", "runs", "objects", "median ms", "min-max ms", "spread", "ms/object", "CPU ms", "peak MB", "depth (deps / +parents)"],
    summary.rows.map((r) => [
      r.variant,
      String(r.n),
      String(r.runs),
      String(r.objects),
      fixed(r.ms.median, 0),
      `${fixed(r.ms.min, 0)}-${fixed(r.ms.max, 0)}`,
      `${fixed(r.ms.spread * 100, 0)}%`,
      fixed(r.msPerObject, 3),
      fixed(r.cpuMs.median, 0),
      fixed(r.peakRssMb.median, 0),
      r.depth ? `${r.depth.dependencies} / ${r.depth.withParents}` : "-",
    ]),
  );
  const ratios = markdown(
    ["ratio of median times", "N", "wall", "CPU"],
    summary.ratios.map((r) => [r.name, String(r.n), fixed(r.value, 2), fixed(r.cpuValue, 2)]),
  );
  const growth = markdown(
    ["variant", "growth", "wall", "CPU"],
    summary.growth.map((g) => [g.variant, `t(${g.to})/t(${g.from})`, fixed(g.value, 2), fixed(g.cpuValue, 2)]),
  );
  const judged = markdown(
    ["target", "measured (wall)", "CPU", "limit", "met (CPU)"],
    targets.map((t) => [
      t.name,
      typeof t.value === "number" ? fixed(t.value, 2) : (t.value ?? "not measured"),
      typeof t.cpuValue === "number" ? fixed(t.cpuValue, 2) : "-",
      t.limit,
      t.met === null ? "-" : t.met ? "yes" : "NO",
    ]),
  );
  const mismatch = summary.mismatches.length ? `\n\nCatalogs differ from Slipway's:\n${summary.mismatches.join("\n")}` : "";
  return [rows, ratios, growth, judged].join("\n\n") + mismatch;
}
