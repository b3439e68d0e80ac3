import { describe, expect, it } from "vitest";
import { MAX_REVIEW_URL_LENGTH, type NormalisedReviewLink, normaliseReviewUrl } from "./review-link";

function accepted(input: string): Extract<NormalisedReviewLink, { ok: true }> {
  const result = normaliseReviewUrl(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to be accepted, got: ${result.message}`);
  return result;
}

describe("normaliseReviewUrl: the same review written different ways", () => {
  it.each([
    "https://irecommend.ru/content/otlichnyi-krem-carely",
    "http://irecommend.ru/content/otlichnyi-krem-carely/",
    "irecommend.ru/content/otlichnyi-krem-carely",
    "//irecommend.ru/content/otlichnyi-krem-carely",
    "https://www.irecommend.ru/content/otlichnyi-krem-carely?utm_source=vk&utm_medium=social#comments",
    "HTTPS://M.IRECOMMEND.RU/content/otlichnyi-krem-carely",
    "https://irecommend.ru:443/content/otlichnyi-krem-carely?page=2",
    "http://irecommend.ru:80//content//otlichnyi-krem-carely//",
    "https://irecommend.ru/content/otlichnyi%2Dkrem%2dcarely",
    "https://irecommend.ru./content/otlichnyi-krem-carely",
    "  https://irecommend.ru/content/otlichnyi-krem-carely\n",
    "\u200Bhttps://irecommend.ru/content/otlichnyi-krem-carely\uFEFF",
  ])("IRecommend: %s", (input) => {
    expect(normaliseReviewUrl(input)).toEqual({
      ok: true,
      url: "https://irecommend.ru/content/otlichnyi-krem-carely",
      key: "irecommend.ru/content/otlichnyi-krem-carely",
      platform: "IRECOMMEND",
    });
  });

  it.each([
    "https://www.ozon.ru/product/krem-dlya-litsa-carely-50-ml-1234567890/reviews/?asb=TefhAaBCP56KjeEr8I4Y8RdHlIoVMpSFegY3mtYaT2M%253D&asb2=0GdQS5nvNrOM0kycLfVZMRss60goPR1LutcIu-5ghr70G5joIg0qhjA0zXPsnnev&avtc=1&avte=2&avts=1670668728&keywords=carely&sh=GloAfQtWH",
    "ozon.ru/product/krem-dlya-litsa-carely-50-ml-1234567890/reviews",
    "https://m.ozon.ru/product/1234567890/reviews/?from=share_android&utm_campaign=productpage_link",
    "http://ozon.ru/product/krem-carely-1234567890/reviews/#section-reviews",
  ])("Ozon (slug, tracking and host differences): %s", (input) => {
    const result = accepted(input);
    expect(result.platform).toBe("OZON");
    expect(result.key).toBe("ozon.ru/product/1234567890/reviews");
    expect(result.url).toMatch(/^https:\/\/www\.ozon\.ru\/product\/[a-z0-9-]*1234567890\/reviews$/);
  });

  it.each([
    "https://www.wildberries.ru/catalog/59275473/feedbacks?imtId=44647327&size=106309629#VIrsBoQBXuaGXcNp226b",
    "wildberries.ru/catalog/59275473/feedbacks#VIrsBoQBXuaGXcNp226b",
    "https://wb.ru/catalog/59275473/feedbacks?imtId=44647327&targetUrl=GP#VIrsBoQBXuaGXcNp226b",
    "https://m.wildberries.ru/catalog/59275473/feedbacks/?utm_source=share#VIrsBoQBXuaGXcNp226b",
  ])("Wildberries (the review's id is the fragment): %s", (input) => {
    const result = accepted(input);
    expect(result.platform).toBe("WILDBERRIES");
    expect(result.key).toBe("wildberries.ru/catalog/59275473/feedbacks#VIrsBoQBXuaGXcNp226b");
    expect(result.url).toMatch(/^https:\/\/(www\.wildberries|wb)\.ru\/catalog\/59275473\/feedbacks#VIrsBoQBXuaGXcNp226b$/);
  });

  it.each([
    "https://market.yandex.ru/product--krem-dlia-litsa-carely/1775010076/reviews?hid=8476099&track=tabs&firstReviewId=123456789",
    "https://m.market.yandex.ru/product/1775010076/reviews?firstReviewId=123456789&lr=213",
    "market.yandex.ru/product--carely/1775010076/reviews/?utm_source=share&firstReviewId=123456789",
  ])("Yandex Market (slug and tracking differences, review id kept): %s", (input) => {
    const result = accepted(input);
    expect(result.platform).toBe("YANDEX_MARKET");
    expect(result.key).toBe("market.yandex.ru/product/1775010076/reviews?firstReviewId=123456789");
  });

  it.each([
    "https://www.otzovik.com/review_1234567.html?b=2&utm_campaign=x&a=1",
    "otzovik.com/review_1234567.html?a=1&b=2&yclid=42&gclid=7&fbclid=9",
    "http://OTZOVIK.COM/review_1234567.html?a=1&b=2&a=1#top",
    "https://mobile.otzovik.com/review_1234567.html?a=%31&b=2",
  ])("other sites (param order, case, repeats, encoding): %s", (input) => {
    const result = accepted(input);
    expect(result.platform).toBe("OTHER");
    expect(result.key).toBe("otzovik.com/review_1234567.html?a=1&b=2");
  });

  it("keeps the host of other sites as written in the URL (the bare domain may not answer)", () => {
    expect(accepted("http://www.otzovik.com/review_1234567.html?utm_source=x").url).toBe("https://www.otzovik.com/review_1234567.html");
  });

  it("treats percent-encoding differences and raw Cyrillic as the same path", () => {
    const raw = accepted("https://example.ru/отзывы/крем-carely");
    const lower = accepted("https://example.ru/%d0%be%d1%82%d0%b7%d1%8b%d0%b2%d1%8b/%d0%ba%d1%80%d0%b5%d0%bc-carely");
    const upper = accepted("https://example.ru/%D0%BE%D1%82%D0%B7%D1%8B%D0%B2%D1%8B/%D0%BA%D1%80%D0%B5%D0%BC%2Dcarely");
    expect(lower.key).toBe(raw.key);
    expect(upper.key).toBe(raw.key);
    expect(raw.url).toBe("https://example.ru/%D0%BE%D1%82%D0%B7%D1%8B%D0%B2%D1%8B/%D0%BA%D1%80%D0%B5%D0%BC-carely");
  });

  it("treats the ways of writing a space in the query as the same", () => {
    expect(accepted("https://example.ru/r?q=a+b").key).toBe(accepted("https://example.ru/r?q=a%20b").key);
  });

  it("accepts internationalised domains, stored in their ASCII form", () => {
    const result = accepted("https://отзывы.рф/review/1");
    expect(result.url).toMatch(/^https:\/\/xn--[a-z0-9-]+\.xn--p1ai\/review\/1$/);
    expect(result.platform).toBe("OTHER");
  });
});

describe("normaliseReviewUrl: different reviews stay different", () => {
  it.each([
    ["irecommend.ru/content/otlichnyi-krem-carely", "irecommend.ru/content/otlichnyi-krem-carely-0"],
    ["https://www.ozon.ru/product/krem-1234567890/reviews/", "https://www.ozon.ru/product/krem-1234567891/reviews/"],
    ["https://www.ozon.ru/product/krem-1234567890/reviews/?reviewUuid=0190a1b2", "https://www.ozon.ru/product/krem-1234567890/reviews/?reviewUuid=0190a1b3"],
    ["https://ozon.ru/t/pARq2jp", "https://ozon.ru/t/parq2jp"],
    [
      "https://www.wildberries.ru/catalog/59275473/feedbacks?imtId=44647327#VIrsBoQBXuaGXcNp226b",
      "https://www.wildberries.ru/catalog/59275473/feedbacks?imtId=44647327#QWErtyUIop1234567890",
    ],
    ["https://www.wildberries.ru/catalog/59275473/detail.aspx", "https://www.wildberries.ru/catalog/59275473/feedbacks"],
    ["https://market.yandex.ru/product--krem/1775010076/reviews?firstReviewId=1", "https://market.yandex.ru/product--krem/1775010076/reviews?firstReviewId=2"],
    ["https://market.yandex.ru/product--krem/1775010076", "https://market.yandex.ru/card/krem/1775010076"],
    ["https://example.ru/Review/1", "https://example.ru/review/1"],
    ["https://example.ru:8443/review/1", "https://example.ru/review/1"],
  ])("%s ≠ %s", (first, second) => {
    expect(accepted(first).key).not.toBe(accepted(second).key);
  });

  it("keeps short links as they are (they are not resolved over the network)", () => {
    expect(accepted("https://ozon.ru/t/pARq2jp?utm_source=app")).toEqual({
      ok: true,
      url: "https://www.ozon.ru/t/pARq2jp",
      key: "ozon.ru/t/pARq2jp",
      platform: "OZON",
    });
  });

  it("keeps parameters that may identify a review and drops the page's other tracking", () => {
    const result = accepted("https://www.ozon.ru/product/krem-carely-1234567890/reviews/?sh=x&reviewUuid=0190a1b2&asb2=y");
    expect(result.key).toBe("ozon.ru/product/1234567890/reviews?reviewUuid=0190a1b2");
    expect(result.url).toBe("https://www.ozon.ru/product/krem-carely-1234567890/reviews?reviewUuid=0190a1b2");
  });

  it("keeps imtId when the product id is the placeholder 0", () => {
    expect(accepted("https://www.wildberries.ru/catalog/0/feedbacks?imtId=456").key).toBe("wildberries.ru/catalog/0/feedbacks?imtId=456");
  });

  it("drops a fragment that is not a review id", () => {
    expect(accepted("https://www.wildberries.ru/catalog/59275473/detail.aspx#c12345678").key).toBe("wildberries.ru/catalog/59275473/detail.aspx");
  });

  it("maps wb.ru to wildberries.ru only for catalogue pages", () => {
    expect(accepted("https://wb.ru/catalog/59275473/detail.aspx")).toMatchObject({
      url: "https://wb.ru/catalog/59275473/detail.aspx",
      key: "wildberries.ru/catalog/59275473/detail.aspx",
      platform: "WILDBERRIES",
    });
    expect(accepted("https://wb.ru/x/AbC123")).toMatchObject({ key: "wb.ru/x/AbC123", platform: "WILDBERRIES" });
  });
});

describe("normaliseReviewUrl: platforms", () => {
  it.each([
    ["https://irecommend.ru/content/x", "IRECOMMEND"],
    ["https://www.ozon.ru/product/x-1/", "OZON"],
    ["https://www.wildberries.ru/catalog/1/detail.aspx", "WILDBERRIES"],
    ["https://market.yandex.ru/product--x/1", "YANDEX_MARKET"],
    ["https://pokupki.market.yandex.ru/product/x/1", "YANDEX_MARKET"],
    ["https://otzovik.com/review_1.html", "OTHER"],
    ["https://seller.ozon.ru/app/reviews", "OTHER"],
    ["https://ozon.ru.example.com/product/x-1/", "OTHER"],
    ["https://notirecommend.ru/content/x", "OTHER"],
    ["https://yandex.ru/search/?text=carely", "OTHER"],
  ])("%s → %s", (input, platform) => {
    expect(accepted(input).platform).toBe(platform);
  });
});

describe("normaliseReviewUrl: refusals", () => {
  it.each([
    ["", /Вставьте ссылку/],
    ["   \n\t", /Вставьте ссылку/],
    ["Мой отзыв: https://irecommend.ru/content/x", /пробелов/],
    ["hello", /нет адреса сайта/],
    ["не ссылка", /пробелов/],
    ["javascript:alert(1)", /http:\/\/ или https:\/\//],
    ["JavaScript:alert(document.cookie)", /http:\/\/ или https:\/\//],
    ["data:text/html,<script>alert(1)</script>", /http:\/\/ или https:\/\//],
    ["ftp://irecommend.ru/content/x", /http:\/\/ или https:\/\//],
    ["mailto:review@irecommend.ru", /http:\/\/ или https:\/\//],
    ["file:///etc/passwd", /http:\/\/ или https:\/\//],
    ["https://", /не похоже на ссылку/],
    ["http://?q=1", /не похоже на ссылку/],
    ["https://irecommend", /нет адреса сайта/],
    ["https://user:secret@irecommend.ru/content/x", /имя пользователя или пароль/],
    ["https://irecommend.ru@evil.example.com/content/x", /имя пользователя или пароль/],
    ["http://localhost:3000/review/1", /локальный компьютер или IP-адрес/],
    ["localhost:3000/review/1", /локальный компьютер или IP-адрес/],
    ["https://admin.localhost/review/1", /локальный компьютер или IP-адрес/],
    ["https://127.0.0.1/review/1", /локальный компьютер или IP-адрес/],
    ["http://192.168.0.10/review/1", /локальный компьютер или IP-адрес/],
    ["http://2130706433/review/1", /локальный компьютер или IP-адрес/],
    ["https://[::1]/review/1", /локальный компьютер или IP-адрес/],
    ["http://exa mple.ru/", /пробелов/],
    ["http://exa<mple.ru/", /не похоже на ссылку/],
  ])("refuses %j", (input, message) => {
    const result = normaliseReviewUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("refuses input longer than 2048 characters and accepts exactly 2048", () => {
    const prefix = "https://irecommend.ru/content/";
    const exact = prefix + "a".repeat(MAX_REVIEW_URL_LENGTH - prefix.length);
    expect(normaliseReviewUrl(exact).ok).toBe(true);
    expect(normaliseReviewUrl(`${exact}a`)).toEqual({ ok: false, message: expect.stringMatching(/слишком длинная/) });
  });
});
