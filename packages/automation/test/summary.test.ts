import { changeCounts, formatSummary, hasChanges } from "@slipway/automation";

describe("change summary", () => {
  it("names each kind of change and leaves zeros out", () => {
    expect(changeCounts({ create: 14, same: 2, update: 0 })).toEqual({ created: 14, unchanged: 2 });
    expect(formatSummary("up", true, { create: 14, same: 2 }, 12_300)).toBe("up succeeded in 12.3s: 14 created, 2 unchanged");
    expect(formatSummary("destroy", false, {}, 500)).toBe("destroy failed in 0.5s");
    expect(formatSummary("up", false, { create: 1, same: 3 }, 500)).toBe("up failed in 0.5s: 1 created, 3 unchanged");
  });

  it("a preview says whether anything would change", () => {
    expect(hasChanges({ same: 5 })).toBe(false);
    expect(hasChanges({ same: 5, update: 1 })).toBe(true);
    expect(formatSummary("preview", true, { same: 5 }, 1000)).toBe("preview succeeded in 1.0s: no changes (5 unchanged)");
    expect(formatSummary("preview", true, { same: 4, update: 1 }, 1000)).toBe("preview succeeded in 1.0s: would change: 1 updated, 4 unchanged");
  });
});
