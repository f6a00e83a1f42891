import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { InputSite, NamedPort } from "@slipway/core";
import type { Consent } from "./consent";

/** One side of a connection: pods selected by labels in a namespace, or addresses outside the cluster. */
export interface ConnectionEndpoint {
  /** Names the endpoint in errors and policy names: `AppService "cart"`. */
  readonly site: InputSite;
  readonly namespace: string;
  /** Labels selecting the endpoint's pods; absent for addresses outside the cluster. */
  readonly podSelector?: Record<string, string>;
  /** Ports the endpoint serves (container ports: what NetworkPolicies match). */
  readonly servedPorts: NamedPort[];
  /** CIDR blocks of an endpoint outside the cluster. */
  readonly externalCidrs?: string[];
  /** The provider of the endpoint's cluster. */
  readonly provider?: k8s.Provider;
  /** The component that owns the endpoint (connections become its children); none for another stack's app. */
  readonly owner?: pulumi.Resource;
  /** The tenant's name, for consent and messages. @default the namespace */
  readonly tenantName?: string;
  /** Owned by another stack: this stack writes no policy into its namespace. @default false */
  readonly remote?: boolean;
  /** Callers from other tenants the owner consents to (tenants or endpoints). @default none */
  readonly accepts?: readonly Consent[];
  /** Tenants the platform grants calls into this endpoint's tenant (maybe known only at deploy time). @default none */
  readonly grants?: pulumi.Input<readonly string[]>;
}

/** Options of `a.connectTo(b, options)`. */
export interface ConnectOptions {
  /** Names of b's ports a may call. @default every port b serves */
  ports?: string[];
}
