import "server-only";
import type { Carrier } from "@/generated/prisma/enums";

/** A pickup point as a directory knows it: a CDEK point (its code) or a Russian Post office (its index). */
export interface PickupPointRecord {
  carrier: Carrier;
  /** CDEK point code (e.g. "MSK123"); for Russian Post the six-digit office index. */
  code: string;
  name: string;
  city: string;
  address: string;
  postalCode: string | null;
  workHours: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface PickupPointSearch {
  carrier: Carrier;
  /** City name as the shopper typed it (case and "г." prefix do not matter). */
  city: string;
  /** Words of the street or address, or the point's code/index. */
  query?: string;
  limit?: number;
}

/**
 * Where pickup points come from. Implementations: the bundled directory (offline default), the CDEK API
 * v2 and Russian Post's office lookup (switched on by their credentials).
 */
export interface PickupPointDirectory {
  readonly name: string;
  search(search: PickupPointSearch): Promise<PickupPointRecord[]>;
  /** The point with this code (CDEK) or index (Russian Post), or null when the carrier has none. */
  find(carrier: Carrier, code: string): Promise<PickupPointRecord | null>;
}
