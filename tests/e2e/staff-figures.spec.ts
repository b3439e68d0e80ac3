import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { DEMO, signInStaff } from "./helpers";

/** A Moscow date `daysAgo` days before today, "YYYY-MM-DD" (Moscow is UTC+3 all year). */
function moscowDate(daysAgo: number): string {
  return new Date(Date.now() + 3 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

test("brand staff open the figures, change the date range and download a block as CSV", async ({ page }) => {
  await signInStaff(page, DEMO.staff);
  // `/\/staff$/` would also match /login/staff: anchor on the port.
  await expect(page).toHaveURL(/:\d+\/staff$/);
  await page.getByRole("link", { name: "Показатели" }).click();
  await expect(page).toHaveURL(/\/staff\/figures$/);
  await expect(page.getByRole("heading", { name: "Показатели программы" })).toBeVisible();
  const range = page.getByTestId("figures-range");
  await expect(range).toBeVisible();
  await expect(page.getByTestId("figures-from")).toHaveValue(moscowDate(29));
  await expect(page.getByTestId("figures-to")).toHaveValue(moscowDate(0));
  for (const block of ["participants", "requests", "approval", "decisions", "points", "orders", "stock", "products", "receipts", "repeat", "cohorts"]) {
    await expect(page.getByTestId(`figures-block-${block}`)).toBeVisible();
  }

  // A range of its own through the form…
  const from = moscowDate(59);
  const to = moscowDate(10);
  await page.getByTestId("figures-from").fill(from);
  await page.getByTestId("figures-to").fill(to);
  await page.getByTestId("figures-apply").click();
  await expect(page).toHaveURL(new RegExp(`/staff/figures\\?from=${from}&to=${to}$`));
  await expect(page.getByTestId("figures-from")).toHaveValue(from);
  await expect(page.getByTestId("figures-export-requests")).toHaveAttribute("href", `/staff/figures/export?block=requests&from=${from}&to=${to}`);

  // …and a preset.
  await page.getByTestId("figures-preset-7").click();
  await expect(page).toHaveURL(new RegExp(`/staff/figures\\?from=${moscowDate(6)}&to=${moscowDate(0)}$`));
  await expect(page.getByTestId("figures-from")).toHaveValue(moscowDate(6));

  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("figures-export-requests").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`figures-requests-${moscowDate(6)}-${moscowDate(0)}.csv`);
  const text = (await readFile((await download.path())!)).toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split("\r\n");
  expect(lines[0]).toBe("Дата;Заявок подано");
  // One row per day of the 7, then the total.
  expect(lines[1]).toBe(`${moscowDate(6)};${lines[1]!.split(";")[1]}`);
  expect(lines[8]).toMatch(/^Итого;\d+$/);
});
