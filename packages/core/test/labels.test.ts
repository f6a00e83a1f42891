import { checkLabelValue, InputSite, isLabelValue, MANAGED_BY, selectorLabels, standardLabels } from "@slipway/core";

import { expectInputError } from "./support";

const site: InputSite = { component: "AppService", name: "cart" };


const GOOD_VALUES = ["", "a", "Z", "0", "cart", "v1.4.2", "1.4.2", "My_App-2", "a.b_c-d", "A-_.z", "x".repeat(63)];
const BAD_VALUES: unknown[] = [
  undefined,
  null,
  3,
  ["cart"],
  "x".repeat(64),
  "-cart",
  "cart-",
  "_cart",
  "cart_",
  ".cart",
  "cart.",
  "cart redis",
  "cart/redis",
  "cart:1",
  "1.0+build",
  "café",
  "cart\n",
];

describe("isLabelValue", () => {
  it.each(GOOD_VALUES)("accepts %j", (value) => expect(isLabelValue(value)).toBe(true));
  it.each(["x".repeat(64), "-a", "a-", "a b", "a/b"])("rejects %j", (value) => expect(isLabelValue(value)).toBe(false));
});

describe("checkLabelValue", () => {
  it.each(GOOD_VALUES)("returns the valid value %j", (value) => {
    expect(checkLabelValue(site, "labels.team", value)).toBe(value);
  });

  it.each(BAD_VALUES)("rejects %j", (value) => {
    expectInputError(() => checkLabelValue(site, "labels.team", value), "labels.team", value, "is not a valid label value");
  });
});

describe("selectorLabels", () => {
  it("holds exactly the name and the instance, which never change between versions", () => {
    expect(selectorLabels({ name: "cart", instance: "cart-blue", component: "server", partOf: "shop", version: "1.4.2" })).toEqual({
      "app.kubernetes.io/name": "cart",
      "app.kubernetes.io/instance": "cart-blue",
    });
  });

  it("defaults the instance to the name", () => {
    expect(selectorLabels({ name: "cart" })).toEqual({
      "app.kubernetes.io/name": "cart",
      "app.kubernetes.io/instance": "cart",
    });
  });
});

describe("standardLabels", () => {
  it("holds the full app.kubernetes.io set, managed by slipway", () => {
    expect(standardLabels({ name: "cart", instance: "cart-blue", component: "server", partOf: "shop", version: "1.4.2" })).toEqual({
      "app.kubernetes.io/name": "cart",
      "app.kubernetes.io/instance": "cart-blue",
      "app.kubernetes.io/component": "server",
      "app.kubernetes.io/part-of": "shop",
      "app.kubernetes.io/version": "1.4.2",
      "app.kubernetes.io/managed-by": "slipway",
    });
  });

  it("leaves out the optional labels that are not given", () => {
    expect(standardLabels({ name: "redis" })).toEqual({
      "app.kubernetes.io/name": "redis",
      "app.kubernetes.io/instance": "redis",
      "app.kubernetes.io/managed-by": "slipway",
    });
  });

  it("leaves out a version that is not a valid label value rather than render a bad object", () => {
    const labels = standardLabels({ name: "cart", version: "1.4.2+build.7" });
    expect(labels).not.toHaveProperty(["app.kubernetes.io/version"]);
    expect(Object.keys(labels)).toHaveLength(3);
  });

  it("contains the selector labels, so selectors always match", () => {
    const id = { name: "cart", instance: "cart-1", component: "server", partOf: "shop" };
    expect(standardLabels(id)).toMatchObject(selectorLabels(id));
  });

  it("produces only valid label values for valid identities", () => {
    const labels = standardLabels({ name: "cart", component: "server", partOf: "shop", version: "v2" });
    for (const value of Object.values(labels)) expect(isLabelValue(value)).toBe(true);
  });

  it("exports the manager name it stamps", () => {
    expect(MANAGED_BY).toBe("slipway");
  });
});
