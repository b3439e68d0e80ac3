import "server-only";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/server/errors";

export interface MultipartUploadLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** The Russian message shown when the file (or the whole body) is larger. */
  tooLarge: string;
  /** The text fields expected beside the file; anything else is refused. */
  fields?: readonly string[];
}

export interface MultipartUpload {
  fields: Record<string, string>;
  file: { bytes: Buffer; fileName: string; mimeType: string } | null;
}

/** Room for the multipart boundaries, part headers and the few short text fields. */
const ENVELOPE_BYTES = 64 * 1024;
const UNREADABLE = "Не удалось прочитать файл. Попробуйте загрузить его ещё раз.";

/**
 * Reads a multipart/form-data body with one file while it streams in, and refuses it the moment it passes
 * the limit — declared or not, chunked or not. The file streams to a temporary file, so an upload in flight
 * holds only the chunks in transit in memory; it is read back whole only once it is complete and within the
 * limit. The rest of an oversized body is never read (the route answers 413 and closes the connection).
 * Request.formData() would buffer the whole body first, however large.
 */
export async function readMultipartUpload(request: Request, limits: MultipartUploadLimits): Promise<MultipartUpload> {
  const maxBodyBytes = limits.maxFileBytes + ENVELOPE_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBodyBytes) throw tooLarge(limits);
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType) || !request.body) throw new AppError("VALIDATION", UNREADABLE);

  const allowedFields = new Set(limits.fields ?? []);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { files: 1, fileSize: limits.maxFileBytes, fields: allowedFields.size, fieldSize: 1024, parts: allowedFields.size + 2 },
    });
  } catch {
    throw new AppError("VALIDATION", UNREADABLE);
  }
  const source = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);

  const spoolPath = path.join(tmpdir(), `carely-upload-${randomBytes(12).toString("hex")}`);
  const spooled = await new Promise<{ fields: Record<string, string>; file: { fileName: string; mimeType: string; size: number } | null }>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { fileName: string; mimeType: string; size: number } | null = null;
    let fileWritten: Promise<void> = Promise.resolve();
    let spool: { file: NodeJS.ReadableStream; spool: ReturnType<typeof createWriteStream> } | null = null;
    let settled = false;
    let received = 0;

    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      // Stop reading: what is still on its way stays in the socket, which the 413 response closes.
      source.unpipe(parser);
      source.pause();
      if (spool) {
        spool.file.unpipe(spool.spool);
        spool.spool.destroy();
      }
      reject(error);
    };

    source.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBodyBytes) fail(tooLarge(limits));
    });
    source.on("error", () => fail(new AppError("VALIDATION", UNREADABLE)));

    parser.on("field", (name, value, info) => {
      if (!allowedFields.has(name) || info.valueTruncated) return fail(new AppError("VALIDATION", UNREADABLE));
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file") {
        stream.resume();
        return fail(new AppError("VALIDATION", UNREADABLE));
      }
      let size = 0;
      const fileSpool = createWriteStream(spoolPath);
      spool = { file: stream, spool: fileSpool };
      stream.on("data", (chunk: Buffer) => (size += chunk.length));
      stream.on("limit", () => fail(tooLarge(limits)));
      fileWritten = new Promise<void>((done, failed) => {
        fileSpool.on("finish", () => done());
        fileSpool.on("error", failed);
      });
      // A refused upload destroys the spool on purpose; its error then has nobody to tell.
      fileWritten.catch(() => undefined);
      stream.on("end", () => {
        if (!settled) file = { fileName: info.filename ?? "", mimeType: info.mimeType, size };
      });
      stream.pipe(fileSpool);
    });
    parser.on("filesLimit", () => fail(new AppError("VALIDATION", "Загрузите один файл за раз.")));
    parser.on("fieldsLimit", () => fail(new AppError("VALIDATION", UNREADABLE)));
    // Emitted on reaching the count (the fields and the file, plus one): one part more than expected.
    parser.on("partsLimit", () => fail(new AppError("VALIDATION", UNREADABLE)));
    parser.on("error", () => fail(new AppError("VALIDATION", UNREADABLE)));
    parser.on("close", () => {
      if (settled) return;
      fileWritten.then(
        () => {
          if (settled) return;
          settled = true;
          resolve({ fields, file });
        },
        () => fail(new AppError("VALIDATION", UNREADABLE)),
      );
    });
    source.pipe(parser);
  }).catch(async (error: unknown) => {
    await rm(spoolPath, { force: true });
    throw error;
  });

  try {
    const bytes = spooled.file ? await readFile(spoolPath) : null;
    return { fields: spooled.fields, file: spooled.file && bytes ? { bytes, fileName: spooled.file.fileName, mimeType: spooled.file.mimeType } : null };
  } finally {
    await rm(spoolPath, { force: true });
  }
}

function tooLarge(limits: MultipartUploadLimits): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", limits.tooLarge);
}

/** The upload's file, or the form's Russian "empty file" message when none (or an empty one) came. */
export function requireUploadedFile(upload: MultipartUpload, emptyMessage: string): NonNullable<MultipartUpload["file"]> {
  if (!upload.file || upload.file.bytes.length === 0) throw new AppError("VALIDATION", emptyMessage);
  return upload.file;
}
