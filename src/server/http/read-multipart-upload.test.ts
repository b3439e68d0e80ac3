import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { readMultipartUpload } from "./read-multipart-upload";

const BOUNDARY = "----carely-test-boundary";
const LIMITS = { maxFileBytes: 1024 * 1024, tooLarge: "Файл больше 1 МБ.", fields: ["kind"] } as const;

function head(fields: Record<string, string>): Buffer {
  let text = "";
  for (const [name, value] of Object.entries(fields)) text += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  text += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return Buffer.from(text);
}
const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** A body streamed chunk by chunk (no Content-Length, as a chunked upload), counting what was pulled. */
function streamedRequest(fileBytes: number, fields: Record<string, string> = { kind: "SCREENSHOT" }) {
  const chunk = Buffer.alloc(64 * 1024, 7);
  let sentFile = 0;
  let stage: "head" | "file" | "tail" | "done" = "head";
  const counter = { pulledBytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let piece: Buffer;
      if (stage === "head") {
        piece = head(fields);
        stage = "file";
      } else if (stage === "file") {
        piece = chunk.subarray(0, Math.min(chunk.length, fileBytes - sentFile));
        sentFile += piece.length;
        if (sentFile >= fileBytes) stage = "tail";
      } else if (stage === "tail") {
        piece = TAIL;
        stage = "done";
      } else {
        controller.close();
        return;
      }
      counter.pulledBytes += piece.length;
      controller.enqueue(new Uint8Array(piece));
    },
  });
  const request = new Request("http://localhost/api/uploads", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, counter };
}

describe("readMultipartUpload", () => {
  it("reads the file and the declared fields", async () => {
    const { request } = streamedRequest(300_000);
    const upload = await readMultipartUpload(request, LIMITS);
    expect(upload.fields).toEqual({ kind: "SCREENSHOT" });
    expect(upload.file?.bytes.length).toBe(300_000);
    expect(upload.file?.fileName).toBe("photo.jpg");
  });

  it("refuses a streamed body at the limit without reading the rest", async () => {
    const { request, counter } = streamedRequest(60 * 1024 * 1024);
    const error = await readMultipartUpload(request, LIMITS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("PAYLOAD_TOO_LARGE");
    expect((error as AppError).message).toBe("Файл больше 1 МБ.");
    // Pulled: the limit and what the stream buffers ahead, nowhere near 60 MB.
    expect(counter.pulledBytes).toBeLessThan(LIMITS.maxFileBytes + 1024 * 1024);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const request = new Request("http://localhost/api/uploads", {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(80 * 1024 * 1024) },
      body: "x",
    });
    await expect(readMultipartUpload(request, LIMITS)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("refuses what is not multipart, unexpected fields and a second file", async () => {
    const json = new Request("http://localhost/api/uploads", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await expect(readMultipartUpload(json, LIMITS)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(readMultipartUpload(streamedRequest(10, { role: "ADMIN" }).request, LIMITS)).rejects.toMatchObject({ code: "VALIDATION" });
    const twoFiles = Buffer.concat([head({}), Buffer.from("a"), Buffer.from(`\r\n`), head({}).subarray(0), Buffer.from("b"), TAIL]);
    const request = new Request("http://localhost/api/uploads", {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: twoFiles,
    });
    await expect(readMultipartUpload(request, LIMITS)).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
