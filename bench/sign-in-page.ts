// npm run bench:sign-in — the sign-in page's server response time (issue #2: median under 100 ms).
// Starts the portal as `npm start` does (or measures BENCH_URL), warms up, then times sequential
// GET /login requests from first byte sent to the full body received, on loopback.
import { startPortal, summarise } from "./lib.ts";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP = 50;

const portal = await startPortal(Number(process.env.BENCH_PORT ?? 3201));
try {
  for (let i = 0; i < WARMUP; i += 1) await (await fetch(`${portal.baseUrl}/login`)).text();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const started = performance.now();
    const response = await fetch(`${portal.baseUrl}/login`);
    const body = await response.text();
    samples.push(performance.now() - started);
    if (response.status !== 200 || !body.includes("Получить код")) throw new Error(`unexpected response ${response.status}`);
  }
  console.log(summarise("GET /login (sequential, full body)", samples));

  // The same under light concurrency (8 in flight), as a busy morning would look.
  const concurrent: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = 0; i < REQUESTS / 8; i += 1) {
        const started = performance.now();
        await (await fetch(`${portal.baseUrl}/login`)).text();
        concurrent.push(performance.now() - started);
      }
    }),
  );
  console.log(summarise("GET /login (8 concurrent, full body)", concurrent));
} finally {
  await portal.stop();
}
