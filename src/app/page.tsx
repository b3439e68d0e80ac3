import { redirect } from "next/navigation";
import { LandingPage } from "@/components/landing/landing-page";
import { currentActor, homePathFor } from "@/server/auth/session";
import { getLandingPage } from "@/server/domain/landing/get-landing-page";
import { PhoneSignInForm } from "./login/phone-sign-in-form";

/** The front door: each signed-in role goes to its own area; visitors see the programme and sign in here. */
export default async function HomePage() {
  const actor = await currentActor();
  if (actor) redirect(homePathFor(actor.role));
  const { rules, products } = await getLandingPage();
  return <LandingPage rules={rules} products={products} signIn={<PhoneSignInForm />} />;
}
