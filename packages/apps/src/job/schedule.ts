import { fail, InputSite } from "@slipway/core";

const MACROS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** The five fields of a standard cron schedule, as the CronJob controller reads them. */
const FIELDS: { name: string; min: number; max: number; names?: string[]; any?: boolean }[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31, any: true },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 0, max: 6, names: DAYS, any: true },
];

/** Why one field is wrong, or undefined when it is valid. */
function fieldProblem(text: string, field: (typeof FIELDS)[number]): string | undefined {
  const value = (token: string): number | undefined => {
    const named = field.names?.indexOf(token.toUpperCase()) ?? -1;
    if (named >= 0) return field.names === MONTHS ? named + 1 : named;
    return /^[0-9]+$/.test(token) ? Number(token) : undefined;
  };
  for (const item of text.split(",")) {
    const [range, step, extra] = item.split("/");
    if (extra !== undefined || (step !== undefined && !/^[1-9][0-9]*$/.test(step))) return `"${item}" has a bad step`;
    if (range === "*" || (range === "?" && field.any)) continue;
    const [lo, hi, more] = range.split("-");
    const from = value(lo);
    const to = hi === undefined ? from : value(hi);
    if (more !== undefined || from === undefined || to === undefined) return `"${item}" is not a ${field.name}`;
    if (from < field.min || to > field.max || from > to) return `"${item}" is outside ${field.min}-${field.max}`;
  }
  return undefined;
}

/**
 * Fails unless `value` is a schedule the CronJob controller accepts: five fields (minute hour
 * day-of-month month day-of-week) or a macro such as "@daily"; the time zone goes in `timeZone`.
 */
export function checkSchedule(site: InputSite, path: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") return fail(site, path, value, "must be a cron schedule", 'e.g. "30 2 * * *" (02:30 every day) or "@daily"');
  const text = value.trim();
  if (/^(CRON_)?TZ=/.test(text)) fail(site, path, value, "carries a time zone", "set timeZone instead of TZ= in the schedule");
  if (text.startsWith("@")) {
    if (!MACROS.includes(text)) fail(site, path, value, "is not a known schedule macro", `use one of ${MACROS.join(", ")}`);
    return text;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) fail(site, path, value, `has ${fields.length} fields, not 5`, "write minute hour day-of-month month day-of-week, e.g. \"30 2 * * *\"");
  fields.forEach((field, i) => {
    const problem = fieldProblem(field, FIELDS[i]);
    if (problem) fail(site, path, value, `is not a valid schedule: ${FIELDS[i].name} ${problem}`, 'e.g. "30 2 * * *" (02:30 every day)');
  });
  return text;
}

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** Fails unless `value` is an IANA time zone name the runtime knows (e.g. "Europe/Berlin", "Etc/UTC"). */
export function checkTimeZone(site: InputSite, path: string, value: unknown): string {
  const hint = 'use an IANA name such as "Europe/Berlin" or "Etc/UTC"';
  if (typeof value !== "string" || !IANA_NAME.test(value) || value === "Local") return fail(site, path, value, "is not an IANA time zone name", hint);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
  } catch {
    fail(site, path, value, "is not a known time zone", hint);
  }
  return value;
}
