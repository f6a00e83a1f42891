/** Where an input lives: the component's type (e.g. "AppService") and its instance name. */
export interface InputSite {
  readonly component: string;
  readonly name: string;
}

/** Renders a bad value for a message: short, quoted strings, JSON for the rest. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  // JSON would show NaN and Infinity as "null" and throw on bigint.
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/**
 * The one error for bad input anywhere in Slipway:
 * `AppService "cart": scale.min (5) is greater than scale.max (3). Fix: lower scale.min or raise scale.max.`
 */
export class SlipwayInputError extends Error {
  constructor(
    readonly site: InputSite,
    readonly path: string,
    readonly value: unknown,
    readonly problem: string,
    readonly hint?: string,
  ) {
    super(`${site.component} "${site.name}": ${path} (${showValue(value)}) ${problem}${hint ? `. Fix: ${hint}` : ""}`);
    this.name = "SlipwayInputError";
  }
}

/** Throws a SlipwayInputError; typed `never` so callers can use it in expressions. */
export function fail(site: InputSite, path: string, value: unknown, problem: string, hint?: string): never {
  throw new SlipwayInputError(site, path, value, problem, hint);
}
