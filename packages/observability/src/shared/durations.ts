import { checkDuration, fail, InputSite } from "@slipway/core";

// Prometheus and the operator's CRDs take units largest first, each at most once ("1h30m", never "30m1h").
const PROMETHEUS_DURATION = /^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$/;

/** Fails unless `value` is a positive Prometheus duration ("30s", "5m", "1h30m", "15d"); returns seconds. */
export function checkPrometheusDuration(site: InputSite, path: string, value: unknown, bounds: { minSeconds?: number; maxSeconds?: number } = {}): number {
  if (typeof value === "string" && value !== "" && !PROMETHEUS_DURATION.test(value)) {
    return fail(site, path, value, "is not a Prometheus duration", 'use units largest first, each once: y, w, d, h, m, s, ms, e.g. "1h30m"');
  }
  return checkDuration(site, path, value, bounds);
}
