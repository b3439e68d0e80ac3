// Staff accounts' invite and password rules, shared by the administrator's screens, the invitee's form and
// the admin verbs (src/server/domain/admin).
import { pluralRu } from "@/lib/plural-ru";

/** How long an emailed invite link works. */
export const STAFF_INVITE_DAYS = 7;

/** "7 дней": the invite link's lifetime, for the administrator's confirmation. */
export const STAFF_INVITE_LIFETIME_TEXT = `${STAFF_INVITE_DAYS} ${pluralRu(STAFF_INVITE_DAYS, ["день", "дня", "дней"])}`;

/** Long enough to resist guessing offline; argon2 makes each guess costly, the length makes them many. */
export const STAFF_PASSWORD_MIN_LENGTH = 10;
/** Beyond any passphrase; keeps hashing a posted megabyte from costing anything. */
export const STAFF_PASSWORD_MAX_LENGTH = 256;

/** The name colleagues see in the audit log, in characters. */
export const STAFF_NAME_LENGTH = { min: 2, max: 100 } as const;
