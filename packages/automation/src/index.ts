export { runStack, stackOutputs, outputValues, defaultRunDeps } from "./run";
export type { RunOptions, RunResult, RunDeps, ChangedStep } from "./run";
export { openStack, engineEnv, findPulumi } from "./stack";
export type { EngineStack, OpenStackOptions } from "./stack";
export { Progress, formatElapsed, urnName } from "./progress";
export type { Operation } from "./progress";
export { formatSummary, changeCounts, hasChanges } from "./summary";
export type { ChangeCounts } from "./summary";
