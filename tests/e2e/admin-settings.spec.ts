import { expect, test } from "./fixtures";
import { DEMO, signInStaff } from "./helpers";

// The administrator's calendar and rejection templates. Every change made here is undone (the holiday
// removed, the new template hidden), so the other journeys on the same database see the seeded state.

test("the administrator adds a holiday to the calendar, sees it listed, and removes it", async ({ page }) => {
  await signInStaff(page, DEMO.admin);
  await expect(page).toHaveURL(/\/moderation$/);

  // Reachable from the administrator's other areas.
  await page.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Администрирование" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Календарь", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Производственный календарь" })).toBeVisible();
  await page.getByRole("navigation", { name: "Год" }).getByRole("link", { name: "2027", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/calendar\?year=2027$/);

  // The seeded production calendar: 2027 has no decree yet, so 249 business days.
  await expect(page.getByTestId("calendar-day-2027-05-10")).toContainText("Перенос выходного с 9 мая");
  await expect(page.getByTestId("calendar-summary")).toContainText("249");

  const form = page.getByTestId("calendar-day-form");
  // A Saturday is a day off already: refused with a clear message.
  await form.getByLabel("Дата", { exact: true }).fill("2027-08-21");
  await form.getByLabel("Тип дня").selectOption("HOLIDAY");
  await form.getByRole("button", { name: "Добавить", exact: true }).click();
  // Said once, by the field it is about.
  await expect(form.getByTestId("field-error")).toContainText("21 августа 2027 (суббота) — это и так выходной");
  await expect(form.getByTestId("form-error")).toHaveCount(0);
  await expect(page.getByTestId("calendar-day-2027-08-21")).toHaveCount(0);

  await form.getByLabel("Дата", { exact: true }).fill("2027-08-18");
  await form.getByLabel("Тип дня").selectOption("HOLIDAY");
  await form.getByLabel("Примечание").fill("Выходной для проверки (e2e)");
  await form.getByRole("button", { name: "Добавить", exact: true }).click();
  await expect(form.getByTestId("form-success")).toContainText("Добавлено: 18 августа 2027 (среда) — выходной");

  const row = page.getByTestId("calendar-day-2027-08-18");
  await expect(row).toContainText("18 августа, ср");
  await expect(row).toContainText("Выходной для проверки (e2e)");
  await expect(page.getByTestId("calendar-summary")).toContainText("248");
  await page.reload();
  await expect(row).toContainText("Выходной для проверки (e2e)");

  await row.getByRole("button", { name: "Удалить" }).click();
  await row.getByRole("button", { name: "Да, удалить 18 августа" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("calendar-summary")).toContainText("249");
});

test("the administrator adds and edits a rejection template", async ({ page }) => {
  await signInStaff(page, DEMO.admin);
  await expect(page).toHaveURL(/\/moderation$/);
  await page.goto("/admin/templates");
  await expect(page.getByRole("heading", { name: "Шаблоны отказов", level: 1 })).toBeVisible();
  const list = page.getByTestId("templates");
  await expect(list).toContainText("Фото нечитаемо");
  await expect(list).toContainText("Чек не подтверждает покупку");

  const title = `Проверка ${Date.now()}`;
  const create = page.getByTestId("template-create-form");
  await create.getByLabel("Название").fill(title);
  await create.getByLabel("Для какой части").selectOption("REVIEW");
  await create.getByLabel("Текст для участника").fill("Отзыв не найден по ссылке.");
  await create.getByRole("button", { name: "Добавить шаблон" }).click();
  await expect(create.getByTestId("form-success")).toContainText("Шаблон добавлен");

  const created = list.locator("li").filter({ hasText: title });
  await expect(created).toContainText("Только отзыв");
  const testId = await created.getAttribute("data-testid");
  expect(testId).toMatch(/^template-\d+$/);
  const row = page.getByTestId(testId!);

  await row.getByRole("button", { name: "Изменить" }).click();
  const edit = row.getByTestId("template-edit-form");
  await edit.getByLabel("Название").fill(`${title} (изменён)`);
  await edit.getByLabel("Для какой части").selectOption("ANY");
  await edit.getByLabel("Текст для участника").fill("Отзыв по ссылке не найден — проверьте ссылку.");
  await edit.getByRole("button", { name: "Сохранить" }).click();
  await expect(edit).toHaveCount(0);
  await expect(row.getByTestId("template-title")).toHaveText(`${title} (изменён)`);
  await expect(row.getByTestId("template-text")).toHaveText("Отзыв по ссылке не найден — проверьте ссылку.");
  await expect(row).toContainText("Отзыв и чек");

  await page.reload();
  await expect(row.getByTestId("template-title")).toHaveText(`${title} (изменён)`);
  // Hidden again, so moderators keep seeing only the standard templates.
  await row.getByRole("button", { name: "Скрыть от модераторов" }).click();
  await expect(row.getByRole("button", { name: "Показывать модераторам" })).toBeVisible();
});

test("moderators get 403 in the admin area", async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 403/, "the refused admin pages answer 403 on purpose");
  await signInStaff(page, DEMO.moderator);
  await expect(page).toHaveURL(/\/moderation$/);
  await expect(page.getByRole("link", { name: "Администрирование" })).toHaveCount(0);
  for (const url of ["/admin/calendar", "/admin/templates", "/admin"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { name: "Нет доступа к этому разделу" })).toBeVisible();
    await expect(page.getByText("Производственный календарь")).toHaveCount(0);
  }
});

// A fresh browser context per role: no sign-out racing the next sign-in's session cookie.
test("brand staff get 403 in the admin area", async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 403/, "the refused admin page answers 403 on purpose");
  await signInStaff(page, DEMO.staff);
  await expect(page).toHaveURL(/:\d+\/staff$/); // the staff area, not /login/staff
  const response = await page.goto("/admin/calendar");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Нет доступа к этому разделу" })).toBeVisible();
});
