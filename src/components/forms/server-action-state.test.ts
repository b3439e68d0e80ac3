import { describe, expect, it } from "vitest";
import { type ServerActionState, formLevelError, initialServerActionState, serverActionReducer } from "./server-action-state";

const fresh = (fields: readonly string[] = []) => initialServerActionState({ fields });
const refused = (state: ServerActionState, error: string | null, fieldErrors: Record<string, string> = {}) => serverActionReducer(state, { type: "refused", error, fieldErrors });

describe("the shared action state", () => {
  it("is pending from the start of a call until its answer, and forgets the last outcome when a call starts", () => {
    let state = serverActionReducer(fresh(), { type: "setDone", done: "Сохранено." });
    state = refused(state, "Нет связи.", { amount: "Неверно." });
    state = serverActionReducer(state, { type: "start" });
    expect(state).toMatchObject({ pending: true, error: null, fieldErrors: {}, done: null });
    expect(serverActionReducer(state, { type: "succeeded", keepPending: false }).pending).toBe(false);
  });

  it("stays pending after a success when the page moves on, so the button stays disabled", () => {
    const state = serverActionReducer(serverActionReducer(fresh(), { type: "start" }), { type: "succeeded", keepPending: true });
    expect(state.pending).toBe(true);
  });

  it("shows a refusal's message at the form and its field errors by their fields", () => {
    const state = refused(serverActionReducer(fresh(["amount"]), { type: "start" }), "Нельзя списать 701 балл: на счёте участника 700.", { amount: "Больше, чем на счёте." });
    expect(state).toMatchObject({ pending: false, error: "Нельзя списать 701 балл: на счёте участника 700.", fieldErrors: { amount: "Больше, чем на счёте." } });
  });

  it("says a message once: not at the form when a field it shows has the same words", () => {
    const message = "Баллы за отзыв — целое число от 1 до 100 000.";
    expect(refused(fresh(["reviewPoints"]), message, { reviewPoints: message })).toMatchObject({ error: null, fieldErrors: { reviewPoints: message } });
    // A field the form does not show leaves the message at the form.
    expect(refused(fresh(["reviewPoints"]), message, { consent: message }).error).toBe(message);
    // Without a list of fields every message stays at the form.
    expect(refused(fresh(), message, { reviewPoints: message }).error).toBe(message);
  });

  it("counts refusals (each moves the focus to the first field in error)", () => {
    const state = refused(refused(fresh(), "Ошибка."), null, { title: "Укажите название." });
    expect(state.refusals).toBe(2);
    expect(state.error).toBeNull();
  });

  it("clears one field's error as it is edited, the form's message staying", () => {
    const state = refused(fresh(["name"]), "Проверьте данные.", { name: "Укажите имя.", phone: "Укажите телефон." });
    const edited = serverActionReducer(state, { type: "clearFieldError", field: "name" });
    expect(edited.fieldErrors).toEqual({ phone: "Укажите телефон." });
    expect(edited.error).toBe("Проверьте данные.");
    expect(serverActionReducer(edited, { type: "clearFieldError", field: "name" })).toBe(edited);
  });

  it("clears every message when the input passes the form's checks again", () => {
    const state = serverActionReducer(refused(fresh(), "Ошибка.", { a: "b" }), { type: "clear" });
    expect(state).toMatchObject({ error: null, fieldErrors: {}, done: null });
  });

  it("formLevelError keeps a message no shown field repeats", () => {
    expect(formLevelError(null, {}, ["a"])).toBeNull();
    expect(formLevelError("Ошибка.", { a: "Другое." }, ["a"])).toBe("Ошибка.");
    expect(formLevelError("Ошибка.", { a: "Ошибка." }, ["a"])).toBeNull();
  });
});
