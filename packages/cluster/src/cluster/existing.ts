import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { checkCidr, fail, InputSite, isKnown } from "@slipway/core";
import { KUBEKEY_POD_CIDR, KUBEKEY_SERVICE_CIDR } from "../versions";
import { ExistingClusterArgs } from "./args";
import { checkCidrList, checkDisjoint } from "./cidrs";

/** What an existing cluster gives the platform, validated. */
export interface ExistingClusterPlan {
  /** The kubeconfig, checked when it resolves (a secret Output stays secret). */
  kubeconfig?: pulumi.Input<string>;
  context?: string;
  podCidr: string;
  serviceCidr: string;
  nodeCidrs?: string[];
}

/** Shown instead of a kubeconfig's text in errors: it holds credentials. */
const HIDDEN = "[kubeconfig text]";

type Named = { name?: unknown; cluster?: Record<string, unknown>; context?: Record<string, unknown>; user?: unknown };

function named(list: unknown): Named[] {
  return Array.isArray(list) ? (list.filter((e) => e && typeof e === "object") as Named[]) : [];
}

/**
 * Fails unless `text` is a kubeconfig with the wanted context (or a current-context), whose cluster
 * has an https server and whose user exists. Never echoes the text: it holds credentials.
 */
export function checkKubeconfig(site: InputSite, text: unknown, context: string | undefined): void {
  if (typeof text !== "string" || text.trim() === "") fail(site, "kubeconfig", HIDDEN, "is empty", "pass the kubeconfig YAML, e.g. config.requireSecret(\"kubeconfig\")");
  let doc: unknown;
  try {
    doc = parse(text as string);
  } catch (e) {
    return fail(site, "kubeconfig", HIDDEN, `does not parse as YAML (${(e as Error).message.split("\n")[0]})`, "pass the file kubectl uses");
  }
  if (!doc || typeof doc !== "object" || (doc as { kind?: unknown }).kind !== "Config") {
    fail(site, "kubeconfig", HIDDEN, 'is not a kubeconfig (kind is not "Config")', "pass the file kubectl uses");
  }
  const config = doc as Record<string, unknown>;
  const wanted = context ?? config["current-context"];
  if (typeof wanted !== "string" || wanted === "") fail(site, "context", context, "is required: the kubeconfig has no current-context", "set context");
  const entry = named(config.contexts).find((c) => c.name === wanted);
  if (!entry) {
    const known = named(config.contexts).map((c) => String(c.name));
    fail(site, context ? "context" : "kubeconfig", context ?? HIDDEN, `names a context "${wanted}" the kubeconfig does not have`, `use one of: ${known.join(", ") || "(none)"}`);
  }
  const clusterName = entry?.context?.cluster;
  const cluster = named(config.clusters).find((c) => c.name === clusterName);
  const server = cluster?.cluster?.server;
  if (typeof server !== "string" || !/^https:\/\/[^\s/]+/.test(server)) {
    fail(site, "kubeconfig", HIDDEN, `has no https server for cluster "${String(clusterName)}" of context "${wanted}"`, "use a kubeconfig with clusters[].cluster.server");
  }
  const userName = entry?.context?.user;
  if (!named(config.users).some((u) => u.name === userName)) {
    fail(site, "kubeconfig", HIDDEN, `has no user "${String(userName)}" for context "${wanted}"`, "use a kubeconfig with the context's user");
  }
}

/** Validates an existing cluster's args; a kubeconfig Output is checked when it resolves, keeping it secret. */
export function planExistingCluster(site: InputSite, args: ExistingClusterArgs): ExistingClusterPlan {
  if (args.context !== undefined) checkContextName(site, args.context);
  if (args.kubeconfig === undefined && args.context === undefined) {
    fail(site, "kubeconfig", undefined, "is required (or a context of the ambient kubeconfig)", 'pass kubeconfig: config.requireSecret("kubeconfig")');
  }
  const pod = checkCidr(site, "podCidr", args.podCidr ?? KUBEKEY_POD_CIDR, { min: 8, max: 24 });
  const service = checkCidr(site, "serviceCidr", args.serviceCidr ?? KUBEKEY_SERVICE_CIDR, { min: 8, max: 24 });
  const nodes = args.nodeCidrs === undefined ? [] : checkCidrList(site, "nodeCidrs", args.nodeCidrs);
  checkDisjoint(site, [
    ["podCidr", pod],
    ["serviceCidr", service],
    ...nodes.map((n, i): [string, typeof n] => [`nodeCidrs[${i}]`, n]),
  ]);
  let kubeconfig = args.kubeconfig;
  if (kubeconfig !== undefined) {
    if (isKnown(kubeconfig)) checkKubeconfig(site, kubeconfig, args.context);
    else {
      kubeconfig = pulumi.output(kubeconfig).apply((text) => {
        checkKubeconfig(site, text, args.context);
        return text;
      });
    }
  }
  return { kubeconfig, context: args.context, podCidr: pod.text, serviceCidr: service.text, nodeCidrs: args.nodeCidrs };
}

/** Context names are free-form in kubeconfigs, but a blank or multi-line one is always a mistake. */
function checkContextName(site: InputSite, context: unknown): void {
  if (typeof context !== "string" || context.trim() === "" || /\s/.test(context)) fail(site, "context", context, "is not a kubeconfig context name");
}
