import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field } from "./field";

const render = (element: React.ReactElement) => renderToStaticMarkup(element);

describe("Field", () => {
  it("labels its control and describes it by the hint", () => {
    const html = render(
      <Field id="amount" label="Баллы" hint="Положительное число начисляет.">
        {(control) => <input {...control} name="amount" />}
      </Field>,
    );
    expect(html).toBe(
      '<div class="space-y-1.5"><label for="amount" class="text-sm font-medium">Баллы</label><input id="amount" aria-invalid="false" aria-describedby="amount-hint" name="amount"/>' +
        '<p id="amount-hint" class="text-xs text-muted">Положительное число начисляет.</p></div>',
    );
  });

  it("with an error marks the control invalid and describes it by the hint and the error", () => {
    const html = render(
      <Field id="amount" label="Баллы" hint="Подсказка." error="Больше, чем на счёте.">
        {(control) => <input {...control} />}
      </Field>,
    );
    expect(html).toContain('<input id="amount" aria-invalid="true" aria-describedby="amount-hint amount-error"/>');
    expect(html).toContain('<p id="amount-error" class="text-sm text-red-700" data-testid="field-error">Больше, чем на счёте.</p>');
    expect(html.indexOf("amount-hint\" class")).toBeLessThan(html.indexOf("amount-error\" class"));
  });

  it("lets the error take the hint's place when asked", () => {
    const html = render(
      <Field id="phone" label="Телефон" hint="Пришлём SMS." hideHintOnError error="Укажите телефон.">
        {(control) => <input {...control} />}
      </Field>,
    );
    expect(html).not.toContain("Пришлём SMS.");
    expect(html).toContain('aria-describedby="phone-error"');
  });

  it("describes nothing without a hint or an error, and can be marked invalid for a message shown at the form", () => {
    expect(render(<Field id="x" label="X">{(control) => <input {...control} />}</Field>)).toContain('<input id="x" aria-invalid="false"/>');
    expect(render(<Field id="x" label="X" invalid>{(control) => <input {...control} />}</Field>)).toContain('<input id="x" aria-invalid="true"/>');
  });
});
