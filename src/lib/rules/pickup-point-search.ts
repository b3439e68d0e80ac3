// The pickup-point picker's search and the search verb (src/server/domain/pickup-points).

/** How many points one search answers with: enough to scroll, few enough for a phone. */
export const PICKUP_POINT_RESULT_LIMIT = 50;

/** The city field and the street / point code / index query, in characters. */
export const PICKUP_POINT_CITY_MAX_LENGTH = 80;
export const PICKUP_POINT_QUERY_MAX_LENGTH = 100;
