// A fake proverkacheka.com on 127.0.0.1 for the browser journeys (started by playwright.config.ts beside the
// portal, which gets RECEIPT_CHECK_TOKEN and RECEIPT_CHECK_BASE_URL pointing here). It speaks the real API
// (POST /api/v1/check/get, form token + qrraw; HTTP 200 with {code, data}) and confirms every receipt with
// the QR's own sum, as one line of a face cream unless a journey said which lines a receipt has
// (POST /control/items {fn, items}: by the QR's fiscal drive number). A journey can hold the answers (POST /control/hold) to see the portal while a check is
// running, then let them go (POST /control/release); a held answer goes out anyway after HOLD_MAX_MS,
// inside the portal's 15 s timeout.
import { type ServerResponse, createServer } from "node:http";

const port = Number(process.argv.find((arg) => arg.startsWith("--port="))?.split("=")[1] ?? 3920);
const HOLD_MAX_MS = 10_000;

let held = false;
const itemsByDrive = new Map<string, { name: string; price: number; quantity: number; sum: number }[]>();
const waiting = new Set<() => void>();

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

function foundAnswer(qrraw: string) {
  const fields = new URLSearchParams(qrraw);
  const total = Math.round(Number(fields.get("s") ?? "0") * 100);
  return {
    code: 1,
    first: 0,
    data: {
      json: {
        user: "ООО \"КРАСОТА И ЗДОРОВЬЕ\"",
        userInn: "7701234567",
        retailPlaceAddress: "125009, г. Москва, ул. Тверская, д. 7",
        totalSum: total,
        fiscalDriveNumber: fields.get("fn"),
        fiscalDocumentNumber: Number(fields.get("i")),
        fiscalSign: Number(fields.get("fp")),
        operationType: Number(fields.get("n") ?? 1),
        items: itemsByDrive.get(fields.get("fn") ?? "") ?? [{ name: "Carely Крем для лица увлажняющий 50 мл", price: total, quantity: 1, sum: total }],
      },
    },
    request: { qrraw },
  };
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const path = request.url ?? "/";
    if (path === "/health") return send(response, 200, { ok: true });
    if (path === "/control/hold" && request.method === "POST") {
      held = true;
      return send(response, 200, { held });
    }
    if (path === "/control/items" && request.method === "POST") {
      const { fn, items } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { fn: string; items: { name: string; price: number; quantity: number; sum: number }[] };
      itemsByDrive.set(fn, items);
      return send(response, 200, { fn, items: items.length });
    }
    if (path === "/control/release" && request.method === "POST") {
      held = false;
      for (const go of waiting) go();
      waiting.clear();
      return send(response, 200, { held });
    }
    if (path === "/api/v1/check/get" && request.method === "POST") {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      if (!form.get("token")) return send(response, 200, { code: 0, first: 0, data: "Не указан токен" });
      const answer = () => send(response, 200, foundAnswer(form.get("qrraw") ?? ""));
      if (!held) return answer();
      const go = () => {
        clearTimeout(timer);
        waiting.delete(go);
        answer();
      };
      const timer = setTimeout(go, HOLD_MAX_MS);
      waiting.add(go);
      return;
    }
    send(response, 404, { error: "not found" });
  });
});

server.listen(port, "127.0.0.1", () => console.log(`fake proverkacheka.com on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
