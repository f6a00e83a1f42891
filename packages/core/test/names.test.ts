import { checkDnsLabel, checkDnsSubdomain, childName, InputSite, isDns1123Label, isDns1123Subdomain, shortHash } from "@slipway/core";

import { expectInputError } from "./support";

const site: InputSite = { component: "AppService", name: "cart" };


const GOOD_LABELS = ["a", "0", "cart", "cart-redis", "a1", "1a", "123", "a-b-c", "a--b", "x".repeat(63), `a${"-".repeat(61)}z`];

const BAD_LABELS: [unknown, string][] = [
  ["", "non-empty"],
  [undefined, "non-empty"],
  [null, "non-empty"],
  [42, "non-empty"],
  [["cart"], "non-empty"],
  [{ name: "cart" }, "non-empty"],
  ["x".repeat(64), "64 characters long, more than 63"],
  ["Cart", "DNS-1123 label"],
  ["CART", "DNS-1123 label"],
  ["-cart", "DNS-1123 label"],
  ["cart-", "DNS-1123 label"],
  ["-", "DNS-1123 label"],
  ["cart_redis", "DNS-1123 label"],
  ["cart.redis", "DNS-1123 label"],
  ["cart redis", "DNS-1123 label"],
  [" cart", "DNS-1123 label"],
  ["cart\n", "DNS-1123 label"],
  ["café", "DNS-1123 label"],
  ["cart/redis", "DNS-1123 label"],
  ["cart:1", "DNS-1123 label"],
  ["*", "DNS-1123 label"],
  ["cart@shop", "DNS-1123 label"],
];

describe("isDns1123Label", () => {
  it.each(GOOD_LABELS)("accepts %j", (value) => expect(isDns1123Label(value)).toBe(true));
  it.each(["", "A", "a_b", "a.b", "-a", "a-", "x".repeat(64)])("rejects %j", (value) => expect(isDns1123Label(value)).toBe(false));
});

describe("checkDnsLabel", () => {
  it.each(GOOD_LABELS)("returns the valid label %j", (value) => {
    expect(checkDnsLabel(site, "metadata.name", value)).toBe(value);
  });

  it.each(BAD_LABELS)("rejects %j (%s)", (value, problem) => {
    expectInputError(() => checkDnsLabel(site, "metadata.name", value), "metadata.name", value, problem);
  });

  it("honours a tighter maximum length", () => {
    expect(checkDnsLabel(site, "ports[0].name", "abcdefghij", 10)).toBe("abcdefghij");
    expectInputError(() => checkDnsLabel(site, "ports[0].name", "abcdefghijk", 10), "ports[0].name", "abcdefghijk", "11 characters long, more than 10");
  });

  it("never accepts more than 63 characters, even with a looser maximum", () => {
    expectInputError(() => checkDnsLabel(site, "name", "x".repeat(64), 100), "name", "x".repeat(64), "not a DNS-1123 label");
  });

  it("tells how to fix the name", () => {
    expect(() => checkDnsLabel(site, "name", "Cart")).toThrow("Fix: use lowercase letters, digits and '-'");
  });
});

const GOOD_SUBDOMAINS = ["cart", "cart-config", "cart.shop", "a.b.c.d", "0.1", "cert-manager.io", "x".repeat(63), `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`];

const BAD_SUBDOMAINS: unknown[] = [
  "",
  undefined,
  null,
  7,
  true,
  ["cart"],
  "Cart.shop",
  "cart..shop",
  ".cart",
  "cart.",
  ".",
  "-cart.shop",
  "cart-.shop",
  "cart.-shop",
  "cart_config",
  "cart config",
  "cart/config",
  "cart:config",
  "x".repeat(64),
  `${"x".repeat(64)}.shop`,
  `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`,
  "*.cart",
  "cärt.shop",
];

describe("isDns1123Subdomain", () => {
  it.each(GOOD_SUBDOMAINS)("accepts %j", (value) => expect(isDns1123Subdomain(value)).toBe(true));
  it.each(["", ".", "a..b", "A.b", "a.b.", "x".repeat(254)])("rejects %j", (value) => expect(isDns1123Subdomain(value)).toBe(false));
});

describe("checkDnsSubdomain", () => {
  it("accepts exactly 253 characters", () => {
    expect(GOOD_SUBDOMAINS[GOOD_SUBDOMAINS.length - 1]).toHaveLength(253);
    expect(BAD_SUBDOMAINS[20]).toHaveLength(254);
  });

  it.each(GOOD_SUBDOMAINS)("returns the valid subdomain %j", (value) => {
    expect(checkDnsSubdomain(site, "configMap.name", value)).toBe(value);
  });

  it.each(BAD_SUBDOMAINS)("rejects %j", (value) => {
    expectInputError(() => checkDnsSubdomain(site, "configMap.name", value), "configMap.name", value, "is not a DNS-1123 subdomain");
  });
});

describe("shortHash", () => {
  it("is the first six hex characters of the SHA-256 by default", () => {
    // SHA-256("abc") starts ba7816bf8f01cfea...
    expect(shortHash("abc")).toBe("ba7816");
  });

  it("takes a custom length", () => {
    expect(shortHash("abc", 10)).toBe("ba7816bf8f");
  });

  it("differs for inputs that differ by one character", () => {
    expect(shortHash("cart-config")).not.toBe(shortHash("cart-configs"));
  });
});

describe("childName", () => {
  it.each([
    ["cart", "config", "cart-config"],
    ["cart", "redis-headless", "cart-redis-headless"],
    ["shop", "", "shop"],
  ])("joins %j and %j into %j", (parent, suffix, expected) => {
    expect(childName(parent, suffix)).toBe(expected);
  });

  it("is deterministic", () => {
    const parent = "p".repeat(60);
    expect(childName(parent, "config")).toBe(childName(parent, "config"));
  });

  it("keeps a name of exactly the maximum length whole", () => {
    const parent = "a".repeat(56);
    expect(childName(parent, "config")).toBe(`${parent}-config`);
    expect(childName(parent, "config")).toHaveLength(63);
  });

  it("truncates too long a name to 63 characters ending in a hash of the full name", () => {
    const parent = "a".repeat(60);
    const name = childName(parent, "config");
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toBe(`${"a".repeat(56)}-${shortHash(`${parent}-config`)}`);
    expect(isDns1123Label(name)).toBe(true);
  });

  it("keeps distinct long inputs distinct", () => {
    const parent = "tenant-with-a-very-long-name-that-fills-most-of-the-label";
    const names = ["config", "configs", "secret", "headless", "metrics"].map((suffix) => childName(parent, suffix));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(63);
  });

  it("keeps names distinct that only differ after the cut", () => {
    const parent = "x".repeat(70);
    expect(childName(parent, "a")).not.toBe(childName(parent, "b"));
  });

  it("drops separators left dangling at the cut, so no '--' appears before the hash", () => {
    // The cut at 56 characters lands right after "-" here.
    const parent = `${"a".repeat(55)}-bbbbbbbbbb`;
    const name = childName(parent, "config");
    expect(name).toBe(`${"a".repeat(55)}-${shortHash(`${parent}-config`)}`);
    expect(name).not.toContain("--");
  });

  it("honours a custom maximum length", () => {
    const name = childName("cart-redis", "headless", 15);
    expect(name).toHaveLength(15);
    expect(name).toBe(`cart-red-${shortHash("cart-redis-headless")}`);
  });
});
