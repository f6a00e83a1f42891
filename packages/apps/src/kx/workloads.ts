import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { checkDnsLabel, checkOneOf, siteOf } from "@slipway/core";

/** What `createService` takes; name and metadata can be set (kx could not). */
export interface CreateServiceArgs {
  /** @default the workload's name */
  name?: string;
  /** @default "ClusterIP" (a LoadBalancer or NodePort only when asked for: CHECKS N3) */
  type?: "ClusterIP" | "LoadBalancer" | "NodePort";
  /** Service port per container port name; @default each port as declared */
  ports?: Record<string, number>;
  /** Extra labels (over the pods' labels) and annotations. @default { labels: the pods' labels, annotations: none } */
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

type WorkloadSpec = { selector?: pulumi.Input<k8s.types.input.meta.v1.LabelSelector>; template: pulumi.Input<k8s.types.input.core.v1.PodTemplateSpec> };

/** Builds a Service for a workload spec, selecting its pods and exposing its named container ports. */
function serviceFor(
  owner: pulumi.Resource,
  workloadName: string,
  namespace: pulumi.Input<string> | undefined,
  spec: WorkloadSpec,
  args: CreateServiceArgs,
): k8s.core.v1.Service {
  const site = siteOf("createService", workloadName);
  const name = checkDnsLabel(site, "name", args.name ?? workloadName);
  const type = checkOneOf(site, "type", args.type ?? "ClusterIP", ["ClusterIP", "LoadBalancer", "NodePort"] as const);
  const template = pulumi.output(spec.template);
  const ports = template.apply((t) =>
    (t.spec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map(
        (p): k8s.types.input.core.v1.ServicePort => ({ name: p.name, port: (p.name ? args.ports?.[p.name] : undefined) ?? p.containerPort, targetPort: p.name ?? p.containerPort, protocol: p.protocol ?? "TCP" }),
      ),
    ),
  );
  const labels = template.apply((t) => ({ ...(t.metadata?.labels ?? {}), ...(args.metadata?.labels ?? {}) }));
  return new k8s.core.v1.Service(
    name,
    {
      metadata: { name, namespace, labels, annotations: args.metadata?.annotations },
      spec: { type, selector: pulumi.output(spec.selector).apply((s) => s?.matchLabels ?? {}), ports },
    },
    { parent: owner },
  );
}

type WorkloadArgs<Spec> = {
  /** The namespace and labels of the workload (its name is the resource's name). @default { namespace: the provider's, labels: none } */
  metadata?: { namespace?: pulumi.Input<string>; labels?: Record<string, string> };
  /** The spec, e.g. from `PodBuilder.asDeploymentSpec()`. @default required */
  spec: Spec;
};

/** What createService needs to remember of a workload. */
function sourceOf(name: string, args: WorkloadArgs<WorkloadSpec>) {
  return { name, namespace: args.metadata?.namespace, spec: args.spec };
}

/** A Deployment with kubernetesx's `createService`. */
export class Deployment extends k8s.apps.v1.Deployment {
  private readonly source: ReturnType<typeof sourceOf>;
  constructor(name: string, args: WorkloadArgs<k8s.types.input.apps.v1.DeploymentSpec>, opts?: pulumi.CustomResourceOptions) {
    super(name, { metadata: { ...args.metadata, name }, spec: args.spec }, opts);
    this.source = sourceOf(name, args);
  }
  /** A Service selecting this Deployment's pods. */
  createService(args: CreateServiceArgs = {}): k8s.core.v1.Service {
    return serviceFor(this, this.source.name, this.source.namespace, this.source.spec, args);
  }
}

/** A StatefulSet with kubernetesx's `createService` (make it headless with the StatefulSet's serviceName). */
export class StatefulSet extends k8s.apps.v1.StatefulSet {
  private readonly source: ReturnType<typeof sourceOf>;
  constructor(name: string, args: WorkloadArgs<k8s.types.input.apps.v1.StatefulSetSpec>, opts?: pulumi.CustomResourceOptions) {
    super(name, { metadata: { ...args.metadata, name }, spec: args.spec }, opts);
    this.source = sourceOf(name, args);
  }
  createService(args: CreateServiceArgs = {}): k8s.core.v1.Service {
    return serviceFor(this, this.source.name, this.source.namespace, this.source.spec, args);
  }
}
