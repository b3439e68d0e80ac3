import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { CONSENT_VERSION } from "@/server/domain/auth/verify-sign-in-code";

export const metadata: Metadata = { title: "Политика обработки персональных данных" };

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold text-ink">{title}</h2>
      {children}
    </section>
  );
}

/** The text behind the 152-ФЗ consent box of the sign-in form; its edition is the consent version recorded with each account. */
export default function PrivacyPolicyPage() {
  return (
    <div className="min-h-dvh bg-canvas">
      <header className="border-b border-line bg-white">
        <div className="mx-auto flex h-16 max-w-3xl items-center justify-between px-4">
          <BrandMark />
          <Link href="/#sign-in" className="-mr-3 inline-flex min-h-11 min-w-11 items-center justify-center px-3 text-sm font-medium text-brand-700 hover:underline">
            Войти
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-10">
        <article className="space-y-8 rounded-3xl bg-white p-5 text-[15px] leading-relaxed text-muted shadow-sm ring-1 ring-line sm:p-8">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">Политика обработки персональных данных</h1>
            <p className="mt-2 text-sm" data-testid="policy-version">
              Редакция {CONSENT_VERSION}. Действует для программы «Баллы за честные отзывы» бренда Carely.
            </p>
          </div>

          <Part title="1. О чём этот документ">
            <p>
              Здесь описано, какие персональные данные участников программы мы обрабатываем, зачем и как долго, в соответствии с Федеральным законом № 152-ФЗ
              «О персональных данных». Ставя отметку о согласии при входе, вы соглашаетесь с обработкой на этих условиях.
            </p>
          </Part>

          <Part title="2. Какие данные мы обрабатываем">
            <ul className="list-disc space-y-1.5 pl-5">
              <li>номер мобильного телефона — для входа по коду из SMS;</li>
              <li>адрес электронной почты, если вы его укажете, — для уведомлений и электронных призов;</li>
              <li>заявки: ссылки на отзывы, скриншоты отзывов, фотографии QR-кодов чеков и данные чека (дата, сумма, фискальные реквизиты);</li>
              <li>баллы и история их начисления и списания;</li>
              <li>заказы призов: имя и телефон получателя, выбранный пункт выдачи, трек-номер;</li>
              <li>
                технические данные входа: время, IP-адрес и метка браузера (постоянный файл cookie этого сайта) — чтобы защищать аккаунт от подбора кода и
                замечать, когда несколько аккаунтов программы заводит один человек.
              </li>
            </ul>
            <p>Скриншоты и фотографии мы сохраняем без метаданных: геолокация, модель камеры и время съёмки удаляются при загрузке.</p>
          </Part>

          <Part title="3. Зачем">
            <ul className="list-disc space-y-1.5 pl-5">
              <li>проверить заявку и начислить баллы за отзыв и чек;</li>
              <li>выдать и доставить приз, отправить уведомления о заявках и заказах;</li>
              <li>не допустить повторного начисления за один и тот же отзыв или чек;</li>
              <li>защитить вход и программу от злоупотреблений: модератор видит, какие аккаунты связаны между собой — входили с одного браузера, заказывали призы на один телефон или одному получателю в одном пункте выдачи, указали один email или прислали почти одинаковые скриншоты (само по себе это ничего не решает).</li>
            </ul>
            <p>Мы не используем ваши данные для рекламных рассылок и не передаём их третьим лицам, кроме служб доставки (СДЭК, Почта России) — только то, что нужно для вручения приза, — и сервиса отправки SMS и писем.</p>
          </Part>

          <Part title="4. Сколько храним">
            <p>
              Данные хранятся, пока вы участвуете в программе. Вы можете в любой момент отозвать согласие, удалив данные в разделе «Мои данные» личного кабинета или
              написав в поддержку программы. После удаления стираются телефон, имя, почта, фотографии и данные доставки; остаются обезличенные записи, не связанные с
              вами: суммы баллов, даты и признаки, по которым один отзыв или чек не может принести баллы дважды.
            </p>
            <p>Метку браузера и IP-адрес входа храним 12 месяцев с последнего входа с них, затем удаляем; при удалении ваших данных они стираются сразу.</p>
          </Part>

          <Part title="5. Ваши права">
            <p>
              Вы вправе узнать, какие данные о вас хранятся, получить их копию (в разделе «Мои данные» — файлом), потребовать исправить или удалить их и отозвать
              согласие. Удаление невозможно, пока по вашему заказу едет приз: дождитесь вручения или попросите отменить заказ.
            </p>
          </Part>

          <Part title="6. Как мы защищаем данные">
            <p>
              Доступ к заявкам есть только у модераторов программы; полный номер телефона модератору не показывается. Код из SMS хранится только в виде хеша и
              действует несколько минут. Все действия сотрудников записываются в журнал.
            </p>
          </Part>

          <p className="border-t border-line pt-6">
            <Link href="/" className="font-medium text-brand-700 hover:underline">
              ← На главную
            </Link>
          </p>
        </article>
      </main>
    </div>
  );
}
