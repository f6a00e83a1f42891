import { SlipwayInputError } from "@slipway/core";
import { render, RenderOptions } from "./render";

/** The input error a test expects: the component that raised it, the field, and how the bad value shows. */
export interface ExpectedInputError {
  /** The component type, e.g. "AppService". */
  component: string;
  /** The instance name, e.g. "cart". */
  name: string;
  /** The field path, e.g. "scale.min". */
  field: string;
  /** Text the message must contain for the bad value, e.g. `"5"` or `"nginx:latest"`. */
  shown: string;
}

/** Renders a program that should fail and returns what it failed with (undefined when it rendered). */
export async function renderError(program: () => unknown, options?: RenderOptions): Promise<unknown> {
  return render(program, options).then(
    () => undefined,
    (error: unknown) => error,
  );
}

/**
 * What keeps `error` from being the expected SlipwayInputError, one line per difference; empty when it
 * names the component and instance, the field (also as `.path`) and the shown value. Framework-free:
 * `expect(inputErrorMismatches(error, expected)).toEqual([])` prints every difference at once.
 */
export function inputErrorMismatches(error: unknown, expected: ExpectedInputError): string[] {
  if (!(error instanceof SlipwayInputError)) {
    return [error === undefined ? "no error: the program rendered" : `not a SlipwayInputError: ${error instanceof Error ? error.message : String(error)}`];
  }
  const problems: string[] = [];
  const site = `${expected.component} "${expected.name}"`;
  if (!error.message.includes(site)) problems.push(`message does not name ${site}: ${error.message}`);
  if (!error.message.includes(`${expected.field} (`)) problems.push(`message does not name field ${expected.field}: ${error.message}`);
  if (!error.message.includes(expected.shown)) problems.push(`message does not show ${expected.shown}: ${error.message}`);
  if (error.path !== expected.field) problems.push(`path is ${error.path}, not ${expected.field}`);
  return problems;
}
