import { describe, expect, it } from "vitest";
import { orderNumbersText } from "./order-labels";

describe("orderNumbersText", () => {
  it("names one order in the singular and several in the plural", () => {
    expect(orderNumbersText([71])).toBe("заказ №71");
    expect(orderNumbersText([71, 72])).toBe("заказы №71, №72");
  });
});
