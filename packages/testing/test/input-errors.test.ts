import { SlipwayInputError } from "@slipway/core";
import { inputErrorMismatches, renderError } from "@slipway/testing";

const expected = { component: "AppService", name: "cart", field: "scale.min", shown: "5" };
const error = new SlipwayInputError({ component: "AppService", name: "cart" }, "scale.min", 5, "is greater than scale.max (3)");

describe("input error assertions", () => {
  it("accept the expected error", () => expect(inputErrorMismatches(error, expected)).toEqual([]));

  it("list every difference", () => {
    expect(inputErrorMismatches(error, { ...expected, name: "web", field: "replicas", shown: "7" })).toEqual([
      expect.stringContaining('does not name AppService "web"'),
      expect.stringContaining("does not name field replicas"),
      expect.stringContaining("does not show 7"),
      "path is scale.min, not replicas",
    ]);
    expect(inputErrorMismatches(undefined, expected)).toEqual(["no error: the program rendered"]);
    expect(inputErrorMismatches(new TypeError("x is undefined"), expected)).toEqual(["not a SlipwayInputError: x is undefined"]);
  });

  it("renderError returns what a program failed with, or undefined", async () => {
    expect(await renderError(() => undefined)).toBeUndefined();
    expect(await renderError(() => { throw error; })).toBe(error);
  });
});
