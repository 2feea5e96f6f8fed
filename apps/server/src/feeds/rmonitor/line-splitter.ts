/** RMonitor records are well under 200 characters; $T with many sections stays under 2,000. */
export const MAX_LINE_LENGTH = 4_096;
/** How much of a dropped line is kept to show what it was. */
const HEAD_LENGTH = 80;

export interface LineSplitterOptions {
  maxLineLength?: number;
  /** A line longer than the cap was dropped; `head` is its start. */
  onOverlong?: (head: string) => void;
}

/**
 * Splits a TCP byte stream into lines. A line may arrive split across chunks, and a multi-byte
 * character may be split too, so bytes are decoded with a streaming decoder. CR LF and bare LF
 * both end a line; a byte-order mark at the start of the stream is dropped. A line longer than
 * the cap is dropped as soon as it is too long, and the rest of it skipped up to its end, so a
 * line that never ends costs neither memory nor time: each byte is looked at once.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  private readonly maxLineLength: number;
  private pending = '';
  /** In the middle of a line already dropped as too long. */
  private skipping = false;

  constructor(private readonly options: LineSplitterOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH;
  }

  /** The complete lines in this chunk (and the ones it completes); a partial tail is kept. */
  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = this.pending + text.slice(start, end);
      this.pending = '';
      start = end + 1;
      if (this.skipping) this.skipping = false;
      else if (line.length > this.maxLineLength + 1) this.drop(line);
      else lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (!this.skipping) {
      this.pending += text.slice(start);
      if (this.pending.length > this.maxLineLength + 1) {
        this.drop(this.pending);
        this.pending = '';
        this.skipping = true;
      }
    }
    return lines;
  }

  /**
   * Drops and returns the unterminated tail, e.g. when the connection drops mid-line: that
   * text is a truncated record and must not be glued to the next connection's first line.
   */
  reset(): string {
    const rest = this.decoder.decode();
    const tail = this.skipping ? '' : this.pending + rest;
    this.pending = '';
    this.skipping = false;
    return tail;
  }

  private drop(line: string): void {
    this.options.onOverlong?.(line.slice(0, HEAD_LENGTH));
  }
}
