import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { InputSite, NamedPort } from "@slipway/core";

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
  /** The component that owns the endpoint (connections become its children). */
  readonly owner: pulumi.Resource;
}

/** Options of `a.connectTo(b, options)`. */
export interface ConnectOptions {
  /** Names of b's ports a may call. @default every port b serves */
  ports?: string[];
}
