import { describeStackCost } from "./cost-stacks.support";

// OpenCost's exporter requests 100m CPU and 512Mi, 2 replicas: 0.2 cores and 1 GiB. On-prem prices
// (OpenCost's own): 0.2 x 0.031611 x 730 + 1 x 0.004237 x 730 = 4.6152 + 3.0930 = 7.71 a month.
// The local Gateway's addresses are the cluster's own: its load balancer is free.
describeStackCost("local", { opencost: 7.71, gatewayLoadBalancer: 0 });
