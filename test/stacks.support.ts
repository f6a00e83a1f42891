import * as path from "path";
import { loadProject, loadStackConfig } from "@slipway/cli";
import { render, Rendered, RenderOptions } from "@slipway/testing";
import { platform } from "../stacks/platform/platform";

export const ROOT = path.resolve(__dirname, "..");
export const CRD_DIR = path.resolve(ROOT, "../shared/crds");
export const STACKS = ["local", "dev", "staging", "prod"] as const;

/** A stack's config as `slipway render` reads it from stacks/Pulumi.<stack>.yaml. */
export function stackConfig(stack: string): Pick<RenderOptions, "config" | "secretConfigKeys"> {
  const { config, secretKeys } = loadStackConfig(loadProject(ROOT), stack);
  return { config, secretConfigKeys: secretKeys };
}

/** Renders the platform program for a stack, optionally with changed config. */
export function renderStack(stack: string, change: (config: Record<string, unknown>) => void = () => undefined, options: Pick<RenderOptions, "fast"> = {}): Promise<Rendered> {
  const { config, secretConfigKeys } = stackConfig(stack);
  const copy = structuredClone(config) as Record<string, unknown>;
  change(copy);
  return render(() => platform(), { project: "platform", stack, config: copy, secretConfigKeys, ...options });
}
