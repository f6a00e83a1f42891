import type { Check } from "../types";
import { tenantRbac } from "./access";
import { leastPrivilege, workloadIdentity } from "./cloud-iam";
import { eksHardening } from "./cloud-eks";
import { registryAndZones } from "./cloud-ecr";
import { dataSurvivesDestroy } from "./data";
import { pinnedImages } from "./images";
import { tenantPodSecurity } from "./namespaces";
import { clusterIpServices, defaultDeny, policiesSelectPods } from "./network";
import { kernelDefaults, noHostNamespaces, noHostPorts, restrictedVolumes } from "./pod-host";
import { dropAllCapabilities, noPrivilegeEscalation, noRootIds, notPrivileged, readOnlyRootFilesystem, runAsNonRoot, seccompRuntimeDefault } from "./pod-security";
import { autoscalers, budgetPolicy, disruptionBudgets, replicas, spread } from "./reliability-availability";
import { apiHygiene, standardLabels } from "./reliability-hygiene";
import { probes } from "./reliability-probes";
import { ephemeralStorage, limits, requests } from "./reliability-resources";
import { rollout } from "./reliability-rollout";
import { headlessServices, routes, selectors } from "./reliability-wiring";
import { classesExist } from "./links-classes";
import { dnsReachable } from "./links-dns";
import { routeAttachment, routeCertificates, routeHostnamesMatch } from "./links-gateway";
import { podReferencesExist, routeBackends, selectorsLink } from "./links-refs";
import { trafficSplit } from "./links-traffic";
import { noPlainSecrets } from "./secrets";
import { ownServiceAccount } from "./service-accounts";

export * from "./access";
export * from "./cloud-iam";
export * from "./cloud-eks";
export * from "./cloud-ecr";
export * from "./data";
export * from "./images";
export * from "./namespaces";
export * from "./network";
export * from "./pod-host";
export * from "./pod-security";
export * from "./reliability-availability";
export * from "./reliability-hygiene";
export * from "./reliability-probes";
export * from "./reliability-resources";
export * from "./reliability-rollout";
export * from "./reliability-wiring";
export * from "./secrets";
export * from "./service-accounts";
export * from "./links-gateway";
export * from "./links-refs";
export * from "./links-dns";
export * from "./links-classes";
export * from "./links-traffic";

/** Every CHECKS.md check, in the document's order. */
export const allChecks: readonly Check[] = [
  runAsNonRoot,
  noRootIds,
  noPrivilegeEscalation,
  dropAllCapabilities,
  seccompRuntimeDefault,
  notPrivileged,
  readOnlyRootFilesystem,
  noHostNamespaces,
  restrictedVolumes,
  noHostPorts,
  kernelDefaults,
  tenantPodSecurity,
  ownServiceAccount,
  pinnedImages,
  requests,
  limits,
  ephemeralStorage,
  probes,
  replicas,
  disruptionBudgets,
  budgetPolicy,
  spread,
  autoscalers,
  rollout,
  selectors,
  headlessServices,
  routes,
  apiHygiene,
  standardLabels,
  defaultDeny,
  policiesSelectPods,
  clusterIpServices,
  tenantRbac,
  noPlainSecrets,
  workloadIdentity,
  leastPrivilege,
  eksHardening,
  registryAndZones,
  // Links: judged over every render of the cluster together (RunOptions.cluster).
  routeAttachment,
  routeHostnamesMatch,
  routeCertificates,
  routeBackends,
  selectorsLink,
  podReferencesExist,
  dnsReachable,
  classesExist,
  trafficSplit,
  dataSurvivesDestroy,
];

/** Check ids in order, e.g. ["S1", ..., "D1"]. */
export const checkIds: readonly string[] = allChecks.map((c) => c.id);

/** Each check by its CHECKS.md id. */
export const checksById: Readonly<Record<string, Check>> = Object.fromEntries(allChecks.map((c) => [c.id, c]));
