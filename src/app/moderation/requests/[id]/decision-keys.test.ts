import { describe, expect, it } from "vitest";
import { deskKeyOf, templateIndexOf } from "./decision-keys";

describe("the decision page's keys", () => {
  it("reads letters by the physical key, on either layout", () => {
    expect(deskKeyOf({ key: "a", code: "KeyA" })).toBe("approve");
    expect(deskKeyOf({ key: "ф", code: "KeyA" })).toBe("approve");
    expect(deskKeyOf({ key: "к", code: "KeyR" })).toBe("reject");
    expect(deskKeyOf({ key: "N", code: "KeyN" })).toBe("next");
    expect(deskKeyOf({ key: "я", code: "KeyZ" })).toBe("undo");
  });

  it("shows the legend on ? whichever key makes it", () => {
    expect(deskKeyOf({ key: "?", code: "Slash" })).toBe("legend");
    expect(deskKeyOf({ key: "?", code: "Digit7" })).toBe("legend");
    expect(deskKeyOf({ key: "/", code: "Slash" })).toBeNull();
  });

  it("leaves the browser's own combinations alone", () => {
    expect(deskKeyOf({ key: "a", code: "KeyA", ctrlKey: true })).toBeNull();
    expect(deskKeyOf({ key: "r", code: "KeyR", metaKey: true })).toBeNull();
    expect(deskKeyOf({ key: "z", code: "KeyZ", altKey: true })).toBeNull();
    expect(deskKeyOf({ key: "x", code: "KeyX" })).toBeNull();
  });

  it("picks templates 1–9 by their digit", () => {
    expect(templateIndexOf({ key: "1", code: "Digit1" })).toBe(0);
    expect(templateIndexOf({ key: "9", code: "Numpad9" })).toBe(8);
    expect(templateIndexOf({ key: "0", code: "Digit0" })).toBeNull();
    expect(templateIndexOf({ key: "1", code: "Digit1", ctrlKey: true })).toBeNull();
    expect(templateIndexOf({ key: "a", code: "KeyA" })).toBeNull();
  });
});
