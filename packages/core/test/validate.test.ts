import {
  checkCidr,
  checkDuration,
  checkEmail,
  checkHostname,
  checkIp,
  checkNumber,
  checkOneOf,
  checkPort,
  checkPortName,
  checkQuantity,
  checkUrl,
  cidrsOverlap,
  InputSite,
  parseCidr,
  parseDuration,
  parseQuantity,
} from "@slipway/core";

import { expectInputError } from "./support";

const site: InputSite = { component: "AppService", name: "cart" };


describe("checkNumber", () => {
  it.each<[number, Parameters<typeof checkNumber>[3]]>([
    [5, {}],
    [-3, undefined],
    [0, { min: 0 }],
    [10, { min: 0, max: 10 }],
    [1.5, { integer: false }],
    [0.25, { min: 0, max: 1, integer: false }],
  ])("returns %p within %p", (value, bounds) => {
    expect(checkNumber(site, "scale.min", value, bounds)).toBe(value);
  });

  it.each<[unknown, Parameters<typeof checkNumber>[3], string]>([
    ["5", {}, "must be a number"],
    [NaN, {}, "must be a number"],
    [Infinity, {}, "must be a number"],
    [-Infinity, {}, "must be a number"],
    [null, {}, "must be a number"],
    [undefined, {}, "must be a number"],
    [true, {}, "must be a number"],
    [[1], {}, "must be a number"],
    [5n, {}, "must be a number"],
    [1.5, {}, "must be a whole number"],
    [0, { min: 1 }, "is below the minimum 1"],
    [-1, { min: 0 }, "is below the minimum 0"],
    [11, { max: 10 }, "is above the maximum 10"],
    [0.5, { min: 1, integer: false }, "is below the minimum 1"],
  ])("rejects %p with %p (%s)", (value, bounds, problem) => {
    expectInputError(() => checkNumber(site, "scale.min", value, bounds), "scale.min", value, problem);
  });
});

describe("checkPort", () => {
  it.each([1, 22, 80, 443, 8080, 65535])("returns the port %p", (port) => {
    expect(checkPort(site, "port", port)).toBe(port);
  });

  it.each<[unknown, string]>([
    [0, "below the minimum 1"],
    [-1, "below the minimum 1"],
    [65536, "above the maximum 65535"],
    [1e6, "above the maximum 65535"],
    [80.5, "whole number"],
    ["80", "must be a number"],
    [NaN, "must be a number"],
    [null, "must be a number"],
    [undefined, "must be a number"],
  ])("rejects %p (%s)", (value, problem) => {
    expectInputError(() => checkPort(site, "port", value), "port", value, problem);
  });
});

describe("checkPortName", () => {
  it.each(["http", "metrics", "h2c", "grpc-web", "a", "x1", "web-8080", "a".repeat(15)])("returns %p", (name) => {
    expect(checkPortName(site, "ports.web.name", name)).toBe(name);
  });

  it.each<unknown>(["", "HTTP", "Http", "-http", "http-", "ht--tp", "8080", "1-2", "a".repeat(16), "http_api", "http.api", "http api", 80, undefined])(
    "rejects %p",
    (value) => {
      expectInputError(() => checkPortName(site, "ports.web.name", value), "ports.web.name", value, "is not a valid port name");
    },
  );
});

describe("checkOneOf", () => {
  const kinds = ["harbor", "ecr"] as const;

  it.each(kinds)("returns the allowed value %p", (kind) => {
    expect(checkOneOf(site, "registry.kind", kind, kinds)).toBe(kind);
  });

  it.each<unknown>(["Harbor", "", "gcr", " harbor", undefined, null, 1, ["harbor"]])("rejects %p, listing the choices", (value) => {
    expectInputError(() => checkOneOf(site, "registry.kind", value, kinds), "registry.kind", value, "must be one of harbor, ecr");
  });
});

describe("parseQuantity", () => {
  it.each<[string, number]>([
    ["500m", 0.5],
    ["250m", 0.25],
    ["1", 1],
    ["1.5", 1.5],
    [".5", 0.5],
    ["1.", 1],
    ["1Ki", 1024],
    ["1Mi", 2 ** 20],
    ["512Mi", 512 * 2 ** 20],
    ["1Gi", 2 ** 30],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["1Ti", 2 ** 40],
    ["1Pi", 2 ** 50],
    ["1Ei", 2 ** 60],
    ["1k", 1000],
    ["1M", 1e6],
    ["1G", 1e9],
    ["1T", 1e12],
    ["1P", 1e15],
    ["1E", 1e18],
    ["1e3", 1000],
    ["1E3", 1000],
    ["5e+2", 500],
    ["0", 0],
  ])("parses %p as %p", (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it.each<[string, number]>([
    ["100n", 1e-7],
    ["100u", 1e-4],
    ["1e-3", 0.001],
  ])("parses the tiny %p as about %p", (text, expected) => {
    expect(parseQuantity(text)).toBeCloseTo(expected, 12);
  });

  it.each(["", "abc", "Gi", "-1", "+1", "1KB", "1Kib", "1gi", "1g", "1 Gi", " 1", "1.5.5", "1e", "1e400", "1e3Gi", "1_000"])("returns undefined for %p", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe("checkQuantity", () => {
  it.each<[Parameters<typeof checkQuantity>[3], unknown, number]>([
    ["cpu", "500m", 0.5],
    ["cpu", "2", 2],
    ["cpu", 1.5, 1.5],
    ["cpu", "100m", 0.1],
    ["memory", "256Mi", 256 * 2 ** 20],
    ["memory", "1Mi", 2 ** 20],
    ["memory", "2Gi", 2 * 2 ** 30],
    ["memory", "1G", 1e9],
    ["memory", 2 ** 30, 2 ** 30],
    ["storage", "10Gi", 10 * 2 ** 30],
    ["storage", "1Ti", 2 ** 40],
    ["count", "20", 20],
    ["count", "1k", 1000],
    ["count", 3, 3],
  ])("as %p, returns %p in base units", (kind, value, expected) => {
    expect(checkQuantity(site, "resources.value", value, kind)).toBe(expected);
  });

  it("treats a quantity as memory by default", () => {
    expect(checkQuantity(site, "quota.memory", "64Gi")).toBe(64 * 2 ** 30);
    expectInputError(() => checkQuantity(site, "quota.memory", "64"), "quota.memory", "64", "missing suffix");
  });

  it.each<[Parameters<typeof checkQuantity>[3], unknown, string]>([
    ["cpu", "", "is not a Kubernetes quantity"],
    ["cpu", "abc", "is not a Kubernetes quantity"],
    ["cpu", "-1", "is not a Kubernetes quantity"],
    ["cpu", "1 cpu", "is not a Kubernetes quantity"],
    ["cpu", "two", "is not a Kubernetes quantity"],
    ["cpu", "1e400", "is not a Kubernetes quantity"],
    ["cpu", NaN, "is not a Kubernetes quantity"],
    ["cpu", Infinity, "is not a Kubernetes quantity"],
    ["cpu", null, "is not a Kubernetes quantity"],
    ["cpu", undefined, "is not a Kubernetes quantity"],
    ["cpu", true, "is not a Kubernetes quantity"],
    ["cpu", { cores: 2 }, "is not a Kubernetes quantity"],
    ["cpu", "0", "must be greater than zero"],
    ["cpu", "0m", "must be greater than zero"],
    ["cpu", 0, "must be greater than zero"],
    ["cpu", -2, "must be greater than zero"],
    ["memory", "512", "less than 1Mi"],
    ["memory", "512k", "less than 1Mi"],
    ["memory", "1023Ki", "less than 1Mi"],
    ["memory", 512, "less than 1Mi"],
    ["memory", "1GB", "is not a Kubernetes quantity"],
    ["memory", "1gi", "is not a Kubernetes quantity"],
    ["memory", "2 Gi", "is not a Kubernetes quantity"],
    ["memory", "Gi", "is not a Kubernetes quantity"],
    ["memory", "1.5.Gi", "is not a Kubernetes quantity"],
    ["storage", "100Ki", "less than 1Mi"],
    ["storage", "10GiB", "is not a Kubernetes quantity"],
    ["count", "1.5", "must be a whole number"],
    ["count", "500m", "must be a whole number"],
    ["count", 2.5, "must be a whole number"],
  ])("as %p, rejects %p (%s)", (kind, value, problem) => {
    expectInputError(() => checkQuantity(site, "resources.value", value, kind), "resources.value", value, problem);
  });

  it.each<[Parameters<typeof checkQuantity>[3], string]>([
    ["cpu", 'Fix: use cores or millicores, e.g. "500m" or "2"'],
    ["memory", 'Fix: use bytes with a binary suffix, e.g. "256Mi" or "2Gi"'],
    ["storage", 'Fix: use bytes with a binary suffix, e.g. "10Gi"'],
    ["count", 'Fix: use a whole number, e.g. "20"'],
  ])("gives a %p hint", (kind, hint) => {
    expect(() => checkQuantity(site, "resources.value", "lots", kind)).toThrow(hint);
  });
});

describe("parseDuration", () => {
  it.each<[string, number]>([
    ["30s", 30],
    ["5m", 300],
    ["1h30m", 5400],
    ["1m30s", 90],
    ["1h0m0s", 3600],
    ["15d", 15 * 86400],
    ["1w", 604800],
    ["1y", 31536000],
    ["500ms", 0.5],
    ["2h45m30s", 2 * 3600 + 45 * 60 + 30],
    ["1s500ms", 1.5],
    ["0s", 0],
  ])("parses %p as %p seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "30", "s", "1.5h", "-5m", "5 m", "5M", "1h30", "5min", "PT5M"])("returns undefined for %p", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("checkDuration", () => {
  it.each<[string, Parameters<typeof checkDuration>[3], number]>([
    ["30s", {}, 30],
    ["1h30m", undefined, 5400],
    ["10s", { minSeconds: 10 }, 10],
    ["1h", { maxSeconds: 3600 }, 3600],
    ["15d", { minSeconds: 3600, maxSeconds: 90 * 86400 }, 15 * 86400],
  ])("returns %p within %p as %p seconds", (value, bounds, seconds) => {
    expect(checkDuration(site, "metrics.interval", value, bounds)).toBe(seconds);
  });

  it.each<[unknown, Parameters<typeof checkDuration>[3], string]>([
    ["", {}, "is not a duration"],
    ["30", {}, "is not a duration"],
    ["s", {}, "is not a duration"],
    ["m5", {}, "is not a duration"],
    ["1.5h", {}, "is not a duration"],
    ["-5m", {}, "is not a duration"],
    ["+5m", {}, "is not a duration"],
    ["5 m", {}, "is not a duration"],
    [" 5m", {}, "is not a duration"],
    ["5m ", {}, "is not a duration"],
    ["5M", {}, "is not a duration"],
    ["5S", {}, "is not a duration"],
    ["1h30", {}, "is not a duration"],
    ["5min", {}, "is not a duration"],
    ["5sec", {}, "is not a duration"],
    ["PT5M", {}, "is not a duration"],
    ["1d-2h", {}, "is not a duration"],
    ["5m\n", {}, "is not a duration"],
    [30, {}, "is not a duration"],
    [null, {}, "is not a duration"],
    [undefined, {}, "is not a duration"],
    [["5m"], {}, "is not a duration"],
    ["0s", {}, "must be longer than zero"],
    ["0h0m", {}, "must be longer than zero"],
    ["5s", { minSeconds: 10 }, "is shorter than 10s"],
    ["2h", { maxSeconds: 3600 }, "is longer than 3600s"],
  ])("rejects %p within %p (%s)", (value, bounds, problem) => {
    expectInputError(() => checkDuration(site, "metrics.interval", value, bounds), "metrics.interval", value, problem);
  });

  it("suggests the accepted form", () => {
    expect(() => checkDuration(site, "metrics.interval", "5 minutes")).toThrow('Fix: use a number with a unit, e.g. "30s"');
  });
});

describe("checkIp", () => {
  it.each<[string, 4 | 6 | undefined]>([
    ["10.0.0.12", undefined],
    ["0.0.0.0", undefined],
    ["255.255.255.255", 4],
    ["10.86.67.11", 4],
    ["fd00::1", undefined],
    ["::1", 6],
    ["::", 6],
    ["2001:db8::8a2e:370:7334", 6],
    ["::ffff:10.0.0.1", 6],
  ])("returns %p (family %p)", (ip, family) => {
    expect(checkIp(site, "ingressIp", ip, family)).toBe(ip);
  });

  it.each<[unknown, 4 | 6 | undefined, string]>([
    ["", undefined, "is not an IPv4 or IPv6 address"],
    ["256.0.0.1", undefined, "is not an IPv4 or IPv6 address"],
    ["10.0.0", undefined, "is not an IPv4 or IPv6 address"],
    ["10.0.0.1.2", undefined, "is not an IPv4 or IPv6 address"],
    ["010.0.0.1", undefined, "is not an IPv4 or IPv6 address"],
    ["10.0.0.1/32", undefined, "is not an IPv4 or IPv6 address"],
    [" 10.0.0.1", undefined, "is not an IPv4 or IPv6 address"],
    ["fd00:::1", undefined, "is not an IPv4 or IPv6 address"],
    ["gggg::1", undefined, "is not an IPv4 or IPv6 address"],
    ["localhost", undefined, "is not an IPv4 or IPv6 address"],
    [167772161, undefined, "is not an IPv4 or IPv6 address"],
    [null, undefined, "is not an IPv4 or IPv6 address"],
    [undefined, undefined, "is not an IPv4 or IPv6 address"],
    ["fd00::1", 4, "is not an IPv4 address"],
    ["10.0.0.1", 6, "is not an IPv6 address"],
  ])("rejects %p for family %p (%s)", (value, family, problem) => {
    expectInputError(() => checkIp(site, "ingressIp", value, family), "ingressIp", value, problem);
  });

  it("gives an example of the family asked for", () => {
    expect(() => checkIp(site, "ip", "x", 6)).toThrow('e.g. "fd00::1"');
    expect(() => checkIp(site, "ip", "x", 4)).toThrow('e.g. "10.0.0.12"');
  });
});

describe("parseCidr", () => {
  it.each<[string, 4 | 6, bigint, number]>([
    ["10.0.0.0/8", 4, 0x0a000000n, 8],
    ["10.233.64.0/18", 4, 0x0ae94000n, 18],
    ["192.168.1.7/32", 4, 0xc0a80107n, 32],
    ["0.0.0.0/0", 4, 0n, 0],
    ["fd00::/8", 6, 0xfdn << 120n, 8],
    ["::/0", 6, 0n, 0],
    ["2001:db8::/32", 6, 0x20010db8n << 96n, 32],
    ["1:2:3:4:5:6:7:8/128", 6, 0x00010002000300040005000600070008n, 128],
    ["::ffff:10.0.0.0/104", 6, 0xffff0a000000n, 104],
    ["64:ff9b::192.0.2.0/120", 6, (0x64ff9bn << 96n) + 0xc0000200n, 120],
  ])("parses %p as family %p, base %p, prefix %p", (text, family, base, prefix) => {
    expect(parseCidr(text)).toEqual({ family, base, prefix, text });
  });

  it.each(["", "10.0.0.0", "10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/08", "fd00::1/64", "fd00::/129", "fe80::1%eth0/128", "10.0.0.0/8/8"])("returns undefined for %p", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe("cidrsOverlap", () => {
  const block = (text: string) => {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`bad fixture ${text}`);
    return cidr;
  };

  it.each<[string, string, boolean]>([
    ["10.0.0.0/8", "10.1.0.0/16", true],
    ["10.0.0.0/16", "10.1.0.0/16", false],
    ["10.233.64.0/18", "10.233.0.0/18", false],
    ["10.233.64.0/18", "10.233.64.0/18", true],
    ["0.0.0.0/0", "192.168.1.0/24", true],
    ["192.168.0.0/24", "192.168.1.0/24", false],
    ["10.0.0.0/32", "10.0.0.1/32", false],
    ["172.16.0.0/12", "172.31.255.0/24", true],
    ["172.16.0.0/12", "172.32.0.0/16", false],
    ["fd00::/8", "fd12:3456::/32", true],
    ["fd00::/64", "fd00:0:0:1::/64", false],
    ["2001:db8::/32", "2001:db9::/32", false],
    ["::/0", "2001:db8::/32", true],
    ["fd00::/120", "fd00::80/121", true],
    ["fd00::/121", "fd00::80/121", false],
    ["::ffff:10.0.0.0/104", "::ffff:10.0.0.0/120", true],
    ["::ffff:10.0.0.0/120", "::ffff:10.0.1.0/120", false],
    ["10.0.0.0/8", "fd00::/8", false],
    ["0.0.0.0/0", "::/0", false],
  ])("%p and %p overlap: %p (either way round)", (a, b, overlap) => {
    expect(cidrsOverlap(block(a), block(b))).toBe(overlap);
    expect(cidrsOverlap(block(b), block(a))).toBe(overlap);
  });
});

describe("checkCidr", () => {
  it.each<[string, Parameters<typeof checkCidr>[3], 4 | 6, number]>([
    ["10.233.64.0/18", {}, 4, 18],
    ["10.0.0.0/8", undefined, 4, 8],
    ["0.0.0.0/0", {}, 4, 0],
    ["192.168.1.7/32", {}, 4, 32],
    ["fd00::/64", {}, 6, 64],
    ["::/0", {}, 6, 0],
    ["2001:db8::/32", {}, 6, 32],
    ["10.96.0.0/12", { min: 12, max: 24 }, 4, 12],
    ["10.96.0.0/24", { min: 12, max: 24 }, 4, 24],
  ])("accepts %p within %p", (value, bounds, family, prefix) => {
    expect(checkCidr(site, "podCidr", value, bounds)).toMatchObject({ family, prefix, text: value });
  });

  it.each<[unknown, Parameters<typeof checkCidr>[3], string]>([
    ["", {}, "is not a CIDR block"],
    ["10.0.0.0", {}, "is not a CIDR block"],
    ["10.0.0.0/", {}, "is not a CIDR block"],
    ["10.0.0.0/33", {}, "is not a CIDR block"],
    ["10.0.0.0/-1", {}, "is not a CIDR block"],
    ["10.0.0.0/8/8", {}, "is not a CIDR block"],
    ["10.0.0.0/08", {}, "is not a CIDR block"],
    ["10.0.0.0/ 8", {}, "is not a CIDR block"],
    ["10.0.0.0/8 ", {}, "is not a CIDR block"],
    ["10.0.0/8", {}, "is not a CIDR block"],
    ["256.0.0.0/8", {}, "is not a CIDR block"],
    ["010.0.0.0/8", {}, "is not a CIDR block"],
    ["10.0.0.0/8x", {}, "is not a CIDR block"],
    ["ten.0.0.0/8", {}, "is not a CIDR block"],
    ["/8", {}, "is not a CIDR block"],
    ["fd00::/129", {}, "is not a CIDR block"],
    ["fd00:::/64", {}, "is not a CIDR block"],
    ["fd00::/1000", {}, "is not a CIDR block"],
    ["fe80::1%eth0/128", {}, "is not a CIDR block"],
    [10, {}, "is not a CIDR block"],
    [null, {}, "is not a CIDR block"],
    [undefined, {}, "is not a CIDR block"],
    [["10.0.0.0/8"], {}, "is not a CIDR block"],
    ["10.233.64.1/18", {}, "has host bits set"],
    ["10.0.0.1/8", {}, "has host bits set"],
    ["fd00::1/64", {}, "has host bits set"],
    ["::ffff:10.0.0.1/120", {}, "has host bits set"],
    ["10.0.0.0/8", { min: 16 }, "is larger than a /16"],
    ["10.0.0.0/30", { max: 28 }, "is smaller than a /28"],
  ])("rejects %p within %p (%s)", (value, bounds, problem) => {
    expectInputError(() => checkCidr(site, "podCidr", value, bounds), "podCidr", value, problem);
  });

  it("tells how to fix host bits", () => {
    expect(() => checkCidr(site, "podCidr", "10.233.64.1/18")).toThrow("Fix: use the network address of the block");
  });
});

describe("checkHostname", () => {
  const longest = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;

  it.each<[string, boolean]>([
    ["cart.shop.example.com", false],
    ["example.com", false],
    ["a.b", false],
    ["xn--bcher-kva.example", false],
    ["cart.10.86.67.11.nip.io", false],
    ["1.2.3.4.nip.io", false],
    [longest, false],
    ["*.apps.example.com", true],
    ["cart.example.com", true],
  ])("returns %p (wildcard allowed: %p)", (host, wildcard) => {
    expect(longest).toHaveLength(253);
    expect(checkHostname(site, "expose.host", host, { wildcard })).toBe(host);
  });

  it.each<[unknown, boolean]>([
    ["", false],
    ["localhost", false],
    ["cart", false],
    ["Cart.example.com", false],
    ["cart..example.com", false],
    [".example.com", false],
    ["example.com.", false],
    ["-cart.example.com", false],
    ["cart-.example.com", false],
    ["cart_1.example.com", false],
    ["cart example.com", false],
    ["https://cart.example.com", false],
    ["cart.example.com/path", false],
    ["cart.example.com:443", false],
    ["10.0.0.1", false],
    ["fd00::1", false],
    ["*.example.com", false],
    ["*.com", true],
    ["a.*.example.com", true],
    ["**.example.com", true],
    [`${"x".repeat(64)}.com`, false],
    [`${longest}x`, false],
    ["ünicode.example.com", false],
    [42, false],
    [null, false],
    [undefined, false],
  ])("rejects %p (wildcard allowed: %p)", (value, wildcard) => {
    expectInputError(() => checkHostname(site, "expose.host", value, { wildcard }), "expose.host", value, "is not a fully qualified hostname");
  });
});

describe("checkEmail", () => {
  it.each(["platform@example.com", "first.last+alerts@sub.example.co"])("returns %p", (email) => {
    expect(checkEmail(site, "alerts.email", email)).toBe(email);
  });

  it.each<unknown>(["", "platform", "platform@", "@example.com", "platform@example", "plat form@example.com", "a@b@example.com", 42, null])("rejects %p", (value) => {
    expectInputError(() => checkEmail(site, "alerts.email", value), "alerts.email", value, "is not an email address");
  });
});

describe("checkUrl", () => {
  it.each<[string, string]>([
    ["https://example.com", "example.com"],
    ["http://grafana.monitoring.svc:3000/path?q=1", "grafana.monitoring.svc"],
    ["https://10.0.0.1:8443", "10.0.0.1"],
  ])("parses %p with host %p", (value, hostname) => {
    const url = checkUrl(site, "logging.endpoint", value);
    expect(url).toBeInstanceOf(URL);
    expect(url.hostname).toBe(hostname);
  });

  it("takes other schemes when asked", () => {
    expect(checkUrl(site, "backup.target", "s3://bucket/key", ["s3:"]).hostname).toBe("bucket");
  });

  it.each<unknown>(["", "example.com", "ftp://example.com", "https://", "file:///etc/hosts", "http//example.com", "https://exa mple.com", "mailto:a@example.com", "javascript:void(0)", 42, null, undefined])(
    "rejects %p",
    (value) => {
      expectInputError(() => checkUrl(site, "logging.endpoint", value), "logging.endpoint", value, "is not a URL with scheme https or http");
    },
  );

  it("rejects a scheme outside the allowed list, naming the allowed ones", () => {
    expectInputError(() => checkUrl(site, "webhook", "http://example.com", ["https:"]), "webhook", "http://example.com", "is not a URL with scheme https");
  });
});
