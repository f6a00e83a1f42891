import { fail, InputSite, showValue, SlipwayInputError } from "@slipway/core";

const site: InputSite = { component: "AppService", name: "cart" };

describe("showValue", () => {
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  const longList = Array.from({ length: 50 }, (_, i) => i);

  it.each<[string, unknown, string]>([
    ["a string, quoted", "cart", '"cart"'],
    ["an empty string", "", '""'],
    ["a string with quotes, escaped", 'say "hi"', '"say \\"hi\\""'],
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a function", () => 1, "a function"],
    ["an integer", 5, "5"],
    ["a negative fraction", -0.25, "-0.25"],
    ["NaN", NaN, "NaN"],
    ["Infinity", Infinity, "Infinity"],
    ["-Infinity", -Infinity, "-Infinity"],
    ["a bigint", 10n, "10"],
    ["a boolean", true, "true"],
    ["an object, as JSON", { min: 5, max: 3 }, '{"min":5,"max":3}'],
    ["an array, as JSON", ["a", 1], '["a",1]'],
    ["a circular object, via String", circular, "[object Object]"],
    ["a symbol, via String", Symbol("x"), "Symbol(x)"],
  ])("shows %s", (_label, value, shown) => {
    expect(showValue(value)).toBe(shown);
  });

  it("cuts long JSON to 80 characters ending in an ellipsis", () => {
    const shown = showValue(longList);
    expect(shown).toHaveLength(80);
    expect(shown.endsWith("...")).toBe(true);
    expect(shown.startsWith("[0,1,2,3")).toBe(true);
  });

  it("keeps JSON of exactly 80 characters whole", () => {
    const value = "x".repeat(76);
    const shown = showValue([value]);
    expect(shown).toBe(`["${value}"]`);
    expect(shown).toHaveLength(80);
  });
});

describe("SlipwayInputError", () => {
  it("names the component, the field path, the bad value, the problem and the fix", () => {
    const error = new SlipwayInputError(site, "scale.min", 5, "is greater than scale.max (3)", "lower scale.min or raise scale.max");
    expect(error.message).toBe('AppService "cart": scale.min (5) is greater than scale.max (3). Fix: lower scale.min or raise scale.max');
  });

  it("leaves the fix out when there is no hint", () => {
    const error = new SlipwayInputError({ component: "Tenant", name: "shop" }, "quota.cpu", "lots", "is not a Kubernetes quantity");
    expect(error.message).toBe('Tenant "shop": quota.cpu ("lots") is not a Kubernetes quantity');
    expect(error.hint).toBeUndefined();
  });

  it("keeps every part as a property for programs that react to it", () => {
    const value = { port: 0 };
    const error = new SlipwayInputError(site, "ports[0]", value, "is out of range", "use 1-65535");
    expect(error.site).toEqual(site);
    expect(error.path).toBe("ports[0]");
    expect(error.value).toBe(value);
    expect(error.problem).toBe("is out of range");
    expect(error.hint).toBe("use 1-65535");
  });

  it("is an Error named SlipwayInputError with a stack", () => {
    const error = new SlipwayInputError(site, "port", -1, "is below the minimum 1");
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(SlipwayInputError);
    expect(error.name).toBe("SlipwayInputError");
    expect(error.stack).toContain("SlipwayInputError");
  });
});

describe("fail", () => {
  it("throws a SlipwayInputError carrying its arguments", () => {
    let caught: unknown;
    try {
      fail(site, "env.REDIS_HOST", 42, "must be a string", "quote the value");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SlipwayInputError);
    const error = caught as SlipwayInputError;
    expect(error.message).toBe('AppService "cart": env.REDIS_HOST (42) must be a string. Fix: quote the value');
    expect(error.path).toBe("env.REDIS_HOST");
    expect(error.value).toBe(42);
  });

  it("can stand in an expression because it never returns", () => {
    const pick = (value: string | undefined): string => value ?? fail(site, "image", value, "is required");
    expect(pick("nginx:1.27")).toBe("nginx:1.27");
    expect(() => pick(undefined)).toThrow('AppService "cart": image (undefined) is required');
  });
});
