import { createHash } from "crypto";

/** A short deterministic hex digest: fake ids and values that are stable across renders. */
export function digest(seed: string, length = 16): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** Deterministic bytes of any length, derived from `seed`. */
export function deterministicBytes(seed: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (let block = 0; total < length; block++) {
    const chunk = createHash("sha256").update(`${seed}#${block}`).digest();
    chunks.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, length);
}
