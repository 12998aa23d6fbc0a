/** A short random id for jobs and uploads (letters, digits, "-"; fits the contract's id patterns). */
export function newId(prefix: string): string {
  const a = new Uint8Array(9);
  crypto.getRandomValues(a);
  return `${prefix}-${Array.from(a, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 14)}`;
}
