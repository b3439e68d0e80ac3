import { describe, expect, it } from "vitest";
import { pluralRu } from "./plural-ru";

const MINUTES: [string, string, string] = ["минута", "минуты", "минут"];

describe("pluralRu", () => {
  it.each([
    [1, "минута"],
    [21, "минута"],
    [101, "минута"],
    [2, "минуты"],
    [4, "минуты"],
    [22, "минуты"],
    [0, "минут"],
    [5, "минут"],
    [11, "минут"],
    [12, "минут"],
    [14, "минут"],
    [111, "минут"],
    [112, "минут"],
  ])("%i → %s", (count, form) => {
    expect(pluralRu(count, MINUTES)).toBe(form);
  });
});
