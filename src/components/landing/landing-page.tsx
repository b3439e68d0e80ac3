import { ChevronDown, Clock, Coins, ExternalLink, Flame, Gift, PenLine, ReceiptText, Send, ShieldCheck, ShoppingBag, Star, Store, Truck } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { pluralRu } from "@/lib/plural-ru";
import { SIGN_IN_CODE } from "@/lib/rules/sign-in-code";
import {
  type LandingRules,
  businessDaysAccusative,
  businessDaysText,
  calendarDaysAccusative,
  campaignText,
  forfeitureWarningsText,
  monthsText,
  pointsText,
  upToScreenshotsText,
} from "@/lib/landing-rules-text";

export interface LandingProduct {
  id: number;
  name: string;
  category: string | null;
  imageUrl: string | null;
  shopLinks: { shopName: string; url: string }[];
}

const codeMinutes = SIGN_IN_CODE.ttlSeconds / 60;

const NAV = [
  { href: "#how", label: "Как это работает" },
  { href: "#where-to-buy", label: "Где купить" },
  { href: "#rules", label: "Правила" },
  { href: "#faq", label: "Вопросы" },
];

/** The public front page: what the programme is, its current rules, where to buy, and the way in. */
export function LandingPage({ rules, products, signIn }: { rules: LandingRules; products: LandingProduct[]; signIn: ReactNode }) {
  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-20 border-b border-line/70 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4">
          <BrandMark />
          <nav aria-label="Разделы страницы" className="hidden items-center gap-1 md:flex">
            {NAV.map((item) => (
              <a key={item.href} href={item.href} className="rounded-lg px-3 py-2 text-sm font-medium text-muted hover:bg-brand-50 hover:text-ink">
                {item.label}
              </a>
            ))}
          </nav>
          <a href="#sign-in" className={buttonVariants({ size: "md" })}>
            Войти
          </a>
        </div>
      </header>

      <main>
        <Hero rules={rules} />
        <HowItWorks rules={rules} />
        <WhereToReview />
        <WhereToBuy products={products} />
        <Rules rules={rules} />
        <Faq rules={rules} />
        <section id="sign-in" aria-labelledby="sign-in-title" className="scroll-mt-20 bg-gradient-to-b from-canvas to-brand-50 px-4 py-14 sm:py-20">
          <div className="mx-auto grid max-w-5xl gap-8 md:grid-cols-2 md:items-center">
            <div>
              <h2 id="sign-in-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
                Войти или зарегистрироваться
              </h2>
              <p className="mt-3 text-[15px] leading-relaxed text-muted">
                Только номер телефона: пришлём код в SMS. Если вы у нас впервые, личный кабинет появится сразу после входа — пароль не нужен.
              </p>
              <ul className="mt-5 space-y-2 text-[15px]">
                <li className="flex gap-2">
                  <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-600" />
                  Номер нужен для входа и доставки призов — мы не звоним и не рассылаем рекламу.
                </li>
                <li className="flex gap-2">
                  <Clock aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-600" />
                  Код действует {codeMinutes} {pluralRu(codeMinutes, ["минуту", "минуты", "минут"])}, войти можно с любого устройства.
                </li>
              </ul>
            </div>
            <div className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-line sm:p-7">{signIn}</div>
          </div>
        </section>
      </main>

      <footer className="border-t border-line bg-white px-4 py-8 text-sm text-muted">
        <div className="mx-auto flex max-w-6xl flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <p>© Carely. Программа «Баллы за честные отзывы».</p>
          <nav aria-label="Документы" className="flex flex-wrap gap-x-5 gap-y-2">
            <Link href="/privacy-policy" className="inline-flex min-h-11 items-center hover:text-ink hover:underline">
              Политика обработки персональных данных
            </Link>
            <Link href="/login/staff" className="inline-flex min-h-11 items-center hover:text-ink hover:underline">
              Вход для сотрудников
            </Link>
          </nav>
        </div>
      </footer>
    </div>
  );
}

function Hero({ rules }: { rules: LandingRules }) {
  const total = rules.reviewPoints + rules.receiptPoints;
  return (
    <section className="relative overflow-hidden bg-gradient-to-br from-brand-50 via-white to-[#f4ecfb] px-4 pb-14 pt-10 sm:pb-20 sm:pt-16">
      <div aria-hidden className="pointer-events-none absolute -right-24 -top-24 size-72 rounded-full bg-brand-200/40 blur-3xl" />
      <div className="relative mx-auto grid max-w-6xl gap-10 md:grid-cols-[1.1fr_0.9fr] md:items-center">
        <div>
          <p className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 text-sm font-medium text-brand-700 shadow-sm ring-1 ring-brand-100">
            <Star aria-hidden className="size-4 fill-brand-500 text-brand-500" />
            Программа лояльности Carely
          </p>
          <h1 className="mt-5 text-[2rem] font-bold leading-tight tracking-tight text-ink sm:text-5xl">Баллы за честные отзывы</h1>
          <p className="mt-4 max-w-xl text-[17px] leading-relaxed text-muted">
            Расскажите, как вам продукт Carely, — и получите{" "}
            <strong className="font-semibold text-ink" data-testid="hero-points">
              до {pointsText(total)}
            </strong>{" "}
            за одну покупку. Копите баллы и обменивайте их на призы: косметику, подписки и сертификаты.
          </p>
          <div className="mt-7 flex flex-col gap-3 sm:flex-row">
            <a href="#sign-in" className={cn(buttonVariants({ size: "lg" }), "sm:w-auto")}>
              Участвовать
            </a>
            <a href="#how" className={cn(buttonVariants({ variant: "secondary", size: "lg" }), "sm:w-auto")}>
              Как это работает
            </a>
          </div>
        </div>
        <div aria-hidden className="mx-auto w-full max-w-sm">
          <div className="rotate-[-2deg] rounded-3xl bg-white p-5 shadow-xl shadow-brand-900/10 ring-1 ring-line">
            <div className="flex items-center justify-between text-sm text-muted">
              <span>Баланс</span>
              <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Заявка одобрена</span>
            </div>
            <p className="mt-2 text-4xl font-bold tracking-tight">{pointsText(total)}</p>
            <div className="mt-4 space-y-2 text-sm">
              <div className="flex justify-between rounded-xl bg-canvas px-3 py-2">
                <span>Отзыв одобрен</span>
                <span className="font-semibold text-emerald-700">+{rules.reviewPoints}</span>
              </div>
              <div className="flex justify-between rounded-xl bg-canvas px-3 py-2">
                <span>Чек одобрен</span>
                <span className="font-semibold text-emerald-700">+{rules.receiptPoints}</span>
              </div>
            </div>
          </div>
          <div className="-mt-4 ml-10 rotate-[3deg] rounded-2xl bg-brand-600 px-4 py-3 text-white shadow-lg">
            <p className="text-sm opacity-90">Приз за баллы</p>
            <p className="font-semibold">Набор миниатюр «Уход за лицом»</p>
          </div>
        </div>
      </div>
    </section>
  );
}

function Section({ id, title, lead, children, className }: { id: string; title: string; lead?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={cn("scroll-mt-20 px-4 py-14 sm:py-20", className)}>
      <div className="mx-auto max-w-6xl">
        <h2 id={`${id}-title`} className="text-2xl font-semibold tracking-tight sm:text-3xl">
          {title}
        </h2>
        {lead && <p className="mt-3 max-w-2xl text-[15px] leading-relaxed text-muted sm:text-base">{lead}</p>}
        <div className="mt-8">{children}</div>
      </div>
    </section>
  );
}

function HowItWorks({ rules }: { rules: LandingRules }) {
  const steps = [
    { icon: ShoppingBag, title: "Купите", text: "Любой продукт Carely — в магазине или на маркетплейсе. Сохраните чек." },
    { icon: PenLine, title: "Напишите отзыв", text: "Честно, своими словами: что понравилось и что нет. Где его оставить — ниже." },
    { icon: Send, title: "Отправьте заявку", text: `Ссылку на отзыв, ${upToScreenshotsText(rules.maxScreenshots)} и, по желанию, фото QR-кода с чека.` },
    { icon: Coins, title: "Копите баллы", text: `${pointsText(rules.reviewPoints)} за отзыв и ${pointsText(rules.receiptPoints)} за чек — после проверки.` },
    { icon: Gift, title: "Обменяйте на призы", text: "Выберите приз в каталоге: доставим в пункт выдачи или пришлём код на почту." },
  ];
  return (
    <Section id="how" title="Как это работает" lead="Пять шагов от покупки до приза. Всё — в личном кабинете, с телефона.">
      <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="landing-steps">
        {steps.map((step, index) => (
          <li key={step.title} className="relative rounded-2xl bg-white p-5 shadow-sm ring-1 ring-line">
            <div className="flex items-center gap-3">
              <span className="grid size-11 place-items-center rounded-xl bg-brand-50 text-brand-600">
                <step.icon aria-hidden className="size-5" />
              </span>
              <span className="text-sm font-semibold text-muted">Шаг {index + 1}</span>
            </div>
            <h3 className="mt-4 text-lg font-semibold">{step.title}</h3>
            <p className="mt-1.5 text-[15px] leading-relaxed text-muted">{step.text}</p>
          </li>
        ))}
      </ol>
    </Section>
  );
}

function WhereToReview() {
  return (
    <Section id="where-to-review" title="Где оставить отзыв" className="bg-white" lead="Площадка зависит от того, где вы купили продукт.">
      <div className="grid gap-4 md:grid-cols-2" data-testid="landing-review-sites">
        <div className="rounded-2xl bg-canvas p-6 ring-1 ring-line">
          <Store aria-hidden className="size-7 text-brand-600" />
          <h3 className="mt-4 text-lg font-semibold">Купили в магазине или покупаете не в первый раз</h3>
          <p className="mt-2 text-[15px] leading-relaxed text-muted">
            Оставьте отзыв на{" "}
            <a href="https://irecommend.ru" target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline underline-offset-4">
              IRecommend.ru
            </a>{" "}
            — там его прочтут те, кто выбирает уход. Повторная покупка — повод рассказать, как продукт показал себя со временем.
          </p>
        </div>
        <div className="rounded-2xl bg-canvas p-6 ring-1 ring-line">
          <ShoppingBag aria-hidden className="size-7 text-brand-600" />
          <h3 className="mt-4 text-lg font-semibold">Купили на маркетплейсе</h3>
          <p className="mt-2 text-[15px] leading-relaxed text-muted">
            Напишите отзыв прямо в карточке товара на том маркетплейсе, где сделан заказ: Ozon, Wildberries или Яндекс Маркет. Отзыв появится после того, как
            маркетплейс его опубликует, — тогда пришлите ссылку.
          </p>
        </div>
      </div>
    </Section>
  );
}

function WhereToBuy({ products }: { products: LandingProduct[] }) {
  return (
    <Section id="where-to-buy" title="Где купить" lead="Продукты Carely, за отзыв о которых начисляются баллы, и магазины, где они продаются.">
      {products.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-[15px] text-muted ring-1 ring-line">Скоро здесь появятся магазины, где продаются продукты Carely.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 sm:gap-4 lg:grid-cols-3 xl:grid-cols-4" data-testid="landing-products">
          {products.map((product) => (
            <li key={product.id} className="flex overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-line sm:flex-col" data-testid="landing-product">
              <div className="w-28 shrink-0 bg-brand-50 sm:aspect-[5/4] sm:w-full">
                {product.imageUrl && (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={product.imageUrl} alt={product.name} className="size-full object-cover" decoding="async" width={500} height={560} />
                )}
              </div>
              <div className="flex min-w-0 flex-1 flex-col p-3 sm:p-4">
                {product.category && <p className="text-xs font-medium uppercase tracking-wide text-muted">{product.category}</p>}
                <h3 className="mt-1 text-[15px] font-semibold leading-snug">{product.name}</h3>
                <ul className="mt-3 flex flex-wrap gap-1.5" aria-label={`Где купить: ${product.name}`}>
                  {product.shopLinks.map((link) => (
                    <li key={`${link.shopName}-${link.url}`}>
                      <a
                        href={link.url}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="inline-flex min-h-11 items-center gap-1 whitespace-nowrap rounded-xl bg-canvas px-3 text-sm font-medium text-ink ring-1 ring-line hover:bg-brand-50 hover:ring-brand-200"
                      >
                        {link.shopName}
                        <ExternalLink aria-hidden className="size-3.5 text-muted" />
                        <span className="sr-only">(откроется в новой вкладке)</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Rules({ rules }: { rules: LandingRules }) {
  const campaign = campaignText(rules);
  const facts = [
    { id: "review-points", icon: PenLine, value: pointsText(rules.reviewPoints), text: "за одобренный отзыв. Один отзыв приносит баллы один раз." },
    { id: "receipt-points", icon: ReceiptText, value: pointsText(rules.receiptPoints), text: "за чек с QR-кодом — сверх баллов за отзыв. Один чек — один раз." },
    { id: "moderation-days", icon: Clock, value: businessDaysAccusative(rules.moderationBusinessDays), text: "— столько длится проверка заявки. Решение придёт в личный кабинет." },
    {
      id: "shipping-days",
      icon: Truck,
      value: calendarDaysAccusative(rules.shippingDays),
      text: `— срок отправки приза с доставкой; заказ подтверждаем за ${businessDaysAccusative(rules.moderationBusinessDays)}.`,
    },
    {
      id: "forfeiture",
      icon: Flame,
      value: monthsText(rules.forfeitureMonths),
      text: `без заказа призов — и баллы сгорают. Предупредим ${forfeitureWarningsText()} до этого.`,
    },
  ];
  return (
    <Section id="rules" title="Правила и сроки" className="bg-white" lead="Цифры ниже — действующие правила программы: если они изменятся, здесь сразу будут новые.">
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="landing-rules">
        {facts.map((fact) => (
          <li key={fact.id} className="flex gap-4 rounded-2xl bg-canvas p-5 ring-1 ring-line" data-testid={`rule-${fact.id}`}>
            <span className="grid size-11 shrink-0 place-items-center rounded-xl bg-white text-brand-600 ring-1 ring-line">
              <fact.icon aria-hidden className="size-5" />
            </span>
            <p className="text-[15px] leading-relaxed text-muted">
              <strong className="block text-xl font-semibold text-ink">{fact.value}</strong>
              {fact.text}
            </p>
          </li>
        ))}
        {campaign && (
          <li className="flex gap-4 rounded-2xl bg-brand-50 p-5 ring-1 ring-brand-100" data-testid="rule-campaign">
            <p className="text-[15px] leading-relaxed text-ink">{campaign}</p>
          </li>
        )}
      </ul>
    </Section>
  );
}

function Faq({ rules }: { rules: LandingRules }) {
  const items: { question: string; answer: ReactNode }[] = [
    {
      question: "Сколько баллов я получу?",
      answer: (
        <>
          За одобренный отзыв — {pointsText(rules.reviewPoints)}, за чек — ещё {pointsText(rules.receiptPoints)}. Отзыв и чек проверяются отдельно: если чек не
          подойдёт, баллы за отзыв всё равно начислятся. Баллы за один и тот же отзыв или чек начисляются один раз, даже если прислать их снова.
        </>
      ),
    },
    {
      question: "Сколько ждать проверки?",
      answer: (
        <>
          Не больше {businessDaysText(rules.moderationBusinessDays)} — срок указан на странице заявки. Как только модератор примет решение, вы увидите его в личном
          кабинете, а если укажете почту — получите письмо.
        </>
      ),
    },
    {
      question: "Как доставляют призы?",
      answer: (
        <>
          Призы с доставкой приезжают в пункт выдачи СДЭК или отделение Почты России — выберите удобный при заказе. Мы подтверждаем заказ за{" "}
          {businessDaysAccusative(rules.moderationBusinessDays)} и отправляем не позже чем через {calendarDaysAccusative(rules.shippingDays)}; трек-номер появится в
          кабинете и в письме. Электронные призы — промокоды и сертификаты — приходят на почту после подтверждения заказа.
        </>
      ),
    },
    {
      question: "Почему заявку могут отклонить?",
      answer: (
        <>
          Чаще всего — если по ссылке нет отзыва или он не о продукте Carely, скриншоты не читаются, за этот отзыв или чек баллы уже начислялись, чек — возврат
          или покупка сделана вне сроков акции. Модератор всегда пишет причину, а отклонённую часть можно отправить ещё раз с новыми фото.
        </>
      ),
    },
    {
      question: "Когда сгорают баллы?",
      answer: (
        <>
          Если {monthsText(rules.forfeitureMonths)} подряд не заказывать призы, весь баланс сгорает. Любой заказ приза запускает отсчёт заново. Мы предупредим{" "}
          {forfeitureWarningsText()} до сгорания — в кабинете и письмом, а дата всегда видна под балансом.
        </>
      ),
    },
    {
      question: "Обязательно ли присылать чек?",
      answer: (
        <>
          Нет. Без чека начислятся баллы только за отзыв. Чтобы получить баллы за чек, сфотографируйте QR-код на кассовом чеке — обычно он напечатан внизу.
        </>
      ),
    },
    {
      question: "Что вы делаете с моими данными?",
      answer: (
        <>
          Номер телефона, заявки и данные для доставки нужны только для участия в программе. Выгрузить или удалить их можно в разделе «Мои данные» личного кабинета.
          Подробнее — в{" "}
          <Link href="/privacy-policy" className="font-medium text-brand-700 underline underline-offset-4">
            политике обработки персональных данных
          </Link>
          .
        </>
      ),
    },
  ];
  return (
    <Section id="faq" title="Частые вопросы">
      <div className="divide-y divide-line overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-line" data-testid="landing-faq">
        {items.map((item) => (
          <details key={item.question} className="group">
            <summary className="flex min-h-14 cursor-pointer list-none items-center justify-between gap-4 px-5 py-4 text-[15px] font-semibold marker:hidden sm:text-base [&::-webkit-details-marker]:hidden">
              {item.question}
              <ChevronDown aria-hidden className="size-5 shrink-0 text-muted transition-transform group-open:rotate-180" />
            </summary>
            <p className="px-5 pb-5 text-[15px] leading-relaxed text-muted">{item.answer}</p>
          </details>
        ))}
      </div>
    </Section>
  );
}
