import { describe, expect, it } from "vitest";
import { createShopper } from "../../../../tests/support/factories";
import { actorOf, createModerator } from "../../../../tests/support/requests";
import { db } from "@/server/db/client";
import { AppError, toActionError } from "@/server/errors";
import { getContactEmail } from "./get-contact-email";
import { updateContactEmail, updateContactEmailInput } from "./update-contact-email";

function validationOf(email: unknown) {
  const parsed = updateContactEmailInput.safeParse({ email });
  if (parsed.success) return null;
  return toActionError(parsed.error);
}

describe("the shopper's contact email", () => {
  it("is trimmed and lower-cased, can be changed and removed, and is the shopper's own", async () => {
    const shopper = actorOf(await createShopper());
    const neighbour = actorOf(await createShopper());
    await db.user.update({ where: { id: neighbour.id }, data: { contactEmail: "neighbour@example.test" } });
    expect(await getContactEmail(shopper)).toBeNull();

    await expect(updateContactEmail(shopper, updateContactEmailInput.parse({ email: "  Anna.Petrova@Example.RU " }))).resolves.toEqual({ contactEmail: "anna.petrova@example.ru" });
    expect(await getContactEmail(shopper)).toBe("anna.petrova@example.ru");

    await updateContactEmail(shopper, updateContactEmailInput.parse({ email: "anna@mail.example" }));
    expect(await getContactEmail(shopper)).toBe("anna@mail.example");

    await expect(updateContactEmail(shopper, updateContactEmailInput.parse({ email: "   " }))).resolves.toEqual({ contactEmail: null });
    expect(await getContactEmail(shopper)).toBeNull();
    expect(await getContactEmail(neighbour)).toBe("neighbour@example.test");
  });

  it("explains a mistyped address in Russian", () => {
    for (const typo of ["anna", "anna@", "anna@example", "anna petrova@example.ru", "@example.ru"]) {
      expect(validationOf(typo)).toMatchObject({ ok: false, code: "VALIDATION", message: expect.stringMatching(/^Проверьте адрес/), fieldErrors: { email: expect.stringMatching(/^Проверьте адрес/) } });
    }
    expect(validationOf(`${"a".repeat(250)}@example.ru`)).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/слишком длинный/) });
    expect(validationOf(undefined)).toMatchObject({ code: "VALIDATION", message: "Укажите email или оставьте поле пустым." });
    expect(validationOf("anna@example.ru")).toBeNull();
  });

  it("is for shoppers only", async () => {
    const moderator = await createModerator();
    const error = await updateContactEmail(moderator, { email: "mod@example.test" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect((await db.user.findUniqueOrThrow({ where: { id: moderator.id } })).contactEmail).toBeNull();
  });
});
