import * as pulumi from "@pulumi/pulumi";
import { chartResources, disruptionBudget, Manifest, spreadOverHosts, standardLabels } from "@slipway/core";

/**
 * What the Harbor chart offers towards CHECKS R1-R8 and S13, per component: its own ServiceAccount
 * (the chart makes none), requests and limits, two replicas spread over hosts with a budget we
 * render (the chart renders no PodDisruptionBudget). The registry stays one replica: its image
 * store is a ReadWriteOnce volume. What the chart cannot say (rollout strategy, preStop, headless
 * Services, a read-only root) is a named exemption ("harbor" in @slipway/checks).
 */
const SERVED = ["nginx", "portal", "core", "jobservice", "trivy"] as const;
const COMPONENTS = [...SERVED, "registry", "database", "redis"] as const;
type Component = (typeof COMPONENTS)[number];

/** The ServiceAccount each Harbor component runs as. */
export const harborServiceAccount = (component: Component) => `harbor-${component}`;

/** The labels the chart puts on a component's pods (`release`, `app`, `component`). */
function podLabels(release: string, component: Component): Record<string, string> {
  return { release, app: "harbor", component };
}

/** Chart values per component; `release` is the chart's release name (the component's `<name>-chart`). */
export function harborWorkloadValues(release: string): pulumi.Inputs {
  const served = (component: (typeof SERVED)[number]) => ({
    serviceAccountName: harborServiceAccount(component),
    replicas: 2,
    topologySpreadConstraints: spreadOverHosts(podLabels(release, component)),
  });
  return {
    nginx: { ...served("nginx"), resources: chartResources("micro") },
    portal: { ...served("portal"), resources: chartResources("micro") },
    core: { ...served("core"), resources: chartResources("small") },
    // Job logs go to the database, so jobservice needs no ReadWriteOnce log volume and can run two replicas.
    jobservice: { ...served("jobservice"), resources: chartResources("small"), jobLoggers: ["database"] },
    trivy: { ...served("trivy"), resources: chartResources("medium") },
    registry: {
      serviceAccountName: harborServiceAccount("registry"),
      registry: { resources: chartResources("small") },
      controller: { resources: chartResources("micro") },
    },
    database: {
      internal: {
        serviceAccountName: harborServiceAccount("database"),
        resources: chartResources("medium"),
        initContainer: { migrator: { resources: chartResources("micro") }, permissions: { resources: chartResources("nano") } },
      },
    },
    redis: { internal: { serviceAccountName: harborServiceAccount("redis"), resources: chartResources("small") } },
  };
}

/** A ServiceAccount per component (no token mounted: Harbor does not call the Kubernetes API) and a budget per served one. */
export function harborWorkloadManifests(namespace: string, release: string): Manifest[] {
  const labels = standardLabels({ name: "harbor", component: "registry", partOf: "slipway" });
  return [
    ...COMPONENTS.map((component) => ({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: harborServiceAccount(component), namespace, labels },
      automountServiceAccountToken: false,
    })),
    ...SERVED.map((component) => disruptionBudget("harbor", `harbor-${component}`, namespace, podLabels(release, component), labels)),
  ];
}
