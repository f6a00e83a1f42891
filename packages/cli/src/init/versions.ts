import { readFileSync } from "fs";
import { join } from "path";

/** The version of the @slipway packages this CLI belongs to (they are released together). */
export const SLIPWAY_VERSION = (JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { version: string }).version;

/**
 * What a team stack installs besides the @slipway packages, at the ranges this repository builds and
 * tests with (a test keeps them equal to its root package.json): one @pulumi/pulumi for everything.
 */
export const TEAM_DEPENDENCIES: Record<string, string> = {
  "@pulumi/pulumi": "~3.248.0",
  "@pulumi/kubernetes": "^4.34.2",
  "@pulumi/random": "^4.21.2",
};

export const TEAM_DEV_DEPENDENCIES: Record<string, string> = {
  "@types/jest": "^29.5.14",
  "@types/node": "^20.19.0",
  jest: "^29.7.0",
  "ts-jest": "^29.4.15",
  typescript: "~5.9.3",
};

/**
 * The @slipway packages a team stack needs, each with everything it depends on (a test keeps these
 * closed over the packages' own dependencies): the components to deploy, the CLI and test kit to develop.
 */
export const TEAM_PACKAGES = {
  dependencies: ["apps", "core", "network"],
  devDependencies: ["automation", "checks", "cli", "testing"],
} as const;
