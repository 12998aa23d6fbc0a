/**
 * A streaming RFC 4180 parser: quoted fields with doubled quotes, delimiters and newlines inside
 * quotes, CRLF or LF. Text is pushed in pieces; each finished row goes to `onRow`, which may
 * return false to stop.
 */
export class CsvParser {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private stopped = false;
  private sawCR = false;

  constructor(
    private readonly delimiter: string,
    private readonly onRow: (row: string[]) => boolean | void,
  ) {}

  get done(): boolean {
    return this.stopped;
  }

  push(text: string): void {
    const d = this.delimiter;
    let i = 0;
    const n = text.length;
    while (i < n && !this.stopped) {
      const ch = text[i]!;
      if (this.quoted) {
        if (ch === '"') {
          if (i + 1 < n) {
            if (text[i + 1] === '"') {
              this.field += '"';
              i += 2;
              continue;
            }
            this.quoted = false;
            this.afterQuote = true;
            i++;
            continue;
          }
          // a quote at the end of this piece: decide when the next arrives
          this.quoted = false;
          this.afterQuote = true;
          i++;
          continue;
        }
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        this.field += text.slice(i, end);
        i = end;
        continue;
      }
      if (this.afterQuote && ch === '"') {
        // "" split across pieces
        this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
        i++;
        continue;
      }
      this.afterQuote = false;
      if (this.sawCR) {
        this.sawCR = false;
        if (ch === '\n') {
          i++;
          continue;
        }
      }
      if (ch === d) {
        this.row.push(this.field);
        this.field = '';
        i++;
      } else if (ch === '\n' || ch === '\r') {
        this.endRow();
        this.sawCR = ch === '\r';
        i++;
      } else if (ch === '"' && this.field === '') {
        this.quoted = true;
        i++;
      } else {
        // plain run up to the next special character
        let j = i + 1;
        while (j < n) {
          const c = text[j]!;
          if (c === d || c === '\n' || c === '\r' || c === '"') break;
          j++;
        }
        this.field += text.slice(i, j);
        i = j;
      }
    }
  }

  end(): void {
    if (this.stopped) return;
    if (this.field !== '' || this.row.length) this.endRow();
  }

  private endRow(): void {
    this.row.push(this.field);
    this.field = '';
    const r = this.row;
    this.row = [];
    // blank lines are not rows
    if (r.length === 1 && r[0] === '') return;
    if (this.onRow(r) === false) this.stopped = true;
  }
}
