import "server-only";
/** Width of the decision-time histogram's buckets: each holds [γ^(b−1), γ^b) seconds (see figures-facts.ts). */
export const DECISION_BUCKET_RATIO = 1.02;
