"use client";

import { Button } from "@/components/ui/button";

// Unexpected errors: the details are in the server log; the user gets a calm, generic message.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-2xl font-semibold">Что-то пошло не так</h1>
      <p className="mt-2 text-muted">Мы уже знаем об ошибке. Попробуйте обновить страницу через минуту.</p>
      <Button className="mt-6" onClick={reset}>
        Попробовать снова
      </Button>
    </div>
  );
}
