import { redirect } from "next/navigation";
import { currentActor, homePathFor } from "@/server/auth/session";

/** The front door: each role lands in its own area; strangers sign in. */
export default async function HomePage() {
  const actor = await currentActor();
  redirect(actor ? homePathFor(actor.role) : "/login");
}
