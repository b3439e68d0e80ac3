// A small pool of worker threads that decode receipt QR codes off the caller's event loop, each call under a
// hard time budget. Not `server-only` so that the decoding bench (a plain tsx script) runs the very same code;
// the application goes through decode-receipt-qr.ts.
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { parseFiscalQr } from "@/lib/fiscal-qr";
import { portalLogger } from "@/server/observability/log-core.mjs";

/** A point in the uploaded image's own pixels, before its EXIF orientation is applied. */
export interface QrPoint {
  x: number;
  y: number;
}

/** The pixel frame the corners are in: the uploaded image as stored in the file, and its EXIF orientation (1–8). */
export interface QrFrame {
  width: number;
  height: number;
  orientation: number;
}

export interface QrDecodeResult {
  /** Every QR text found, in the order found. */
  texts: string[];
  /** Where each of `texts` was read: its corners (top left, top right, bottom right, bottom left) in `frame`, or null. */
  quads: (QrPoint[] | null)[];
  /** Null when the image was not decoded (timed out in the queue, unreadable). */
  frame: QrFrame | null;
  /** The text among `texts` that parses as a fiscal receipt (the first, if there are several). */
  fiscalText: string | null;
  /** The time budget ran out before the search was complete (what was found by then is still returned). */
  timedOut: boolean;
  elapsedMs: number;
  /** Set when the upload is not an image the server can open (not an image, truncated, too large). */
  unreadableImage?: boolean;
}

export interface QrDecoderPoolOptions {
  /** Worker threads; default 1–2 depending on the cores. */
  size?: number;
  /**
   * The worker script. It is plain JavaScript found at run time from the project root rather than imported,
   * so no bundler (Turbopack in `next build`) ever tries to compile or relocate it.
   */
  workerPath?: string;
  /** See DEFAULT_MAX_QUEUE_WAIT_MS. */
  maxQueueWaitMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 2000;
// How long a call may wait for a free worker (a burst of uploads, or the workers' one-off start-up of about
// a second) before it is answered `timedOut` without being decoded, so no caller waits indefinitely.
const DEFAULT_MAX_QUEUE_WAIT_MS = 15_000;
// The worker is asked to wrap up this long before the hard deadline, so a search cut short still returns
// what it found rather than being killed with it.
const SOFT_DEADLINE_MARGIN_MS = 150;
// A hostile image must not take the JavaScript heap with it (pixel buffers live outside it, capped by the
// worker's pixel limit).
const WORKER_HEAP_MB = 256;

export function defaultWorkerPath(projectRoot = process.cwd()): string {
  return path.join(projectRoot, "src", "server", "receipts", "qr", "qr-decode-worker.mjs");
}

interface WorkerReply {
  id?: number;
  ready?: boolean;
  error?: string;
  texts?: string[];
  quads?: (QrPoint[] | null)[];
  frame?: QrFrame | null;
  budgetExhausted?: boolean;
  /** The image could not be opened. */
  unreadable?: string;
  /** The search itself failed (a bug): logged, and answered as "no code found". */
  failed?: string;
}

interface Job {
  id: number;
  image: Uint8Array;
  startedAt: number;
  timeoutMs: number;
  resolve(result: QrDecodeResult): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
  job: Job | null;
}

export class QrDecoderPool {
  private readonly size: number;
  private readonly workerPath: string;
  private readonly maxQueueWaitMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: QrDecoderPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, Math.max(1, availableParallelism() - 1)));
    this.workerPath = options.workerPath ?? defaultWorkerPath();
    this.maxQueueWaitMs = options.maxQueueWaitMs ?? DEFAULT_MAX_QUEUE_WAIT_MS;
  }

  /** Starts the workers (loading ZXing's WebAssembly) and waits until they can take work. */
  async warmUp(): Promise<void> {
    this.fill();
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  /**
   * Finds the QR codes in an image. Decoding gets `timeoutMs` once a worker takes the image: an image that
   * would take longer has its worker terminated and replaced, and resolves with `timedOut` (and whatever was
   * found by then). Waiting for a free worker is capped separately (`maxQueueWaitMs`). Rejects only when the
   * workers cannot start at all (a deployment problem, not a property of the image).
   */
  decode(image: Uint8Array, options: { timeoutMs?: number } = {}): Promise<QrDecodeResult> {
    if (this.closed) return Promise.reject(new Error("the QR decoder pool is closed"));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const startedAt = performance.now();
    return new Promise<QrDecodeResult>((resolve, reject) => {
      const job: Job = { id: this.nextId++, image, startedAt, timeoutMs, resolve, reject };
      job.timer = setTimeout(() => this.expire(job), this.maxQueueWaitMs);
      this.queue.push(job);
      this.fill();
      this.dispatch();
    });
  }

  /** Terminates the workers; calls still pending resolve as timed out. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    const pending = [...this.queue.splice(0), ...slots.flatMap((slot) => (slot.job ? [slot.job] : []))];
    for (const job of pending) this.finish(job, { texts: [], budgetExhausted: false }, true);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private fill(): void {
    while (!this.closed && this.slots.length < this.size) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerPath, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // Workers must not keep a script (bench, tests) alive; a pending call's deadline timer does that.
    worker.unref();
    let markReady!: () => void;
    let failStart!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, isReady: false, job: null };
    worker.on("message", (reply: WorkerReply) => {
      if (reply.ready !== undefined) {
        if (reply.ready) {
          slot.isReady = true;
          markReady();
          this.dispatch();
        } else {
          onFailure(new Error(`the QR decoding worker could not start: ${reply.error ?? "unknown error"}`));
          void worker.terminate();
        }
        return;
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      this.finish(job, reply, false);
      this.dispatch();
    });
    const onFailure = (error: Error) => {
      if (!this.slots.includes(slot)) return; // terminated on purpose
      this.slots.splice(this.slots.indexOf(slot), 1);
      const job = slot.job;
      slot.job = null;
      if (!slot.isReady) {
        // The worker itself is broken (missing file, bad install): every queued call would fail the same way.
        failStart(error);
        if (job) this.failJob(job, error);
        for (const queued of this.queue.splice(0)) this.failJob(queued, error);
        return;
      }
      // A crash while decoding (e.g. out of memory on a hostile image): that image has no readable code.
      if (job) this.finish(job, { texts: [], budgetExhausted: false, unreadable: error.message }, false);
      this.fill();
      this.dispatch();
    };
    worker.on("error", onFailure);
    worker.on("exit", (code) => onFailure(new Error(`the QR decoding worker exited with code ${code}`)));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      // A worker still starting takes work once it reports ready (dispatch runs again then).
      if (slot.job || !slot.isReady) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      // From here the decoding budget runs; the worker is told to wrap up a little before it.
      clearTimeout(job.timer);
      job.timer = setTimeout(() => this.expire(job), job.timeoutMs);
      const budgetMs = Math.max(1, job.timeoutMs - Math.min(SOFT_DEADLINE_MARGIN_MS, job.timeoutMs / 5));
      // A private copy whose memory moves to the worker instead of being cloned.
      const image = new Uint8Array(job.image);
      slot.worker.postMessage({ id: job.id, image, budgetMs }, [image.buffer]);
    }
  }

  /** A deadline passed: a job still queued is answered; a running one has its worker terminated and replaced. */
  private expire(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, { texts: [], budgetExhausted: true }, true);
      return;
    }
    const slot = this.slots.find((candidate) => candidate.job === job);
    if (!slot) return;
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.job = null;
    void slot.worker.terminate();
    this.finish(job, { texts: [], budgetExhausted: true }, true);
    this.fill();
    this.dispatch();
  }

  private finish(job: Job, reply: WorkerReply, timedOut: boolean): void {
    clearTimeout(job.timer);
    if (reply.failed) portalLogger().error({ event: "receipt-qr.failed", detail: reply.failed }, "receipt-qr: decoding failed");
    const texts = reply.texts ?? [];
    const fiscalText = texts.find((text) => parseFiscalQr(text).ok) ?? null;
    const result: QrDecodeResult = {
      texts,
      quads: texts.map((_, index) => reply.quads?.[index] ?? null),
      frame: reply.frame ?? null,
      fiscalText,
      timedOut: timedOut || (reply.budgetExhausted === true && fiscalText === null),
      elapsedMs: Math.round(performance.now() - job.startedAt),
    };
    if (reply.unreadable) result.unreadableImage = true;
    job.resolve(result);
  }

  private failJob(job: Job, error: Error): void {
    clearTimeout(job.timer);
    job.reject(error);
  }
}
