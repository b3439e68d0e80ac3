import "server-only";
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
 * the limit — declared or not, chunked or not. At most the limit is held in memory per upload; the rest of
 * an oversized body is never read (the route answers 413 and closes the connection). Request.formData()
 * would buffer the whole body first, however large.
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

  return new Promise<MultipartUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: MultipartUpload["file"] = null;
    let settled = false;
    let received = 0;

    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      // Stop reading: what is still on its way stays in the socket, which the 413 response closes.
      source.unpipe(parser);
      source.pause();
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
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
      });
      stream.on("limit", () => {
        chunks.length = 0;
        fail(tooLarge(limits));
      });
      stream.on("end", () => {
        if (!settled) file = { bytes: Buffer.concat(chunks, size), fileName: info.filename ?? "", mimeType: info.mimeType };
      });
    });
    parser.on("filesLimit", () => fail(new AppError("VALIDATION", "Загрузите один файл за раз.")));
    parser.on("fieldsLimit", () => fail(new AppError("VALIDATION", UNREADABLE)));
    // Emitted on reaching the count (the fields and the file, plus one): one part more than expected.
    parser.on("partsLimit", () => fail(new AppError("VALIDATION", UNREADABLE)));
    parser.on("error", () => fail(new AppError("VALIDATION", UNREADABLE)));
    parser.on("close", () => {
      if (settled) return;
      settled = true;
      resolve({ fields, file });
    });
    source.pipe(parser);
  });
}

function tooLarge(limits: MultipartUploadLimits): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", limits.tooLarge);
}

/** The upload's file, or the form's Russian "empty file" message when none (or an empty one) came. */
export function requireUploadedFile(upload: MultipartUpload, emptyMessage: string): NonNullable<MultipartUpload["file"]> {
  if (!upload.file || upload.file.bytes.length === 0) throw new AppError("VALIDATION", emptyMessage);
  return upload.file;
}
