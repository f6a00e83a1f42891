import { formatElapsed, Progress, urnName } from "@slipway/automation";
import { diagnostic, step } from "./fake-stack";

function follow(operation: "up" | "preview", events: Parameters<Progress["onEvent"]>[0][]) {
  const lines: string[] = [];
  let t = 0;
  const progress = new Progress(operation, (l) => lines.push(l), 0, () => (t += 1000));
  events.forEach((e) => progress.onEvent(e));
  return { lines, progress };
}

describe("progress lines from engine events", () => {
  it("prints a step when it starts and when it is done, with the counter and the elapsed time", () => {
    const { lines } = follow("up", [step("resourcePreEvent", "create", "cart"), step("resOutputsEvent", "create", "cart")]);
    expect(lines).toEqual([
      "[  1.0s] +  create    kubernetes:apps/v1:Deployment cart ...",
      "[  2.0s] +  created   kubernetes:apps/v1:Deployment cart  [1]",
    ]);
  });

  it("counts unchanged resources without printing them", () => {
    const { lines, progress } = follow("up", [step("resourcePreEvent", "same", "a"), step("resOutputsEvent", "same", "a"), step("resOutputsEvent", "update", "b", undefined, ["spec"])]);
    expect(lines).toEqual(["[  1.0s] ~  updated   kubernetes:apps/v1:Deployment b (spec)  [1]"]);
    expect(progress.steps).toBe(2);
  });

  it("a preview tells what would happen, once per step", () => {
    const { lines } = follow("preview", [step("resourcePreEvent", "delete", "old"), step("resOutputsEvent", "delete", "old")]);
    expect(lines).toEqual(["[  1.0s] -  delete    kubernetes:apps/v1:Deployment old  [1]"]);
  });

  it("prints failures, errors and warnings but not info diagnostics", () => {
    const { lines } = follow("up", [
      step("resOpFailedEvent", "create", "cart"),
      diagnostic("error", "no matches for kind \"Widget\"\n", "cart"),
      diagnostic("warning", "deprecated"),
      diagnostic("info", "chatter"),
    ]);
    expect(lines).toEqual([
      "[  1.0s] !  failed    kubernetes:apps/v1:Deployment cart",
      '[  2.0s] error cart: no matches for kind "Widget"',
      "[  3.0s] warning: deprecated",
    ]);
  });

  it("formats times and names", () => {
    expect(formatElapsed(3400)).toBe("3.4s");
    expect(formatElapsed(125_000)).toBe("2m05s");
    expect(urnName("urn:pulumi:dev::shop::a$b::web-ns")).toBe("web-ns");
  });
});
