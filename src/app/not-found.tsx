import { StatusPage } from "@/components/status-page";

export default function NotFound() {
  return <StatusPage code="Ошибка 404" title="Страница не найдена" text="Возможно, ссылка устарела или в ней опечатка." linkText="На главную" />;
}
