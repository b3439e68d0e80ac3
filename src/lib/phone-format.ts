// Display helpers only: kept apart from phone.ts so client bundles don't pull in libphonenumber's metadata.

/** `+79123456789` → `+7 912 345-67-89`, for display. */
export function formatRussianPhone(e164: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return match ? `+7 ${match[1]} ${match[2]}-${match[3]}-${match[4]}` : e164;
}

/** `+79123456789` → `+7 912 ***-**-89`, for logs and staff screens that need not see the number. */
export function maskPhone(e164: string): string {
  const match = /^\+7(\d{3})\d{5}(\d{2})$/.exec(e164);
  return match ? `+7 ${match[1]} ***-**-${match[2]}` : "***";
}
