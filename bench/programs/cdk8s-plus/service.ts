import { ApiObject, Chart, Duration, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-34";
import { CatalogService, GATEWAY, IMAGE, PORT, SCALE } from "../../catalog";
import { CONTAINER_SECURITY, labelsOf, sized, tcpProbes } from "./pod";

/** One catalog service in cdk8s-plus: SA, ConfigMap, Secret, Deployment, Service, HPA, PDB and HTTPRoute. */
export function plusService(chart: Chart, s: CatalogService): kplus.Deployment {
  const { name } = s;
  const labels = labelsOf(name, "server");
  const serviceAccount = new kplus.ServiceAccount(chart, `${name}-sa`, { metadata: { name, labels }, automountToken: false });
  const config = new kplus.ConfigMap(chart, `${name}-config`, { metadata: { name: `${name}-config`, labels }, data: s.config });
  // cdk8s has no secret values: the fake token lands in the manifest as it would in a user's synth.
  const secret = new kplus.Secret(chart, `${name}-secrets`, { metadata: { name: `${name}-secrets`, labels }, stringData: { API_TOKEN: s.fakeToken } });
  const envVariables: Record<string, kplus.EnvValue> = { API_TOKEN: kplus.EnvValue.fromSecretValue({ secret, key: "API_TOKEN" }) };
  for (const key of Object.keys(s.config)) envVariables[key] = kplus.EnvValue.fromConfigMap(config, key);

  const deployment = new kplus.Deployment(chart, name, {
    metadata: { name, labels },
    serviceAccount,
    automountServiceAccountToken: false,
    strategy: kplus.DeploymentStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1), maxUnavailable: kplus.PercentOrAbsolute.absolute(0) }),
    podMetadata: { labels, annotations: { "example.test/config-hash": s.config.SERVICE_INDEX } },
    securityContext: { ensureNonRoot: true },
    containers: [
      {
        name: "app",
        image: IMAGE,
        ports: [{ name: "http", number: PORT }],
        envVariables,
        resources: sized(100, 500, 256),
        securityContext: CONTAINER_SECURITY,
        ...tcpProbes(PORT, 10),
        volumeMounts: [{ path: "/tmp", volume: kplus.Volume.fromEmptyDir(chart, `${name}-tmp`, "app-tmp", { sizeLimit: Size.mebibytes(256) }) }],
      },
    ],
  });
  deployment.scheduling.spread({ topology: kplus.Topology.HOSTNAME, weight: 50 });
  deployment.scheduling.spread({ topology: kplus.Topology.ZONE, weight: 50 });
  deployment.exposeViaService({ name, ports: [{ name: "http", port: PORT, targetPort: PORT }] });
  new kplus.HorizontalPodAutoscaler(chart, `${name}-hpa`, {
    metadata: { name, labels },
    target: deployment,
    minReplicas: SCALE.min,
    maxReplicas: SCALE.max,
    metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(SCALE.cpuPercent))],
    scaleDown: { stabilizationWindow: Duration.minutes(5), policies: [{ replicas: kplus.Replicas.absolute(1), duration: Duration.minutes(1) }] },
  });
  new kplus.k8s.KubePodDisruptionBudget(chart, `${name}-pdb`, {
    metadata: { name, labels },
    spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: deployment.matchLabels } },
  });
  new kplus.k8s.KubeNetworkPolicy(chart, `${name}-from-gateway`, {
    metadata: { name: `${name}-from-gateway`, labels },
    spec: {
      podSelector: { matchLabels: deployment.matchLabels },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": GATEWAY.gatewayNamespace } },
              podSelector: { matchLabels: { "gateway.envoyproxy.io/owning-gateway-name": GATEWAY.gatewayName, "gateway.envoyproxy.io/owning-gateway-namespace": GATEWAY.gatewayNamespace } },
            },
          ],
          ports: [{ protocol: "TCP", port: kplus.k8s.IntOrString.fromNumber(PORT) }],
        },
      ],
    },
  });
  new ApiObject(chart, `${name}-route`, {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name, labels },
    spec: {
      hostnames: [s.host],
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: GATEWAY.gatewayName, namespace: GATEWAY.gatewayNamespace, sectionName: "https" }],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ group: "", kind: "Service", name, port: PORT, weight: 100 }] }],
    },
  });
  return deployment;
}
