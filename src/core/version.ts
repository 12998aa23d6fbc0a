// Replaced at build time from package.json; tests run from source and see the fallback.
declare const __KILN_VERSION__: string | undefined;
declare const __KILN_BUILD__: string | undefined;
export const KILN_VERSION: string = typeof __KILN_VERSION__ === 'string' ? __KILN_VERSION__ : '0.0.0-dev';
/** Unique per build of the CLI (empty when run from source): keys caches of derived data. */
export const KILN_BUILD: string = typeof __KILN_BUILD__ === 'string' ? __KILN_BUILD__ : '';
