/**
 * The renderer's Content-Security-Policy, one definition for every loader: Electron adds it as a
 * response header, `kiln serve` sends it with every file, and src/renderer/index.html carries it
 * in a <meta> tag (so it holds even where no header is added, e.g. a file:// page opened
 * directly). A test keeps the tag equal to META_CSP.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy as a <meta> tag can carry it: browsers ignore frame-ancestors there (header only). */
export const META_CSP = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
