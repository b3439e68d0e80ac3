"use client";

import { Clock, Loader2, MapPin, RotateCcw, Search } from "lucide-react";
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { countRu, pluralRu } from "@/lib/plural-ru";
import { PICKUP_POINT_CITIES, matchPickupPointCity, suggestPickupPointCities } from "@/lib/pickup-point-cities";
import { PICKUP_POINT_CITY_MAX_LENGTH, PICKUP_POINT_QUERY_MAX_LENGTH, PICKUP_POINT_RESULT_LIMIT } from "@/lib/rules/pickup-point-search";

export type PickedPickupPoint = { code: string; name: string; address: string; city: string; workHours: string | null };

type Carrier = "CDEK" | "RUSSIAN_POST";

/** A point as GET /api/pickup-points answers it. */
interface PickupPointOption extends PickedPickupPoint {
  carrier: Carrier;
  postalCode: string | null;
}

type Results =
  | { state: "idle" }
  | { state: "loading"; previous: PickupPointOption[] }
  | { state: "done"; points: PickupPointOption[]; city: string; query: string }
  | { state: "failed"; message: string };

// The points in the accusative ("покажем пункты СДЭК") and the genitive ("не нашлось пунктов СДЭК").
const CARRIER_TEXT: Record<Carrier, { points: string; noPoints: string; search: string; codeLabel: string }> = {
  CDEK: { points: "пункты СДЭК", noPoints: "пунктов СДЭК", search: "Улица и дом или код пункта, например MSK123", codeLabel: "Код пункта" },
  RUSSIAN_POST: { points: "отделения Почты России", noPoints: "отделений Почты России", search: "Улица и дом или индекс, например 101000", codeLabel: "Индекс" },
};

const DEBOUNCE_MS = 300;

/** "Найден 1 пункт", "Найдено 3 пункта", "Найдено 25 пунктов". */
function foundText(count: number): string {
  return `${pluralRu(count, ["Найден", "Найдено", "Найдено"])} ${countRu(count, ["пункт", "пункта", "пунктов"])}`;
}
const NETWORK_ERROR = "Не удалось загрузить пункты выдачи: проверьте соединение с интернетом и попробуйте ещё раз.";

/**
 * Choose a CDEK pickup point or a Russian Post office: type the city (bundled cities are suggested), narrow
 * by street, code or index, tap a point. The chosen point is shown with "Изменить". Searches go to
 * /api/pickup-points as the shopper types (debounced; a stale answer never replaces a newer one).
 */
export function PickupPointPicker({
  carrier,
  value,
  onChange,
  error,
}: {
  carrier: Carrier;
  value: PickedPickupPoint | null;
  onChange(point: PickedPickupPoint | null): void;
  error?: string;
}) {
  const id = useId();
  const [city, setCity] = useState(value?.city ?? "");
  const [query, setQuery] = useState("");
  const [attempt, setAttempt] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const changing = useRef(false);

  const cityTrimmed = city.trim();
  const queryTrimmed = query.trim();
  const searching = value === null;
  // What is being searched for; null while a point is chosen or the city is too short to search.
  const searchKey = searching && cityTrimmed.length >= 2 ? JSON.stringify([carrier, cityTrimmed, queryTrimmed, attempt]) : null;

  // The results with the search they belong to. A new search starts while rendering (not in the effect), so
  // no render shows the previous search's answer as this one's; the list found last stays shown, dimmed.
  const [search, setSearch] = useState<{ key: string | null; results: Results }>({ key: null, results: { state: "idle" } });
  if (search.key !== searchKey) {
    const previous = search.results.state === "done" ? search.results.points : search.results.state === "loading" ? search.results.previous : [];
    setSearch({ key: searchKey, results: searchKey === null ? { state: "idle" } : { state: "loading", previous } });
  }
  const results = search.results;

  useEffect(() => {
    if (searchKey === null) return;
    const controller = new AbortController();
    // Only the search this effect ran for: an answer that comes in after a newer search began is dropped.
    const answer = (next: Results) => setSearch((current) => (current.key === searchKey ? { key: searchKey, results: next } : current));
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ carrier, city: cityTrimmed });
      if (queryTrimmed) params.set("q", queryTrimmed);
      try {
        const response = await fetch(`/api/pickup-points?${params}`, { signal: controller.signal, headers: { accept: "application/json" } });
        const body = (await response.json().catch(() => null)) as { ok: boolean; data?: PickupPointOption[]; message?: string } | null;
        if (controller.signal.aborted) return;
        if (!response.ok || !body?.ok || !Array.isArray(body.data)) {
          answer({ state: "failed", message: body?.message ?? NETWORK_ERROR });
          return;
        }
        answer({ state: "done", points: body.data, city: cityTrimmed, query: queryTrimmed });
      } catch {
        if (!controller.signal.aborted) answer({ state: "failed", message: NETWORK_ERROR });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [searchKey, carrier, cityTrimmed, queryTrimmed]);

  // After "Изменить", the search field takes the focus (the summary it replaced is gone).
  useEffect(() => {
    if (searching && changing.current) {
      changing.current = false;
      searchRef.current?.focus();
    }
  }, [searching]);

  const choose = useCallback(
    (point: PickupPointOption) => {
      onChange({ code: point.code, name: point.name, address: point.address, city: point.city || cityTrimmed, workHours: point.workHours });
    },
    [cityTrimmed, onChange],
  );

  function focusOption(index: number) {
    const options = listRef.current?.querySelectorAll<HTMLButtonElement>("[data-testid='pickup-point-option']");
    if (!options || options.length === 0) return;
    options[Math.max(0, Math.min(options.length - 1, index))]?.focus();
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter must not submit the order form around the picker.
    if (event.key === "Enter") event.preventDefault();
    if (event.key === "ArrowDown") {
      event.preventDefault();
      focusOption(0);
    }
  }

  function onListKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const options = [...(listRef.current?.querySelectorAll<HTMLButtonElement>("[data-testid='pickup-point-option']") ?? [])];
    const current = options.indexOf(document.activeElement as HTMLButtonElement);
    if (current === -1) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      focusOption(current + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (current === 0) searchRef.current?.focus();
      else focusOption(current - 1);
    } else if (event.key === "Home") {
      event.preventDefault();
      focusOption(0);
    } else if (event.key === "End") {
      event.preventDefault();
      focusOption(options.length - 1);
    }
  }

  const text = CARRIER_TEXT[carrier];
  const errorId = `${id}-error`;

  if (value) {
    return (
      <div className="space-y-1.5">
        <p className="text-sm font-medium">Пункт выдачи</p>
        <div
          className={cn("rounded-xl border bg-white p-4", error ? "border-red-500" : "border-brand-500 ring-2 ring-brand-200")}
          data-testid="pickup-point-chosen"
          aria-describedby={error ? errorId : undefined}
        >
          <div className="flex items-start gap-3">
            <MapPin className="mt-0.5 size-5 shrink-0 text-brand-600" aria-hidden />
            <div className="min-w-0 flex-1 space-y-0.5">
              <p className="font-medium">{value.name}</p>
              <p className="text-sm">{[value.city, value.address].filter(Boolean).join(", ")}</p>
              {value.workHours && <p className="text-xs text-muted">{value.workHours}</p>}
              <p className="text-xs text-muted">
                {text.codeLabel}: <span className="font-mono">{value.code}</span>
              </p>
            </div>
            <button
              type="button"
              className="shrink-0 rounded-lg px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
              onClick={() => {
                changing.current = true;
                setCity(value.city || city);
                onChange(null);
              }}
            >
              Изменить
            </button>
          </div>
        </div>
        {error && (
          <p id={errorId} className="text-sm text-red-700" data-testid="field-error">
            {error}
          </p>
        )}
      </div>
    );
  }

  const suggestions = suggestPickupPointCities(city);
  const showCityChips = cityTrimmed === "" || (cityTrimmed.length >= 1 && !matchPickupPointCity(city) && suggestions.length > 0);
  const shown = results.state === "done" ? results.points : results.state === "loading" ? results.previous : [];
  // "Казан" on the way to "Казань": a city name still being typed is no city without points.
  const stillTypingCity = !matchPickupPointCity(city) && suggestions.length > 0;

  return (
    <fieldset className="space-y-3" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium">Пункт выдачи</legend>

      <div className="space-y-1.5">
        <label htmlFor={`${id}-city`} className="text-xs text-muted">
          Город
        </label>
        <Input
          id={`${id}-city`}
          value={city}
          onChange={(event) => setCity(event.target.value)}
          onKeyDown={(event) => event.key === "Enter" && event.preventDefault()}
          list={`${id}-cities`}
          autoComplete="address-level2"
          placeholder="Например, Москва"
          maxLength={PICKUP_POINT_CITY_MAX_LENGTH}
          data-testid="pickup-point-city"
        />
        <datalist id={`${id}-cities`}>
          {PICKUP_POINT_CITIES.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {showCityChips && (
          <div className="flex flex-wrap gap-1.5" aria-label="Города">
            {suggestions.map((name) => (
              <button
                key={name}
                type="button"
                className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-700 hover:bg-brand-100"
                onClick={() => {
                  setCity(name);
                  searchRef.current?.focus();
                }}
              >
                {name}
              </button>
            ))}
          </div>
        )}
      </div>

      <div className="space-y-1.5">
        <label htmlFor={`${id}-search`} className="text-xs text-muted">
          Улица, код пункта или индекс
        </label>
        <div className="relative">
          <Search className="pointer-events-none absolute left-3.5 top-1/2 size-4 -translate-y-1/2 text-muted" aria-hidden />
          <Input
            ref={searchRef}
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onSearchKeyDown}
            placeholder={text.search}
            maxLength={PICKUP_POINT_QUERY_MAX_LENGTH}
            autoComplete="off"
            enterKeyHint="search"
            className="pl-10"
            aria-invalid={Boolean(error)}
            aria-controls={`${id}-results`}
            data-testid="pickup-point-search"
          />
        </div>
      </div>

      <div aria-live="polite" className="text-sm" data-testid="pickup-point-status">
        {cityTrimmed.length < 2 ? (
          <p className="text-muted">Укажите город — покажем {text.points} в нём.</p>
        ) : results.state === "loading" && shown.length === 0 ? (
          <p className="flex items-center gap-2 text-muted">
            <Loader2 className="size-4 animate-spin" aria-hidden /> Ищем {text.points}…
          </p>
        ) : results.state === "failed" ? (
          <div className="flex items-start justify-between gap-3 rounded-xl bg-red-50 px-4 py-3 text-red-800 ring-1 ring-red-200" role="alert">
            <span>{results.message}</span>
            <button type="button" className="inline-flex shrink-0 items-center gap-1 font-medium text-brand-700" onClick={() => setAttempt((n) => n + 1)}>
              <RotateCcw className="size-3.5" aria-hidden /> Ещё раз
            </button>
          </div>
        ) : results.state === "done" && results.points.length === 0 ? (
          <p className="rounded-xl bg-white px-4 py-3 text-muted ring-1 ring-line" data-testid="pickup-point-empty">
            {results.query
              ? `По запросу «${results.query}» в городе ${results.city} ничего не нашлось. Попробуйте только название улицы, код пункта или индекс.`
              : stillTypingCity
                ? "Допишите название города или выберите его в подсказках."
                : `В городе «${results.city}» не нашлось ${text.noPoints}. Проверьте название или выберите ближайший крупный город.`}
          </p>
        ) : results.state === "done" ? (
          <p className="text-muted">
            {results.points.length >= PICKUP_POINT_RESULT_LIMIT
              ? `Показаны первые ${PICKUP_POINT_RESULT_LIMIT} — уточните улицу, чтобы найти свой`
              : foundText(results.points.length)}
          </p>
        ) : null}
      </div>

      {shown.length > 0 && (
        <ul
          ref={listRef}
          id={`${id}-results`}
          aria-label="Пункты выдачи"
          aria-busy={results.state === "loading"}
          onKeyDown={onListKeyDown}
          className={cn("max-h-96 space-y-2 overflow-y-auto overscroll-contain rounded-xl p-0.5", results.state === "loading" && "opacity-60")}
        >
          {shown.map((point) => (
            <li key={`${point.carrier}:${point.code}`}>
              <button
                type="button"
                onClick={() => choose(point)}
                className="flex w-full items-start gap-3 rounded-xl bg-white p-3 text-left ring-1 ring-line transition-colors hover:bg-brand-50 hover:ring-brand-200 focus-visible:bg-brand-50"
                data-testid="pickup-point-option"
                data-code={point.code}
              >
                <MapPin className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden />
                <span className="min-w-0 flex-1">
                  <span className="block font-medium">{point.name}</span>
                  <span className="block text-sm">{point.address}</span>
                  {point.workHours && (
                    <span className="mt-0.5 flex items-center gap-1 text-xs text-muted">
                      <Clock className="size-3 shrink-0" aria-hidden /> {point.workHours}
                    </span>
                  )}
                </span>
                <span className="shrink-0 font-mono text-xs text-muted">{point.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {error && (
        <p id={errorId} className="text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
