import "server-only";

/**
 * A file the browser saves rather than shows. Every download here holds personal or internal data (CSV
 * exports, a shopper's data), so no shared cache may keep it and the browser may not sniff its type.
 */
export function fileDownload(file: { fileName: string; content: string }, contentType: "text/csv" | "application/json"): Response {
  return new Response(file.content, {
    status: 200,
    headers: {
      "Content-Type": `${contentType}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
