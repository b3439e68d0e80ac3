import type { UserRole } from "@/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: number; role: UserRole };
  }
  interface User {
    role: UserRole;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: UserRole;
  }
}
