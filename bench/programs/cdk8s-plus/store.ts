import { Chart, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-34";
import { CatalogStore, STORE_CLASS } from "../../catalog";
import { CONTAINER_SECURITY, labelsOf, sized, tcpProbes } from "./pod";

const REDIS_PORT = 6379;

/** One team store in cdk8s-plus: credentials Secret, SA, headless and client Services, StatefulSet with a claim. */
export function plusStore(chart: Chart, s: CatalogStore): kplus.StatefulSet {
  const { name } = s;
  const labels = labelsOf(name, "redis");
  // cdk8s cannot generate a password at deploy time: a fake placeholder stands in for one.
  const secret = new kplus.Secret(chart, `${name}-credentials`, { metadata: { name: `${name}-credentials`, labels }, stringData: { REDIS_PASSWORD: `fake-bench-password-${name}` } });
  const serviceAccount = new kplus.ServiceAccount(chart, `${name}-sa`, { metadata: { name, labels }, automountToken: false });
  const headless = new kplus.Service(chart, `${name}-headless`, { metadata: { name: `${name}-headless`, labels }, clusterIP: "None", publishNotReadyAddresses: true, ports: [{ name: "redis", port: REDIS_PORT, targetPort: REDIS_PORT }] });
  const statefulSet = new kplus.StatefulSet(chart, name, {
    metadata: { name, labels },
    service: headless,
    serviceAccount,
    automountServiceAccountToken: false,
    replicas: 1,
    podManagementPolicy: kplus.PodManagementPolicy.ORDERED_READY,
    podMetadata: { labels },
    securityContext: { ensureNonRoot: true, user: 999, group: 999, fsGroup: 999, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH },
    volumeClaimTemplates: [{ name: "data", storage: Size.gibibytes(5), storageClassName: STORE_CLASS, accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] }],
    containers: [
      {
        name: "redis",
        image: "redis:7.4.2",
        args: ["redis-server", "--appendonly", "yes", "--requirepass", "$(REDIS_PASSWORD)"],
        ports: [{ name: "redis", number: REDIS_PORT }],
        envVariables: { REDIS_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: "REDIS_PASSWORD" }) },
        resources: sized(250, 1000, 512),
        securityContext: CONTAINER_SECURITY,
        ...tcpProbes(REDIS_PORT, 15),
        volumeMounts: [
          { path: "/data", volume: kplus.Volume.fromEmptyDir(chart, `${name}-data`, "data") },
          { path: "/tmp", volume: kplus.Volume.fromEmptyDir(chart, `${name}-tmp`, "redis-tmp", { sizeLimit: Size.mebibytes(256) }) },
        ],
      },
    ],
  });
  statefulSet.scheduling.spread({ topology: kplus.Topology.HOSTNAME });
  new kplus.Service(chart, `${name}-client`, { metadata: { name, labels }, selector: statefulSet, ports: [{ name: "redis", port: REDIS_PORT, targetPort: REDIS_PORT }] });
  return statefulSet;
}
