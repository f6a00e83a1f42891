import { DependencyGraph } from "./graph";
import { formatViolations, runChecks, RunOptions, StackView, Violation } from "@slipway/checks";
import { kindKey, Manifest } from "@slipway/core";
import { redactManifest, toYamlDocuments } from "./dump";
import { compareManifests, objectRef, toManifest } from "./kubernetes";
import { RenderedResource } from "./resource";
import { SchemaProblem, ValidateOptions, validateManifests, formatProblems } from "./validate";

/** A Helm chart the program installs, as reviewers need to see it. */
export interface RenderedChart {
  /** `kubernetes:helm.sh/v4:Chart` or `kubernetes:helm.sh/v3:Release`. */
  type: string;
  /** Pulumi logical name. */
  name: string;
  chart?: string;
  version?: string;
  /** `repositoryOpts.repo`, when the chart comes from a repository. */
  repo?: string;
  namespace?: string;
  values: Record<string, unknown>;
  /** Input paths that held secrets (for redaction). */
  secretPaths: string[];
}

/** A manifest and the resource that registered it. */
interface KubernetesObject {
  manifest: Manifest;
  resource: RenderedResource;
}

/** Check options; `cluster` takes other renders of the same cluster (e.g. the platform's) as they are. */
export interface CheckOptions extends Omit<RunOptions, "cluster"> {
  /** Other renders of the cluster the link checks judge this one with (e.g. `[platformRendered]`). @default [] */
  cluster?: Array<Rendered | StackView>;
}

const CHART_TYPES = new Set(["kubernetes:helm.sh/v4:Chart", "kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v3:Chart"]);

/** Everything a program registered under mocks, with queries, dumps and validation. */
export class Rendered {
  private readonly objects: KubernetesObject[];

  constructor(
    /** Every registered resource (components, custom resources, explicit providers), in registration order. */
    readonly resources: readonly RenderedResource[],
    /** The stack outputs the program returned. */
    readonly outputs: Record<string, unknown>,
  ) {
    this.objects = resources.flatMap((resource) => {
      const manifest = toManifest(resource);
      return manifest ? [{ manifest, resource }] : [];
    });
    this.objects.sort((a, b) => compareManifests(a.manifest, b.manifest));
  }

  /** Resources of one Pulumi type token, e.g. `aws:iam/role:Role`. */
  byType(type: string): RenderedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource with this URN (parents and dependencies are URNs). */
  byUrn(urn: string): RenderedResource | undefined {
    return this.resources.find((r) => r.urn === urn);
  }

  /** Kubernetes objects as plain manifests in a stable order (no providers, no charts). */
  manifests(): Manifest[] {
    return this.objects.map((o) => o.manifest);
  }

  /** Objects of one kind: `Deployment` or `apps/v1/Deployment`. */
  filter(kind: string): Manifest[] {
    return this.manifests().filter((m) => m.kind === kind || kindKey(m) === kind);
  }

  /** The one object of `kind` named `name` (in `namespace` if given); throws listing what exists. */
  find(kind: string, name: string, namespace?: string): Manifest {
    const found = this.filter(kind).filter((m) => m.metadata.name === name && (namespace === undefined || m.metadata.namespace === namespace));
    if (found.length === 1) return found[0];
    const where = namespace === undefined ? "" : ` in namespace "${namespace}"`;
    if (found.length > 1) throw new Error(`${found.length} ${kind} objects named "${name}"${where}: ${found.map(objectRef).join(", ")}; pass a namespace`);
    const sameKind = this.filter(kind).map(objectRef);
    const candidates = sameKind.length
      ? `rendered ${kind} objects: ${sameKind.join(", ")}`
      : `no ${kind} was rendered; rendered kinds: ${[...new Set(this.manifests().map(kindKey))].join(", ") || "none"}`;
    throw new Error(`No ${kind} "${name}"${where}; ${candidates}`);
  }

  /** Multi-document YAML of every object, stable order, secrets redacted. */
  toYaml(): string {
    return toYamlDocuments(this.redactedManifests());
  }

  /** Manifests safe to print or write: Secret data and every Pulumi secret redacted. */
  redactedManifests(): Manifest[] {
    return this.objects.map((o) => redactManifest(o.manifest, o.resource.secretPaths));
  }

  /** Helm charts and releases with chart, version, repo and values. */
  charts(): RenderedChart[] {
    return this.resources
      .filter((r) => CHART_TYPES.has(r.type))
      .map((r) => {
        const { chart, version, repositoryOpts, namespace, values } = r.inputs as Record<string, unknown> & { repositoryOpts?: { repo?: string } };
        const result: RenderedChart = { type: r.type, name: r.name, values: (values ?? {}) as Record<string, unknown>, secretPaths: r.secretPaths };
        if (typeof chart === "string") result.chart = chart;
        if (typeof version === "string") result.version = version;
        if (typeof repositoryOpts?.repo === "string") result.repo = repositoryOpts.repo;
        if (typeof namespace === "string") result.namespace = namespace;
        return result;
      });
  }

  /** Provider-managed resources outside Kubernetes: `aws:*`, `random:*`, ... (providers excluded). */
  cloud(): RenderedResource[] {
    return this.resources.filter((r) => r.custom && !r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:"));
  }

  /** Schema problems of every object: core kinds against the Kubernetes schemas, custom resources against their CRDs. */
  /** The dependency graph: cycles, critical path, transitive dependencies, DOT. */
  graph(): DependencyGraph {
    return new DependencyGraph(this.resources);
  }

  validate(options: ValidateOptions = {}): SchemaProblem[] {
    return validateManifests(this.manifests(), options);
  }

  /** Throws one readable error listing every schema problem. */
  assertValid(options: ValidateOptions = {}): void {
    const problems = this.validate(options);
    if (problems.length > 0) throw new Error(`${problems.length} schema problem(s):\n${formatProblems(problems)}`);
  }

  /** What the checks see: every object, every cloud resource, and the stack outputs. */
  view(): StackView {
    const cloud = this.cloud().map(({ type, name, inputs }) => ({ type, name, inputs }));
    return { manifests: this.manifests(), cloud, outputs: this.outputs };
  }

  /**
   * The CHECKS.md checks over every object and cloud resource (see @slipway/checks `runChecks`);
   * `cluster: [platform]` judges the link checks against the platform's render too.
   */
  check(options: CheckOptions = {}): Violation[] {
    const cluster = options.cluster?.map((r) => (r instanceof Rendered ? r.view() : r));
    return runChecks(this.view(), { ...options, cluster });
  }

  /** Throws one readable error listing every failed check. */
  assertChecks(options: CheckOptions = {}): void {
    const violations = this.check(options);
    if (violations.length > 0) throw new Error(`${violations.length} check violation(s):\n${formatViolations(violations)}`);
  }
}
