import * as pulumi from "@pulumi/pulumi";
import { FastSink } from "./fast/sink";
import { Recorder } from "./recorder";

const waitForRPCs = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
/** A bound so a registration the mocks never answer fails the render instead of hanging it. */
const MAX_TURNS = 100_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Waits until no registration is in flight and none started during a full turn of the event loop:
 * resources registered from inside `apply` callbacks arrive after the stack outputs resolve.
 */
export async function settle(recorder: Recorder, sink?: FastSink): Promise<void> {
  const count = () => recorder.resources.length + (sink?.resources.length ?? 0);
  for (let stableTurns = 0, turns = 0; stableTurns < 3; turns++) {
    if (turns > MAX_TURNS) throw new Error(`@slipway/testing: ${recorder.inFlight} registration(s) never finished`);
    const seen = count();
    if (waitForRPCs) await waitForRPCs();
    if (sink) await sink.settled();
    await nextTurn();
    stableTurns = count() === seen && recorder.inFlight === 0 ? stableTurns + 1 : 0;
  }
}
