import type { Manifest } from "@slipway/core";

/** A cloud resource as rendered: its Pulumi type token, its resource name and its inputs. */
export interface CloudResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Everything a stack renders: Kubernetes objects and cloud resources. */
export interface StackView {
  manifests: Manifest[];
  cloud: CloudResource[];
  /** The stack's exported outputs, when known: the platform's contract (registry, cluster DNS, ...) the link checks read. @default none */
  outputs?: Record<string, unknown>;
}

/** One failed check on one object, with the field to fix and how. */
export interface Violation {
  /** The CHECKS.md id, e.g. "S1". */
  check: string;
  /** IDs of the public tools that flag the same thing, e.g. "KL:run-as-non-root". */
  tools: string[];
  /** `apps/v1/Deployment shop/cart` for Kubernetes objects, `aws:eks/cluster:Cluster main` for cloud resources. */
  object: string;
  /** Path of the offending field, e.g. `spec.template.spec.containers[0].securityContext.runAsNonRoot`. */
  field: string;
  message: string;
  hint: string;
}

export interface CheckMeta {
  /** The CHECKS.md id. */
  id: string;
  title: string;
  /**
   * Public tools' IDs, prefixed by tool: PSS (Pod Security admission check), KS (kube-score),
   * KL (kube-linter), PO (Polaris), SH (AWS Security Hub control).
   */
  tools: string[];
  /** Judged over every render of the cluster together (the L family), not one stack alone. @default false */
  cluster?: boolean;
}

/**
 * A check that decides from one object alone. It also receives the stack, but must not depend on
 * other objects: the policy pack runs it per resource, where it sees only that resource.
 */
export interface ObjectCheck extends CheckMeta {
  scope: "object";
  run(object: Manifest, stack: StackView): Violation[];
}

/** A check that needs the whole stack: references between objects, coverage, cloud resources. */
export interface StackCheck extends CheckMeta {
  scope: "stack";
  run(stack: StackView): Violation[];
}

export type Check = ObjectCheck | StackCheck;
