import { CostReport } from "./estimate";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const BAR = 22;
const GAP = 10;
const LABEL = 140;
const PLOT = 420;
const FIGURES = 190;

/**
 * A horizontal bar per tenant: the solid part is the month at the HPAs' minimum, the pale part up
 * to the maximum. Hand-written: the one charting package in the tree (Vega-Lite) needs Node 22 and
 * loads only as an ES module, which `@slipway/cli` (Node 20, CommonJS) cannot take on.
 */
export function costChartSvg(report: CostReport, title: string): string {
  const { currency } = report.prices;
  const top = 48;
  const height = top + report.tenants.length * (BAR + GAP) + 36;
  const width = LABEL + PLOT + FIGURES;
  const scale = Math.max(...report.tenants.map((t) => t.monthly.max), 1e-9);
  const money = (n: number) => n.toFixed(2);
  const bars = report.tenants.map((t, i) => {
    const y = top + i * (BAR + GAP);
    const min = (t.monthly.min / scale) * PLOT;
    const max = (t.monthly.max / scale) * PLOT;
    const figure = t.monthly.min === t.monthly.max ? money(t.monthly.min) : `${money(t.monthly.min)} - ${money(t.monthly.max)}`;
    return [
      `<text x="${LABEL - 8}" y="${y + BAR * 0.7}" text-anchor="end">${escape(t.tenant)}</text>`,
      `<rect x="${LABEL}" y="${y}" width="${max.toFixed(1)}" height="${BAR}" fill="#9ecae1"><title>${escape(t.tenant)} at the HPA maximum: ${figure} ${escape(currency)}</title></rect>`,
      `<rect x="${LABEL}" y="${y}" width="${min.toFixed(1)}" height="${BAR}" fill="#3182bd"><title>${escape(t.tenant)} at the HPA minimum</title></rect>`,
      `<text x="${LABEL + max + 6}" y="${y + BAR * 0.7}">${figure}</text>`,
    ].join("\n  ");
  });
  const legendY = height - 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `  <rect width="${width}" height="${height}" fill="white"/>`,
    `  <text x="${LABEL}" y="24" font-size="15" font-weight="bold">${escape(title)}: ${escape(currency)} per month by tenant (total ${money(report.monthly.min)} - ${money(report.monthly.max)})</text>`,
    `  ${bars.join("\n  ")}`,
    `  <rect x="${LABEL}" y="${legendY - 10}" width="12" height="12" fill="#3182bd"/><text x="${LABEL + 18}" y="${legendY}">at the HPA minimum</text>`,
    `  <rect x="${LABEL + 170}" y="${legendY - 10}" width="12" height="12" fill="#9ecae1"/><text x="${LABEL + 188}" y="${legendY}">up to the HPA maximum</text>`,
    `</svg>`,
    "",
  ].join("\n");
}
