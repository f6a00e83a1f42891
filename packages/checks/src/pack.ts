/** The CrossGuard policy pack entry point: `pulumi preview --policy-pack <dir>` loads this file. */
import { PolicyPack } from "@pulumi/policy";
import { policyRules } from "./policy";

new PolicyPack("slipway", { policies: policyRules() });
