import * as pulumi from "@pulumi/pulumi";
import { payments } from "./payments";

const config = new pulumi.Config("payments");

export = payments({
  platformStack: config.require("platformStack"),
  version: config.require("version"),
  ledgerHost: config.require("ledgerHost"),
  ledgerCidrs: config.requireObject<string[]>("ledgerCidrs"),
});
