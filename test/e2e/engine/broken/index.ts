import * as k8s from "@pulumi/kubernetes";

// No CRD defines this kind: the API server cannot take it, and `slipway up` must say so.
new k8s.apiextensions.CustomResource("widget", {
  apiVersion: "widgets.e2e.slipway.dev/v1",
  kind: "Widget",
  metadata: { name: "widget", namespace: "web" },
  spec: { size: 3 },
});
