/** One resource registered by a rendered program. */
export interface RenderedResource {
  /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`, `aws:iam/role:Role`. */
  type: string;
  /** Pulumi logical name. */
  name: string;
  urn: string;
  /** URN of the parent resource; absent for resources directly under the stack. */
  parent?: string;
  /** True for provider-managed resources, false for components. */
  custom: boolean;
  /** Inputs as plain JS, secrets unwrapped. */
  inputs: Record<string, unknown>;
  /** Input paths (`stringData`, `spec.password`) whose values were Pulumi secrets. */
  secretPaths: string[];
  /** URNs this resource depends on (explicit `dependsOn` and through its inputs). */
  dependencies: string[];
  /** Dependencies per input property. */
  propertyDependencies: Record<string, string[]>;
  /** Physical id the mocks gave it (custom resources). */
  id?: string;
  /** True for resources read (`get`, StackReference) rather than created. */
  read: boolean;
}
