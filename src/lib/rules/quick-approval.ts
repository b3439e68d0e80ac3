// "Можно одобрить быстро" (docs/rules/auto-moderation.md): requests whose every automatic signal is clean,
// taken as a batch and confirmed one by one. The batch's size is shared by the queue's link, the batch page
// and the verb that claims it.

/** At most this many requests are claimed for one batch (each claim as CLAIM_MINUTES allows). */
export const QUICK_BATCH_SIZE = 20;
