import { describe, expect, it } from "vitest";
import { countRu, pluralRu } from "./plural-ru";

const MINUTES = ["минута", "минуты", "минут"] as const;

describe("pluralRu", () => {
  it.each([
    [1, "минута"],
    [21, "минута"],
    [101, "минута"],
    [1001, "минута"],
    [2, "минуты"],
    [4, "минуты"],
    [22, "минуты"],
    [34, "минуты"],
    [0, "минут"],
    [5, "минут"],
    [11, "минут"],
    [12, "минут"],
    [14, "минут"],
    [111, "минут"],
    [112, "минут"],
    [731, "минута"],
    [1.5, "минуты"],
  ])("%d → %s", (count, form) => {
    expect(pluralRu(count, MINUTES)).toBe(form);
  });

  it("takes negative counts by their size", () => {
    expect(pluralRu(-1, MINUTES)).toBe("минута");
    expect(pluralRu(-5, MINUTES)).toBe("минут");
  });
});

describe("countRu", () => {
  it("puts the count before its word", () => {
    expect(countRu(731, ["день", "дня", "дней"])).toBe("731 день");
    expect(countRu(1, ["заказ", "заказа", "заказов"])).toBe("1 заказ");
  });
});
