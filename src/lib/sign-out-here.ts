import { signOut } from "next-auth/react";

/**
 * Ends the session and opens `path` on the host the portal was opened by. next-auth's own redirect would
 * build the address from NEXTAUTH_URL, so a portal opened by another name (an IP on the local network, a
 * second domain) would land on that one, often `localhost`. Should sign-out itself fail, the session is
 * refused anyway (every caller ends it on the server first, or the page it opens asks to sign in again).
 */
export async function signOutHere(path: string): Promise<void> {
  await signOut({ redirect: false }).catch(() => undefined);
  window.location.assign(path);
}
