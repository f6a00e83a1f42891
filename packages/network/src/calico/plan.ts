import * as pulumi from "@pulumi/pulumi";
import { checkDnsLabel, checkNumber, checkOneOf, fail, InputSite, Manifest, OperatorPlan, planOperator, standardLabels } from "@slipway/core";
import { tigeraImageValues } from "./chart";
import { CalicoArgs, CalicoMetrics, IpPoolArgs, PlannedIpPool } from "./args";
import { TIGERA_OPERATOR_VALUES } from "./chart";
import { planApiServer, planInstallation } from "./installation";
import { networkContext, planIpPools } from "./ip-pools";
import { CALICO_NODE_POD, CALICO_TYPHA_POD } from "./metrics";
import { NETWORK_SET_LABEL, planNetworkSets, planTenantDefaultDeny } from "./policies";
import { CALICO_SYSTEM_NAMESPACE, FELIX_METRICS_PORT, TIGERA_OPERATOR_CHART, TYPHA_METRICS_PORT } from "./versions";

/** Everything a Calico component renders, and the facts its outputs are made of. */
export interface CalicoPlan {
  mode: "calico" | "policy-only";
  /**
   * The operator's namespace, labelled `privileged` (the operator and calico/node use the host
   * network), the chart, and the custom resources that wait for its CRDs.
   */
  operator: OperatorPlan;
  pools: PlannedIpPool[];
  tenantDefaultDenyPolicy?: string;
  /** Network set name -> the labels that select it. */
  networkSets: Record<string, Record<string, string>>;
  metrics?: CalicoMetrics;
}

/** The chart installs only the operator (and its CRDs): every custom resource is ours. */
const CHART_VALUES: pulumi.Inputs = {
  installation: { enabled: false },
  apiServer: { enabled: false },
  goldmane: { enabled: false },
  whisker: { enabled: false },
  defaultFelixConfiguration: { enabled: false },
  ...TIGERA_OPERATOR_VALUES,
};

function checkFlag(site: InputSite, path: string, value: unknown, fallback: boolean): boolean {
  const flag = value ?? fallback;
  if (typeof flag !== "boolean") return fail(site, path, value, "must be true or false");
  return flag;
}

/** EKS keeps the AWS VPC CNI: the pod network is the VPC's, so pool settings would silently do nothing. */
function rejectPoolSettingsOnEks(site: InputSite, args: CalicoArgs): void {
  const hint = "drop it: on EKS Calico runs policy-only and pods take VPC addresses from the AWS VPC CNI";
  for (const field of ["ipPools", "podCidr", "bgp", "mtu"] as const) {
    if (args[field] !== undefined) fail(site, field, args[field], "does not apply to EKS", hint);
  }
}

function planPools(site: InputSite, name: string, args: CalicoArgs): PlannedIpPool[] {
  const { cluster } = args;
  const network = networkContext(site, args.podCidr, cluster.podCidr, cluster.serviceCidr, cluster.nodeCidrs);
  if (args.ipPools === undefined && !network.podCidr) {
    return fail(site, "podCidr", undefined, "is required when no ipPools are given and the cluster has no podCidr", 'set podCidr (e.g. "10.233.64.0/18") or ipPools');
  }
  const pools: IpPoolArgs[] = args.ipPools ?? [{ cidr: network.podCidr!.text }];
  return planIpPools(site, name, pools, network);
}

function needsBgp(pool: PlannedIpPool): boolean {
  return pool.encapsulation.startsWith("IPIP") || pool.encapsulation === "None";
}

/** The pure plan of a Calico installation: validated arguments in, manifests and chart values out. */
export function planCalico(site: InputSite, args: CalicoArgs): CalicoPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, 40);
  if (!args.cluster || typeof args.cluster !== "object") return fail(site, "cluster", args.cluster, "is required", "pass the Cluster Calico runs on");
  const kind = checkOneOf(site, "cluster.kind", args.cluster.kind, ["eks", "existing"] as const);
  const mode = kind === "eks" ? "policy-only" : "calico";
  const namespaceName = checkDnsLabel(site, "namespace", args.namespace ?? "tigera-operator");
  const labels = standardLabels({ name: "calico", instance: name, component: "network" });
  const operator = planOperator(site, {
    namespace: { name: namespaceName, level: "privileged", labels },
    chart: { source: TIGERA_OPERATOR_CHART, values: CHART_VALUES, imageValues: tigeraImageValues },
    overrides: args.chart,
    clusterMirror: args.cluster.imageMirror,
  });
  const chartOverrides = operator.chart.overrides;

  let pools: PlannedIpPool[] = [];
  let bgp = false;
  let mtu: number | undefined;
  if (mode === "policy-only") {
    rejectPoolSettingsOnEks(site, args);
  } else {
    pools = planPools(site, name, args);
    bgp = checkFlag(site, "bgp", args.bgp, pools.some(needsBgp));
    const routed = pools.findIndex(needsBgp);
    if (!bgp && routed >= 0) fail(site, "bgp", args.bgp, `is false but pool "${pools[routed].name}" uses ${pools[routed].encapsulation}, which routes over BGP`, "enable bgp or use VXLAN encapsulation");
    if (args.mtu !== undefined) mtu = checkNumber(site, "mtu", args.mtu, { min: 1280, max: 9000 });
  }
  const metricsOn = checkFlag(site, "metrics", args.metrics, true);
  const nodeCidrsV4 = (args.cluster.nodeCidrs ?? []).filter((cidr) => !cidr.includes(":"));

  const customResources: Manifest[] = [
    planInstallation({ mode, pools, bgp, mtu, metrics: metricsOn, registry: chartOverrides.imageRegistry && `${chartOverrides.imageRegistry}/`, nodeCidrsV4, labels }),
  ];
  if (checkFlag(site, "apiServer", args.apiServer, true)) customResources.push(planApiServer(labels));
  let tenantDefaultDenyPolicy: string | undefined;
  if (checkFlag(site, "tenantDefaultDeny", args.tenantDefaultDeny, true)) {
    const policy = planTenantDefaultDeny(name, labels);
    tenantDefaultDenyPolicy = policy.metadata.name as string;
    customResources.push(policy);
  }
  const sets = planNetworkSets(site, name, args.networkSets ?? {}, labels);
  customResources.push(...sets);

  return {
    mode,
    operator: { ...operator, customResources },
    pools,
    tenantDefaultDenyPolicy,
    networkSets: Object.fromEntries(Object.keys(args.networkSets ?? {}).map((key) => [key, { [NETWORK_SET_LABEL]: key }])),
    metrics: metricsOn
      ? { namespace: CALICO_SYSTEM_NAMESPACE, felixSelector: CALICO_NODE_POD.labels, felixPort: FELIX_METRICS_PORT, typhaSelector: CALICO_TYPHA_POD.labels, typhaPort: TYPHA_METRICS_PORT }
      : undefined,
  };
}
