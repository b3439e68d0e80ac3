// The prize catalogue's limits, shared by the staff's prize form and the catalogue verbs
// (src/server/domain/catalogue).

export const PRIZE_LIMITS = {
  maxPrice: 10_000_000,
  maxStock: 1_000_000,
  maxImages: 10,
  /** The catalogue's order: a number in [−sortOrder, sortOrder]. */
  sortOrder: 100_000,
  titleMaxLength: 120,
  descriptionMaxLength: 4000,
  partnerNameMaxLength: 80,
} as const;
