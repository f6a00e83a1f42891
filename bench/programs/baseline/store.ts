import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import { CatalogStore, STORE_CLASS, STORE_SIZE } from "../../catalog";
import { CONTAINER_SECURITY, labelsOf, podBasics, selectorOf, sized, tcpProbes } from "./pod";

export const REDIS_PORT = 6379;

/** One team store written directly: a generated password, its Secret, SA, two Services and the StatefulSet. */
export function rawStore(s: CatalogStore): void {
  const { name, namespace } = s;
  const labels = labelsOf(name, "redis");
  const selector = selectorOf(name);
  const metadata = { name, namespace, labels };
  const secretName = `${name}-credentials`;
  const headless = `${name}-headless`;
  const ports = [{ name: "redis", port: REDIS_PORT, targetPort: "redis", protocol: "TCP" }];

  const password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { additionalSecretOutputs: ["result"] });
  new k8s.core.v1.Secret(secretName, { metadata: { ...metadata, name: secretName }, type: "Opaque", stringData: { REDIS_PASSWORD: password.result } });
  new k8s.core.v1.ServiceAccount(name, { metadata, automountServiceAccountToken: false });
  new k8s.core.v1.Service(headless, { metadata: { ...metadata, name: headless }, spec: { clusterIP: "None", publishNotReadyAddresses: true, selector, ports } });
  new k8s.core.v1.Service(name, { metadata, spec: { type: "ClusterIP", selector, ports } });
  new k8s.apps.v1.StatefulSet(name, {
    metadata: { ...metadata, annotations: { "example.test/single-replica": "replication is not configured; scale with an operator" } },
    spec: {
      replicas: 1,
      serviceName: headless,
      podManagementPolicy: "OrderedReady",
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0, maxUnavailable: 1 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: {
        metadata: { labels },
        spec: {
          ...podBasics(name, "redis-tmp"),
          securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, fsGroupChangePolicy: "OnRootMismatch", seccompProfile: { type: "RuntimeDefault" } },
          affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: selector }, topologyKey: "kubernetes.io/hostname" }] } },
          containers: [
            {
              name: "redis",
              image: "redis:7.4.2",
              args: ["redis-server", "--appendonly", "yes", "--requirepass", "$(REDIS_PASSWORD)"],
              ports: [{ name: "redis", containerPort: REDIS_PORT, protocol: "TCP" }],
              env: [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: secretName, key: "REDIS_PASSWORD" } } }],
              resources: sized("250m", "1", "512Mi"),
              securityContext: CONTAINER_SECURITY,
              ...tcpProbes("redis", 15),
              lifecycle: { preStop: { sleep: { seconds: 5 } } },
              volumeMounts: [
                { name: "data", mountPath: "/data" },
                { name: "redis-tmp", mountPath: "/tmp" },
              ],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        { metadata: { name: "data", labels }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: STORE_CLASS, resources: { requests: { storage: STORE_SIZE } } } },
      ],
    },
  });
}
