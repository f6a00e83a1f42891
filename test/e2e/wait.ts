/** Blocks the (synchronous) runner; every kubectl call is synchronous too, so nothing else waits. */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Polls `probe` until it returns undefined (done) or the time is up; returns the last complaint. */
export function poll(timeoutMs: number, probe: () => string | undefined): string | undefined {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const complaint = probe();
    if (complaint === undefined || Date.now() >= deadline) return complaint;
    sleep(1000);
  }
}
