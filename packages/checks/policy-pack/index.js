// The CrossGuard entry: `pulumi preview --policy-pack node_modules/@slipway/checks/policy-pack`.
require("../dist/pack");
