import type { Metadata } from "next";
import { Card, CardTitle } from "@/components/ui/card";
import { formatPoints } from "@/lib/format";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { getCabinetOverview } from "@/server/domain/cabinet/get-cabinet-overview";
import { DELETION_CONFIRMATION_WORD } from "@/lib/rules/privacy-deletion";
import { pluralRu } from "@/lib/plural-ru";
import { DeleteMyDataForm } from "./delete-my-data-form";
import { SignOutEverywhereForm } from "./sign-out-everywhere-form";

export const metadata: Metadata = { title: "Мои данные" };

export default async function CabinetPrivacyPage() {
  const actor = await requirePageRole(AREA_ROLES.cabinet);
  const { balance } = await getCabinetOverview(actor);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Мои данные</h1>

      <Card>
        <CardTitle>Скачать мои данные</CardTitle>
        <p className="mt-1 text-sm text-muted">
          Файл JSON со всем, что портал хранит о вас: телефон, email, согласие на обработку данных, заявки с решениями и данными чеков, история баллов,
          заказы призов и уведомления. Изображения указаны ссылками — они открываются, пока вы в кабинете.
        </p>
        <a
          href="/cabinet/privacy/export"
          download
          className="mt-4 inline-flex h-11 items-center rounded-xl bg-white px-4 text-[15px] font-medium text-ink ring-1 ring-line hover:bg-brand-50"
          data-testid="privacy-export"
        >
          Скачать файл
        </a>
      </Card>

      <Card>
        <CardTitle>Выйти на всех устройствах</CardTitle>
        <p className="mt-1 text-sm text-muted">
          Пригодится, если вы потеряли телефон или входили в кабинет с чужого устройства. Кабинет закроется везде, где он открыт, — и здесь тоже.
          Чтобы вернуться, войдите снова по номеру телефона и коду из SMS. Баллы, заявки и заказы сохранятся.
        </p>
        <SignOutEverywhereForm />
      </Card>

      <Card>
        <CardTitle>Удалить мои данные</CardTitle>
        <div className="mt-2 space-y-2 text-sm text-muted">
          <p>По закону 152-ФЗ вы можете отозвать согласие на обработку персональных данных. После удаления:</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>стираются ваш телефон, имя и email, фотографии отзывов и чеков, данные получателя в заказах, уведомления;</li>
            <li>
              {balance > 0
                ? `баланс — ${formatPoints(balance)} ${pluralRu(balance, ["балл", "балла", "баллов"])} — списывается: баллы нельзя будет вернуть или обменять на призы;`
                : "баллы на счёте не остаются — списывать нечего;"}
            </li>
            <li>заявки, которые ещё на проверке, закрываются;</li>
            <li>кабинет закрывается, вы выйдете из него. С этим же телефоном можно зарегистрироваться снова — как новый участник, с нулевым балансом.</li>
          </ul>
          <p>
            Что остаётся без привязки к вам: суммы баллов и заказов для отчётности программы, ключ чека (номер фискального накопителя, документа и признак) и
            ключ ссылки на отзыв — чтобы один и тот же чек и отзыв не приносили баллы дважды, — дата и сумма покупки, а также время вашего согласия как
            подтверждение, что данные обрабатывались законно.
          </p>
          <p>Если заказ приза ещё в пути, удалить данные можно после его получения: для доставки нужны имя и телефон получателя.</p>
        </div>
        <DeleteMyDataForm confirmationWord={DELETION_CONFIRMATION_WORD} />
      </Card>
    </div>
  );
}
