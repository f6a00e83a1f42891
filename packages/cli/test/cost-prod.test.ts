import { describeStackCost } from "./cost-stacks.support";

// eu-west-1: m6i.xlarge at $0.214/h split in OpenCost's CPU:RAM ratio (0.031611 : 0.004237 per hour):
// 0.214 / (4 x 0.031611 + 16 x 0.004237) = 1.10175, so per core 1.10175 x 0.031611 x 730 = 25.424 and
// per GiB 1.10175 x 0.004237 x 730 = 3.4077 a month. OpenCost (0.2 cores, 1 GiB): 5.0848 + 3.4077 = 8.49.
// The Gateway is one NLB: $0.0252/h x 730 = 18.40 a month.
describeStackCost("prod", { opencost: 8.49, gatewayLoadBalancer: 18.4 });
