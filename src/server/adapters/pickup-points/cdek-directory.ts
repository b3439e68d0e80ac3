import "server-only";
import { z } from "zod";
import type { Carrier } from "@/generated/prisma/enums";
import { DAY_MS } from "@/lib/moscow-time";
import { displayCityName, normalizeCityName } from "@/lib/pickup-point-cities";
import type { PickupPointDirectory, PickupPointRecord, PickupPointSearch } from "./pickup-point-directory";
import { type ApiAnswer, PickupPointLookupError, excerpt, parseJsonAnswer, requestCarrierApi } from "./pickup-point-lookup-error";
import { PointSearchIndex, searchLimit } from "./point-search-index";

/**
 * CDEK API v2 (https://api-docs.cdek.ru):
 *   - `POST /v2/oauth/token` with form fields grant_type=client_credentials, client_id, client_secret →
 *     `{ access_token, token_type: "bearer", expires_in }` (seconds; an hour). Kept until shortly before expiry;
 *     a 401 on a later call drops it and asks once more.
 *   - `GET /v2/location/cities?country_codes=RU&city=…` → `[{ code, city, region, … }]`: the city's CDEK code.
 *   - `GET /v2/deliverypoints?city_code=…&type=PVZ` → `[{ code, name, work_time, is_handout, location: { city,
 *     address, address_full, postal_code, latitude, longitude } }]`; `?code=…` gives one point.
 * A city's points (hundreds in Moscow) are fetched once per `pointsTtlMs` and searched in memory as the shopper
 * types, so a debounced search box costs CDEK one request per city, not one per keystroke.
 * Errors: `{ errors: [{ code, message }] }` (sometimes inside `requests[]`); OAuth errors `{ error, error_description }`.
 */
const SERVICE = "CDEK";
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_POINTS_TTL_MS = 15 * 60 * 1000;
const CITY_TTL_MS = DAY_MS;
/** Renew the token this long before CDEK says it expires. */
const TOKEN_MARGIN_MS = 60 * 1000;
const MAX_CACHED_CITIES = 500;

export interface CdekConfig {
  clientId: string;
  clientSecret: string;
  baseUrl: string;
  timeoutMs?: number;
  pointsTtlMs?: number;
  now?: () => number;
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional() });
const citySchema = z.object({ code: z.number().int(), city: z.string() });
const optionalText = z.string().optional().catch(undefined);
const optionalNumber = z.coerce.number().finite().optional().catch(undefined);
const deliveryPointSchema = z.object({
  code: z.string().min(1),
  name: optionalText,
  work_time: optionalText,
  type: optionalText,
  is_handout: z.boolean().optional().catch(undefined),
  location: z.object({
    city: optionalText,
    address: optionalText,
    address_full: optionalText,
    postal_code: optionalText,
    latitude: optionalNumber,
    longitude: optionalNumber,
  }),
});

interface Cached<T> {
  value: T;
  expiresAt: number;
}

export class CdekPickupPointDirectory implements PickupPointDirectory {
  readonly name = "cdek";
  private token: Cached<string> | undefined;
  private tokenRequest: Promise<string> | undefined;
  private readonly cities = new Map<string, Cached<{ code: number; city: string } | null>>();
  private readonly points = new Map<number, Promise<Cached<PointSearchIndex>>>();

  constructor(private readonly config: CdekConfig) {}

  async search(search: PickupPointSearch): Promise<PickupPointRecord[]> {
    if (search.carrier !== "CDEK") return [];
    const city = await this.city(search.city);
    if (!city) return [];
    const index = await this.cityPoints(city);
    return index.search(search.query, searchLimit(search.limit), city.city);
  }

  async find(carrier: Carrier, code: string): Promise<PickupPointRecord | null> {
    if (carrier !== "CDEK") return null;
    const wanted = code.trim().toUpperCase();
    if (!/^[A-Z0-9_-]{1,40}$/.test(wanted)) return null;
    const points = await this.getJson("/v2/deliverypoints", { code: wanted });
    return this.records(points, null).find((point) => point.code.toUpperCase() === wanted) ?? null;
  }

  private now(): number {
    return this.config.now?.() ?? Date.now();
  }

  /** The city's CDEK code, from the exact name when CDEK offers several (else its first answer). */
  private async city(typed: string): Promise<{ code: number; city: string } | null> {
    const name = displayCityName(typed);
    const key = normalizeCityName(name);
    if (!key) return null;
    const cached = this.cities.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;

    const answer = await this.getJson("/v2/location/cities", { country_codes: "RU", city: name, size: "10" });
    if (!Array.isArray(answer)) throw this.badResponse("GET /v2/location/cities", "not a list");
    const cities = answer.flatMap((item) => {
      const parsed = citySchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    const city = cities.find((candidate) => normalizeCityName(candidate.city) === key) ?? cities[0] ?? null;
    if (this.cities.size >= MAX_CACHED_CITIES) this.cities.clear();
    this.cities.set(key, { value: city, expiresAt: this.now() + CITY_TTL_MS });
    return city;
  }

  private async cityPoints(city: { code: number; city: string }): Promise<PointSearchIndex> {
    const pending = this.points.get(city.code);
    // Searches arriving while the list is on its way wait for the same request.
    const cached = pending && (await pending.catch(() => undefined));
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const request = (async () => {
      const answer = await this.getJson("/v2/deliverypoints", { city_code: String(city.code), type: "PVZ" });
      return { value: new PointSearchIndex(this.records(answer, city.city)), expiresAt: this.now() + (this.config.pointsTtlMs ?? DEFAULT_POINTS_TTL_MS) };
    })();
    if (this.points.size >= MAX_CACHED_CITIES) this.points.clear();
    this.points.set(city.code, request);
    // A failed fetch is not kept: the next search asks again.
    request.catch(() => this.points.get(city.code) === request && this.points.delete(city.code));
    return (await request).value;
  }

  private records(answer: unknown, city: string | null): PickupPointRecord[] {
    if (!Array.isArray(answer)) throw this.badResponse("GET /v2/deliverypoints", "not a list");
    return answer.flatMap((item): PickupPointRecord[] => {
      const parsed = deliveryPointSchema.safeParse(item);
      // A point that gives out no parcels (reception only) is no place to collect a prize.
      if (!parsed.success || parsed.data.is_handout === false) return [];
      const { code, name, work_time, location } = parsed.data;
      const address = location.address?.trim() || location.address_full?.trim();
      if (!address) return [];
      return [
        {
          carrier: "CDEK",
          code,
          name: name?.trim() || code,
          city: location.city?.trim() || city || "",
          address,
          postalCode: location.postal_code?.trim() || null,
          workHours: work_time?.trim() || null,
          latitude: location.latitude ?? null,
          longitude: location.longitude ?? null,
        },
      ];
    });
  }

  private async getJson(path: string, params: Record<string, string>): Promise<unknown> {
    const url = new URL(path, this.base());
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    let answer = await this.get(url, await this.accessToken());
    if (answer.status === 401) {
      // The token expired early or was revoked: one fresh token, one more try.
      this.token = undefined;
      answer = await this.get(url, await this.accessToken());
    }
    const what = `GET ${path}`;
    if (answer.status === 401 || answer.status === 403) {
      throw new PickupPointLookupError(SERVICE, "UNAUTHORIZED", `${what} refused the access token (HTTP ${answer.status}): ${cdekErrorText(answer)}`);
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new PickupPointLookupError(SERVICE, "UNAVAILABLE", `${what} answered HTTP ${answer.status}: ${cdekErrorText(answer)}`);
    }
    return parseJsonAnswer(SERVICE, what, answer);
  }

  private get(url: URL, token: string): Promise<ApiAnswer> {
    return requestCarrierApi(SERVICE, url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } }, this.timeoutMs());
  }

  /** The cached token, or one new token however many searches ask at once. */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.tokenRequest ??= this.requestToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private async requestToken(): Promise<string> {
    const what = "POST /v2/oauth/token";
    const answer = await requestCarrierApi(
      SERVICE,
      new URL("/v2/oauth/token", this.base()),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: this.config.clientId, client_secret: this.config.clientSecret }),
      },
      this.timeoutMs(),
    );
    if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
      throw new PickupPointLookupError(
        SERVICE,
        "UNAUTHORIZED",
        `${what} refused the client credentials (HTTP ${answer.status}): ${cdekErrorText(answer)}. Check CDEK_CLIENT_ID and CDEK_CLIENT_SECRET.`,
      );
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new PickupPointLookupError(SERVICE, "UNAVAILABLE", `${what} answered HTTP ${answer.status}: ${cdekErrorText(answer)}`);
    }
    const token = tokenSchema.safeParse(parseJsonAnswer(SERVICE, what, answer));
    if (!token.success) throw this.badResponse(what, "no access_token");
    const lifetimeMs = (token.data.expires_in ?? 3600) * 1000;
    this.token = { value: token.data.access_token, expiresAt: this.now() + Math.max(0, lifetimeMs - TOKEN_MARGIN_MS) };
    return token.data.access_token;
  }

  private badResponse(what: string, problem: string): PickupPointLookupError {
    return new PickupPointLookupError(SERVICE, "BAD_RESPONSE", `${what} answered in an unexpected shape (${problem})`);
  }

  private base(): string {
    return this.config.baseUrl.endsWith("/") ? this.config.baseUrl : `${this.config.baseUrl}/`;
  }

  private timeoutMs(): number {
    return this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }
}

/** CDEK's own explanation from an error body, whichever of its shapes it came in. */
function cdekErrorText(answer: ApiAnswer): string {
  try {
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    const lists = [body.errors, ...(Array.isArray(body.requests) ? body.requests.map((request: { errors?: unknown }) => request?.errors) : [])];
    const messages = lists
      .flatMap((list) => (Array.isArray(list) ? list : []))
      .map((error: { code?: unknown; message?: unknown }) => [error?.code, error?.message].filter((part) => typeof part === "string").join(" "))
      .filter(Boolean);
    if (messages.length > 0) return excerpt(messages.join("; "));
    if (typeof body.error === "string") return excerpt([body.error, body.error_description].filter((part) => typeof part === "string").join(": "));
  } catch {
    // Not JSON: the text itself.
  }
  return excerpt(answer.body) || "(empty body)";
}
