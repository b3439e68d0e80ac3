import "server-only";
import { z } from "zod";
import type { Carrier } from "@/generated/prisma/enums";
import { HOUR_MS } from "@/lib/moscow-time";
import { displayCityName, normalizeCityName, normalizeSearchText } from "@/lib/pickup-point-cities";
import type { PickupPointDirectory, PickupPointRecord, PickupPointSearch } from "./pickup-point-directory";
import { type ApiAnswer, PickupPointLookupError, excerpt, parseJsonAnswer, requestCarrierApi } from "./pickup-point-lookup-error";
import { queryWords, searchLimit } from "./point-search-index";

/**
 * Russian Post's office lookup in the otpravka.pochta.ru API (https://otpravka.pochta.ru/specification#/services-postoffice),
 * every request with `Authorization: AccessToken <token>` and `X-User-Authorization: Basic <base64 login:password>`:
 *   - `GET /postoffice/1.0/{index}` → one office: `postal-code`, `settlement`, `region`, `address-source`,
 *     `latitude`/`longitude`, `working-hours: [{ weekday-id, begin-worktime, end-worktime, lunches }]`,
 *     `is-closed`, `is-temporary-closed`, `type-code`; 404 when there is no such office;
 *   - `GET /postoffice/1.0/settlement.offices.codes?settlement=…` → the settlement's indexes `["101000", …]`;
 *   - `GET /postoffice/1.0/by-address?address=…&top=N` → `{ is-matched, postoffices: ["125009", …] }`, the
 *     offices serving (nearest to) an address, nearest first.
 * Search asks for the indexes (by the street when one is typed), then reads each office (a few at a time,
 * remembered for an hour). Closed offices are left out: nothing can be collected there.
 */
const SERVICE = "Russian Post";
const DEFAULT_TIMEOUT_MS = 10_000;
const OFFICE_TTL_MS = HOUR_MS;
/** Each office is one request: a search reads at most this many. */
const MAX_OFFICES_PER_SEARCH = 30;
const CONCURRENT_REQUESTS = 6;
const MAX_CACHED_OFFICES = 5_000;

export interface RussianPostConfig {
  accessToken: string;
  /** base64 of "login:password", as the X-User-Authorization header carries it. */
  loginKey: string;
  baseUrl: string;
  timeoutMs?: number;
  now?: () => number;
}

const optionalText = z.string().optional().nullable().catch(undefined);
const optionalNumber = z.coerce.number().finite().optional().nullable().catch(undefined);
const hoursSchema = z.object({
  "weekday-id": z.coerce.number().int().min(1).max(7),
  "begin-worktime": optionalText,
  "end-worktime": optionalText,
  lunches: z
    .array(z.object({ "begin-lunchtime": optionalText, "end-lunchtime": optionalText }))
    .optional()
    .nullable()
    .catch(undefined),
});
const officeSchema = z.object({
  "postal-code": z.union([z.string(), z.number()]).transform(String),
  settlement: optionalText,
  region: optionalText,
  "address-source": optionalText,
  latitude: optionalNumber,
  longitude: optionalNumber,
  "is-closed": z.boolean().optional().nullable().catch(undefined),
  "is-temporary-closed": z.boolean().optional().nullable().catch(undefined),
  "type-code": optionalText,
  "working-hours": z.array(z.unknown()).optional().nullable().catch(undefined),
});
const indexListSchema = z.array(z.union([z.string(), z.number()]).transform(String));
const byAddressSchema = z.object({ postoffices: indexListSchema.optional().nullable() });

export class RussianPostDirectory implements PickupPointDirectory {
  readonly name = "russian-post";
  private readonly offices = new Map<string, { value: PickupPointRecord | null; expiresAt: number }>();

  constructor(private readonly config: RussianPostConfig) {}

  async search(search: PickupPointSearch): Promise<PickupPointRecord[]> {
    if (search.carrier !== "RUSSIAN_POST") return [];
    const city = displayCityName(search.city);
    if (!normalizeCityName(city)) return [];
    const limit = Math.min(searchLimit(search.limit), MAX_OFFICES_PER_SEARCH);
    const query = search.query?.trim() ?? "";

    // An index typed in full: that office, if it is in this city.
    const compact = normalizeSearchText(query).replace(/ /g, "");
    if (/^\d{6}$/.test(compact)) {
      const office = await this.office(compact);
      return office && sameCity(office.city, city) ? [office] : [];
    }

    const indexes = queryWords(query, city).length > 0 ? await this.indexesByAddress(`${city}, ${query}`, limit) : await this.indexesOfSettlement(city);
    const offices = await mapConcurrently(indexes.slice(0, limit), CONCURRENT_REQUESTS, (index) => this.office(index));
    return offices.filter((office): office is PickupPointRecord => office !== null && sameCity(office.city, city));
  }

  async find(carrier: Carrier, code: string): Promise<PickupPointRecord | null> {
    if (carrier !== "RUSSIAN_POST") return null;
    const index = code.trim();
    return /^\d{6}$/.test(index) ? this.office(index) : null;
  }

  private async indexesOfSettlement(city: string): Promise<string[]> {
    const what = "GET /postoffice/1.0/settlement.offices.codes";
    const answer = await this.getJson(what, "/postoffice/1.0/settlement.offices.codes", { settlement: city });
    const indexes = indexListSchema.safeParse(answer);
    if (!indexes.success) throw badResponse(what, "not a list of indexes");
    return [...new Set(indexes.data.filter((index) => /^\d{6}$/.test(index)))].sort();
  }

  private async indexesByAddress(address: string, top: number): Promise<string[]> {
    const what = "GET /postoffice/1.0/by-address";
    const answer = await this.getJson(what, "/postoffice/1.0/by-address", { address, top: String(top) });
    const parsed = byAddressSchema.safeParse(answer);
    if (!parsed.success) throw badResponse(what, "no postoffices list");
    return [...new Set((parsed.data.postoffices ?? []).filter((index) => /^\d{6}$/.test(index)))];
  }

  /** One office by index, remembered for an hour; null when there is none or it is closed. */
  private async office(index: string): Promise<PickupPointRecord | null> {
    const now = this.config.now?.() ?? Date.now();
    const cached = this.offices.get(index);
    if (cached && cached.expiresAt > now) return cached.value;

    const what = "GET /postoffice/1.0/{index}";
    const answer = await this.request(new URL(`/postoffice/1.0/${index}`, this.config.baseUrl));
    let value: PickupPointRecord | null;
    if (answer.status === 404) {
      value = null;
    } else {
      const parsed = officeSchema.safeParse(this.judge(what, answer));
      if (!parsed.success) throw badResponse(what, "no postal-code");
      value = officeRecord(parsed.data, index);
    }
    if (this.offices.size >= MAX_CACHED_OFFICES) this.offices.clear();
    this.offices.set(index, { value, expiresAt: now + OFFICE_TTL_MS });
    return value;
  }

  private async getJson(what: string, path: string, params: Record<string, string>): Promise<unknown> {
    const url = new URL(path, this.config.baseUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return this.judge(what, await this.request(url));
  }

  private request(url: URL): Promise<ApiAnswer> {
    return requestCarrierApi(
      SERVICE,
      url,
      {
        headers: {
          authorization: `AccessToken ${this.config.accessToken}`,
          "x-user-authorization": `Basic ${this.config.loginKey}`,
          accept: "application/json;charset=UTF-8",
        },
      },
      this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  /** A successful answer's JSON, or the error its status means. */
  private judge(what: string, answer: ApiAnswer): unknown {
    if (answer.status === 401 || answer.status === 403) {
      throw new PickupPointLookupError(
        SERVICE,
        "UNAUTHORIZED",
        `${what} refused the credentials (HTTP ${answer.status}): ${excerpt(answer.body) || "(empty body)"}. Check RUSSIAN_POST_ACCESS_TOKEN and RUSSIAN_POST_LOGIN_KEY.`,
      );
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new PickupPointLookupError(SERVICE, "UNAVAILABLE", `${what} answered HTTP ${answer.status}: ${excerpt(answer.body) || "(empty body)"}`);
    }
    return parseJsonAnswer(SERVICE, what, answer);
  }
}

function badResponse(what: string, problem: string): PickupPointLookupError {
  return new PickupPointLookupError(SERVICE, "BAD_RESPONSE", `${what} answered in an unexpected shape (${problem})`);
}

function sameCity(officeCity: string, city: string): boolean {
  // An office without a settlement cannot be checked; the index lookup vouches for it.
  return officeCity === "" || normalizeCityName(officeCity) === normalizeCityName(city);
}

function officeRecord(office: z.infer<typeof officeSchema>, requestedIndex: string): PickupPointRecord | null {
  if (office["is-closed"] || office["is-temporary-closed"]) return null;
  const index = /^\d{6}$/.test(office["postal-code"]) ? office["postal-code"] : requestedIndex;
  const address = office["address-source"]?.trim();
  if (!address) return null;
  const isLocker = /почтомат/i.test(office["type-code"] ?? "");
  return {
    carrier: "RUSSIAN_POST",
    code: index,
    name: isLocker ? `Почтомат ${index}` : `Отделение Почты России ${index}`,
    city: office.settlement?.trim() ?? "",
    address,
    postalCode: index,
    workHours: formatWorkingHours(office["working-hours"] ?? []),
    latitude: office.latitude ?? null,
    longitude: office.longitude ?? null,
  };
}

const WEEKDAYS = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];

/** "08:00:00.000" → "08:00". */
function clock(value: string | null | undefined): string | null {
  const match = /^(\d{1,2}):(\d{2})/.exec(value?.trim() ?? "");
  return match ? `${match[1]!.padStart(2, "0")}:${match[2]}` : null;
}

/**
 * The office's week as one line, days with equal hours grouped: "Пн-Пт 08:00-20:00 (перерыв 13:00-13:30), Сб 09:00-18:00, Вс выходной".
 * Days the office does not list are days off. Null when it lists no hours at all.
 */
export function formatWorkingHours(entries: readonly unknown[]): string | null {
  const days = new Map<number, string>();
  for (const entry of entries) {
    const parsed = hoursSchema.safeParse(entry);
    if (!parsed.success) continue;
    const begin = clock(parsed.data["begin-worktime"]);
    const end = clock(parsed.data["end-worktime"]);
    if (!begin || !end) continue;
    const lunches = (parsed.data.lunches ?? [])
      .map((lunch) => [clock(lunch["begin-lunchtime"]), clock(lunch["end-lunchtime"])])
      .filter(([from, to]) => from && to)
      .map(([from, to]) => `${from}-${to}`);
    days.set(parsed.data["weekday-id"], `${begin}-${end}${lunches.length > 0 ? ` (перерыв ${lunches.join(", ")})` : ""}`);
  }
  if (days.size === 0) return null;

  const groups: { from: number; to: number; hours: string }[] = [];
  for (let day = 1; day <= 7; day += 1) {
    const hours = days.get(day) ?? "выходной";
    const last = groups.at(-1);
    if (last && last.hours === hours && last.to === day - 1) last.to = day;
    else groups.push({ from: day, to: day, hours });
  }
  return groups
    .map(({ from, to, hours }) => `${WEEKDAYS[from - 1]}${to > from ? `-${WEEKDAYS[to - 1]}` : ""} ${hours}`)
    .join(", ");
}

async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const position = next;
      next += 1;
      results[position] = await task(items[position]!);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, () => worker()));
  return results;
}
