import { platform } from "./platform";

/** The platform program: `pulumi up -s <env>` (or `slipway render . --stack <env>`). Outputs feed team stacks (PlatformStack). */
export = platform();
