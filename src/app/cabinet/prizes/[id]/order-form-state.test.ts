import { describe, expect, it } from "vitest";
import { type OrderFormState, initialOrderFormState, orderFormErrors, orderFormReducer, orderInput, withPickupPointError } from "./order-form-state";

const point = { code: "MSK123", name: "Пункт на Тверской", address: "Тверская, 1", city: "Москва", workHours: null };
const empty = initialOrderFormState({ recipientName: "", recipientPhone: "", carrier: null, pickupPoint: null, deliveryEmail: "" });
const filled: OrderFormState = { recipientName: "Анна Петрова", recipientPhone: "+7 912 345-67-89", carrier: "CDEK", pickupPoint: point, deliveryEmail: "" };

describe("the order form's state", () => {
  it("starts from what the shopper gave last time, the phone written as the form shows it", () => {
    const state = initialOrderFormState({ recipientName: "Анна", recipientPhone: "+79123456789", carrier: "CDEK", pickupPoint: point, deliveryEmail: "a@b.ru" });
    expect(state).toEqual({ recipientName: "Анна", recipientPhone: "+7 912 345-67-89", carrier: "CDEK", pickupPoint: point, deliveryEmail: "a@b.ru" });
    expect(empty.recipientPhone).toBe("");
  });

  it("takes what is typed", () => {
    expect(orderFormReducer(empty, { type: "edit", field: "recipientName", value: "Анна" }).recipientName).toBe("Анна");
    expect(orderFormReducer(empty, { type: "edit", field: "deliveryEmail", value: "a@b.ru" }).deliveryEmail).toBe("a@b.ru");
  });

  it("forgets the pickup point when the carrier changes (a CDEK code is no Russian Post office), not when the same one is tapped", () => {
    expect(orderFormReducer(filled, { type: "chooseCarrier", carrier: "RUSSIAN_POST" })).toMatchObject({ carrier: "RUSSIAN_POST", pickupPoint: null });
    expect(orderFormReducer(filled, { type: "chooseCarrier", carrier: "CDEK" })).toBe(filled);
    expect(orderFormReducer(filled, { type: "choosePickupPoint", point: null }).pickupPoint).toBeNull();
  });

  it("checks a physical order for the recipient, the phone, the carrier and then the point", () => {
    expect(orderFormErrors("PHYSICAL", empty)).toEqual({
      recipientName: "Укажите имя и фамилию получателя — их спросят в пункте выдачи.",
      recipientPhone: "Укажите телефон получателя.",
      carrier: "Выберите службу доставки: СДЭК или Почта России.",
    });
    expect(orderFormErrors("PHYSICAL", { ...filled, pickupPoint: null })).toEqual({ pickupPoint: "Выберите пункт выдачи." });
    expect(orderFormErrors("PHYSICAL", { ...filled, recipientName: " А " })).toHaveProperty("recipientName");
    expect(orderFormErrors("PHYSICAL", filled)).toEqual({});
  });

  it("checks a digital order for the email only", () => {
    expect(orderFormErrors("DIGITAL", empty)).toEqual({ deliveryEmail: "Укажите email — на него придёт код приза." });
    expect(orderFormErrors("DIGITAL", { ...empty, deliveryEmail: "a@b.ru" })).toEqual({});
  });

  it("sends what each kind of prize needs, with the form's one idempotency key", () => {
    expect(orderInput({ id: 3, kind: "PHYSICAL", pointsPrice: 500 }, filled, "key-1")).toEqual({
      kind: "PHYSICAL",
      prizeId: 3,
      idempotencyKey: "key-1",
      expectedPointsPrice: 500,
      recipientName: "Анна Петрова",
      recipientPhone: "+7 912 345-67-89",
      carrier: "CDEK",
      pickupPointCode: "MSK123",
    });
    expect(orderInput({ id: 8, kind: "DIGITAL", pointsPrice: 300 }, { ...filled, deliveryEmail: "a@b.ru" }, "key-2")).toEqual({
      kind: "DIGITAL",
      prizeId: 8,
      idempotencyKey: "key-2",
      expectedPointsPrice: 300,
      deliveryEmail: "a@b.ru",
    });
    expect(orderInput({ id: 3, kind: "PHYSICAL", pointsPrice: 500 }, empty, "key-3")).toBeNull();
  });

  it("shows the server's pickup-point-code error by the picker", () => {
    expect(withPickupPointError({ pickupPointCode: "Пункт закрыт." })).toEqual({ pickupPointCode: "Пункт закрыт.", pickupPoint: "Пункт закрыт." });
    expect(withPickupPointError({ pickupPointCode: "a", pickupPoint: "b" })).toEqual({ pickupPointCode: "a", pickupPoint: "b" });
    expect(withPickupPointError(undefined)).toBeUndefined();
  });
});
