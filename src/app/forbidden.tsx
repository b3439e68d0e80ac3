import { StatusPage } from "@/components/status-page";

export default function Forbidden() {
  return <StatusPage code="Ошибка 403" title="Нет доступа к этому разделу" text="У вашей учётной записи нет прав на эту страницу." linkText="Перейти в свой раздел" />;
}
