/** The administrator's privacy search (a phone written any common way, or "№123"), in characters. */
export const PRIVACY_QUERY_MAX_LENGTH = 40;
