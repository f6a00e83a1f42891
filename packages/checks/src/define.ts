import type { Manifest } from "@slipway/core";
import { cloudRef, objectRef } from "./objects";
import type { CheckMeta, CloudResource, ObjectCheck, StackCheck, StackView, Violation } from "./types";

/** Records one violation of the check being run. */
export type Report = (subject: Manifest | CloudResource, field: string, message: string, hint: string) => void;

function isCloud(subject: Manifest | CloudResource): subject is CloudResource {
  return typeof (subject as CloudResource).type === "string" && (subject as Manifest).kind === undefined;
}

function collector(meta: CheckMeta): { report: Report; violations: Violation[] } {
  const violations: Violation[] = [];
  const report: Report = (subject, field, message, hint) => {
    const object = isCloud(subject) ? cloudRef(subject) : objectRef(subject);
    violations.push({ check: meta.id, tools: [...meta.tools], object, field, message, hint });
  };
  return { report, violations };
}

/** Builds an object-scope check from a function that inspects one manifest and reports what it finds. */
export function objectCheck(meta: CheckMeta, inspect: (object: Manifest, report: Report) => void): ObjectCheck {
  return {
    ...meta,
    scope: "object",
    run(object: Manifest, _stack: StackView): Violation[] {
      const { report, violations } = collector(meta);
      inspect(object, report);
      return violations;
    },
  };
}

/** Builds a stack-scope check from a function that inspects the whole stack. */
export function stackCheck(meta: CheckMeta, inspect: (stack: StackView, report: Report) => void): StackCheck {
  return {
    ...meta,
    scope: "stack",
    run(stack: StackView): Violation[] {
      const { report, violations } = collector(meta);
      inspect(stack, report);
      return violations;
    },
  };
}
