import { fail, InputSite } from "../errors";

/** Fields of a standard 5-field cron expression, as Velero's scheduler (robfig/cron) reads them. */
const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day of week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

const DESCRIPTORS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

function valueOf(text: string, field: (typeof FIELDS)[number]): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

/** Why one comma-separated part of a field is wrong, or undefined when it is right. */
function partProblem(part: string, field: (typeof FIELDS)[number]): string | undefined {
  const [range, step, extra] = part.split("/");
  if (extra !== undefined || (step !== undefined && !/^[1-9][0-9]*$/.test(step))) return `has a bad step "${part}"`;
  if (range === "*" || range === "?") return undefined;
  const [from, to, more] = range.split("-");
  const a = valueOf(from, field);
  const b = to === undefined ? a : valueOf(to, field);
  if (more !== undefined || a === undefined || b === undefined) return `has "${part}", outside ${field.min}-${field.max}`;
  if (a > b) return `has the backwards range "${part}"`;
  return undefined;
}

/**
 * Fails unless `value` is a schedule Velero accepts: five cron fields (minute hour day-of-month month
 * day-of-week, in UTC), a descriptor such as "@daily", or "@every <duration>".
 */
export function checkCron(site: InputSite, path: string, value: unknown): string {
  const hint = 'use five fields "minute hour day-of-month month day-of-week", e.g. "0 2 * * *" (02:00 UTC daily), or "@daily"';
  if (typeof value !== "string" || value.trim() === "") return fail(site, path, value, "is not a cron schedule", hint);
  const text = value.trim();
  if (DESCRIPTORS.includes(text)) return text;
  if (text.startsWith("@every ")) {
    if (!/^@every ([0-9]+(h|m|s))+$/.test(text)) fail(site, path, value, "is not an @every interval", 'use hours, minutes or seconds, e.g. "@every 6h"');
    return text;
  }
  if (text.startsWith("@")) fail(site, path, value, "is not a known descriptor", `use one of ${DESCRIPTORS.join(", ")} or "@every 6h"`);
  const fields = text.split(/\s+/);
  if (fields.length !== 5) fail(site, path, value, `has ${fields.length} fields, not 5`, hint);
  fields.forEach((f, i) => {
    const problem = f.split(",").map((part) => partProblem(part, FIELDS[i])).find((p) => p !== undefined);
    if (problem) fail(site, path, value, `${FIELDS[i].name} field ${problem}`, hint);
  });
  return text;
}
