/**
 * decodeURIComponent throws URIError on a malformed %-escape ("%", "%E0%A4%A"); anything a
 * client sends is decoded through here so a bad byte is a 400, never an exception that
 * escapes a request handler and stops the server.
 */
export function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
