/** Edit distance, for suggesting the key a user probably meant. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Whether the letters of `short` appear in `long` in order ("cmd" in "comand"). */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long.toLowerCase()) if (c === short[i]?.toLowerCase()) i++;
  return i === short.length;
}

/**
 * The closest known word within a third of its length, if any. `loose` (used when the word
 * stands where a required key is missing) also accepts the same first letter with one word's
 * letters inside the other, or a distance within half the longer word.
 */
export function didYouMean(word: string, known: readonly string[], loose = false): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(word, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  if (best !== null && bestD <= Math.max(1, Math.ceil(best.length / 3))) return best;
  if (!loose) return null;
  const close = known.filter((k) => {
    const sameStart = k[0]?.toLowerCase() === word[0]?.toLowerCase();
    const inside = k.length < word.length ? isSubsequence(k, word) : isSubsequence(word, k);
    return (sameStart && inside) || editDistance(word, k) <= Math.ceil(Math.max(word.length, k.length) / 2);
  });
  return close.length === 1 ? close[0]! : null;
}
