/**
 * Text from a container, made safe to print on a terminal: control characters (C0 but tab, DEL,
 * C1) and bidirectional overrides are shown as visible escapes (\x1b, \u202e) instead of being
 * acted on, so a stage cannot move the cursor, retitle the window, rewrite earlier lines or hide
 * text. Only used when the output is a TTY: piped output and the log file keep the bytes.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeForTerminal(line: string): string {
  return line.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** The line as it should be printed on `stream`: escaped on a terminal, as it is otherwise. */
export function forStream(stream: { isTTY?: boolean }, line: string): string {
  return stream.isTTY ? escapeForTerminal(line) : line;
}
