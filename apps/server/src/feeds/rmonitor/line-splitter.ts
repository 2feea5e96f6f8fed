/**
 * Splits a TCP byte stream into lines. A line may arrive split across chunks, and a multi-byte
 * character may be split too, so bytes are decoded with a streaming decoder. CR LF and bare LF
 * both end a line; a byte-order mark at the start of the stream is dropped.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  private pending = '';

  /** The complete lines in this chunk (and the ones it completes); a partial tail is kept. */
  push(chunk: Uint8Array | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }

  /**
   * Drops and returns the unterminated tail, e.g. when the connection drops mid-line: that
   * text is a truncated record and must not be glued to the next connection's first line.
   */
  reset(): string {
    const tail = this.pending + this.decoder.decode();
    this.pending = '';
    return tail;
  }
}
