import { spawnSync } from "child_process";
import { K8sObject } from "./manifests";

export interface KubectlResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** kubectl built from the pinned Kubernetes module, talking to the e2e cluster only. */
export class Kubectl {
  constructor(
    private readonly bin: string,
    private readonly kubeconfig: string,
  ) {}

  run(args: string[], input?: string): KubectlResult {
    const result = spawnSync(this.bin, ["--kubeconfig", this.kubeconfig, ...args], {
      input,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: result.stderr ?? String(result.error ?? "") };
  }

  json<T>(args: string[]): T {
    const result = this.run([...args, "-o", "json"]);
    if (!result.ok) throw new Error(`kubectl ${args.join(" ")}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

  /** Server-side apply with strict field validation: unknown or duplicate fields are errors, not pruned. */
  apply(object: K8sObject): KubectlResult {
    return this.run(["apply", "--server-side", "--field-manager=slipway-e2e", "--validate=strict", "-f", "-"], JSON.stringify(object));
  }

  /** The live object, or undefined when the server has none. */
  get(object: K8sObject): K8sObject | undefined {
    const result = this.run(["get", "--ignore-not-found", "-o", "json", "-f", "-"], JSON.stringify(object));
    if (!result.ok) throw new Error(`kubectl get ${describe(object)}: ${result.stderr}`);
    if (!result.stdout.trim()) return undefined;
    // With --ignore-not-found kubectl answers with a List, even for one object.
    const parsed = JSON.parse(result.stdout) as K8sObject & { items?: K8sObject[] };
    return parsed.kind === "List" ? parsed.items?.[0] : parsed;
  }

  delete(object: K8sObject, timeoutSeconds: number): KubectlResult {
    return this.run(["delete", "--ignore-not-found", "--wait=true", `--timeout=${timeoutSeconds}s`, "-f", "-"], JSON.stringify(object));
  }
}

/** `Deployment shop/cart`, `Namespace shop`, `ServiceMonitor.monitoring.coreos.com shop/cart`. */
export function describe(object: K8sObject): string {
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
  const kind = group && !group.endsWith(".k8s.io") && !["apps", "batch", "policy", "autoscaling"].includes(group) ? `${object.kind}.${group}` : object.kind;
  const ns = object.metadata.namespace;
  return `${kind} ${ns ? `${ns}/` : ""}${object.metadata.name}`;
}
