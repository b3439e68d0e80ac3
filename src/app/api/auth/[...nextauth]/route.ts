import NextAuth from "next-auth";
import { z } from "zod";
import { authOptions } from "@/server/auth/auth-options";
import { defineRoute } from "@/server/http/define-route";

const nextAuthRoute = {
  roles: "public",
  params: z.object({ nextauth: z.array(z.string().max(64)).max(4) }),
  // next-auth answers its own errors (redirects to /login?error=…); the wrapper adds the log line.
  run: ({ request, input }: { request: Request; input: { params: { nextauth: string[] } } }) =>
    NextAuth(authOptions())(request, { params: Promise.resolve(input.params) }) as Promise<Response>,
} as const;

export const GET = defineRoute({ name: "auth:get", ...nextAuthRoute });
export const POST = defineRoute({ name: "auth:post", ...nextAuthRoute });
