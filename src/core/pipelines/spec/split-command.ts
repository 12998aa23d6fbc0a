/**
 * A `cmd` string: split into words as a shell would when it is a plain command line (quotes and
 * backslashes only), so images without a shell work; anything using shell syntax ($VAR, pipes,
 * redirects, globs, `;`, `&&`) runs with `/bin/sh -c` instead, exactly as written.
 */
export function commandToExec(cmd: string | string[]): string[] {
  if (Array.isArray(cmd)) return cmd;
  return splitPlainWords(cmd) ?? ['/bin/sh', '-c', cmd];
}

const SHELL_SYNTAX = new Set(['$', '`', '|', '&', ';', '<', '>', '(', ')', '*', '?', '[', '~', '#', '{', '}', '\n']);

/** Words of a plain command line, or null when it needs a shell. */
export function splitPlainWords(s: string): string[] | null {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return null;
      cur += s.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        const d = s[j]!;
        if (d === '$' || d === '`') return null;
        if (d === '\\' && j + 1 < s.length && '"\\$`'.includes(s[j + 1]!)) {
          cur += s[++j];
        } else cur += d;
      }
      if (j >= s.length) return null;
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= s.length) return null;
      cur += s[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (SHELL_SYNTAX.has(c)) {
      return null;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  // `A=1 cmd` is a shell assignment
  if (!words.length || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) return null;
  return words;
}
