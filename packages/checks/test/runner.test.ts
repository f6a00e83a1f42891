import { allChecks, checksById, formatViolations, runChecks, runAsNonRoot, ownServiceAccount, Violation } from "@slipway/checks";
import { SlipwayInputError } from "@slipway/core";
import { container, find, podSpec, secureStack } from "./fixture";

describe("allChecks", () => {
  it("holds every CHECKS.md id once, in order, each tagged and scoped", () => {
    expect(allChecks.map((c) => c.id)).toEqual([
      ...["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12", "S13", "S14"],
      ...["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"],
      ...["N1", "N2", "N3", "A1", "X1", "W1", "W2", "W3", "W4"],
      ...["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "D1"],
    ]);
    for (const check of allChecks) {
      expect(check.title.length).toBeGreaterThan(0);
      expect(["object", "stack"]).toContain(check.scope);
      for (const tool of check.tools) expect(tool).toMatch(/^(PSS|KS|KL|PO|SH):\S+$/);
    }
  });

  it("tags checks with the public tools' IDs they mirror", () => {
    expect(runAsNonRoot.tools).toEqual(expect.arrayContaining(["KL:run-as-non-root", "PO:runAsRootAllowed", "PSS:runAsNonRoot"]));
    expect(allChecks.find((c) => c.id === "W3")?.tools).toEqual(["SH:EKS.1", "SH:EKS.3", "SH:EKS.8", "SH:EC2.8"]);
    expect(allChecks.find((c) => c.id === "W4")?.tools).toEqual(expect.arrayContaining(["SH:ECR.1", "SH:ECR.2", "SH:ECR.3"]));
  });

  it("finds each check by id", () => {
    expect(checksById.S1).toBe(runAsNonRoot);
    expect(checksById.S13).toBe(ownServiceAccount);
    expect(Object.keys(checksById)).toHaveLength(allChecks.length);
  });

  it("runs an object check on one manifest and a stack check on the view", () => {
    const stack = secureStack();
    podSpec(stack, "Deployment", "cart").securityContext.runAsNonRoot = false;
    podSpec(stack, "Deployment", "cart").serviceAccountName = "default";
    expect(runAsNonRoot.run(find(stack, "Deployment", "cart"), stack)).toHaveLength(1);
    expect(ownServiceAccount.run(stack).map((v) => v.field)).toEqual(["spec.template.spec.serviceAccountName"]);
  });
});

describe("runChecks", () => {
  it("accepts a plain manifest list", () => {
    const stack = secureStack();
    container(stack, "Deployment", "cart").image = "registry.internal.test/shop/cart:latest";
    const violations = runChecks(stack.manifests);
    expect(violations.map((v) => v.check)).toEqual(["S14"]);
  });

  it("runs only the selected checks", () => {
    const stack = secureStack();
    container(stack, "Deployment", "cart").securityContext.privileged = true;
    delete container(stack, "Deployment", "cart").resources.limits.memory;
    expect(runChecks(stack, { only: ["R2"] }).map((v) => v.check)).toEqual(["R2"]);
    expect(runChecks(stack, { only: ["S6", "R2"] }).map((v) => v.check)).toEqual(["S6", "R2"]);
  });

  it("rejects an unknown check id", () => {
    expect(() => runChecks(secureStack(), { only: ["S1", "Z9"] })).toThrow(SlipwayInputError);
    expect(() => runChecks(secureStack(), { only: ["S1", "Z9"] })).toThrow('runChecks "options": only[1] ("Z9") is not a check id');
  });

  it("reports one violation per offending container, with its path", () => {
    const stack = secureStack();
    podSpec(stack, "CronJob", "cart-cleanup").initContainers[0].securityContext.readOnlyRootFilesystem = false;
    podSpec(stack, "CronJob", "cart-cleanup").containers[0].securityContext.readOnlyRootFilesystem = false;
    expect(runChecks(stack).map((v) => v.field)).toEqual([
      "spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem",
      "spec.jobTemplate.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem",
    ]);
  });

  it("honours an explicit CPU-limit opt-out and nothing else", () => {
    const stack = secureStack();
    delete container(stack, "Deployment", "cart").resources.limits.cpu;
    find(stack, "Deployment", "cart").metadata.annotations = { "slipway.dev/cpu-limit": "none" };
    expect(runChecks(stack)).toEqual([]);
    delete container(stack, "Deployment", "cart").resources.limits.memory;
    expect(runChecks(stack).map((v) => v.field)).toEqual(["spec.template.spec.containers[0].resources.limits.memory"]);
  });
});

describe("formatViolations", () => {
  const violation: Violation = {
    check: "S1",
    tools: ["KL:run-as-non-root"],
    object: "apps/v1/Deployment shop/cart",
    field: "spec.template.spec.securityContext.runAsNonRoot",
    message: "does not require a non-root user",
    hint: "set runAsNonRoot: true",
  };

  it("says so when there is nothing to report", () => {
    expect(formatViolations([])).toBe("No violations.");
  });

  it("lines up a header and one row per violation, with a count", () => {
    const lines = formatViolations([violation, { ...violation, check: "S14", field: "spec.template.spec.containers[0].image" }]).split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^CHECK\s+OBJECT\s+FIELD\s+PROBLEM\s+FIX$/);
    expect(lines[2]).toContain("apps/v1/Deployment shop/cart  spec.template.spec.securityContext.runAsNonRoot");
    expect(lines[3].startsWith("S14 ")).toBe(true);
    expect(lines[2].indexOf("does not")).toBe(lines[3].indexOf("does not"));
    expect(lines[4]).toBe("2 violations.");
  });
});
