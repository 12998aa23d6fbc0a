/**
 * import() of a package kept out of the CLI bundle (ES-module-only or heavy). The bundle runs from
 * V8's code cache, where Node 20 loses a script's dynamic-import callback ("A dynamic import
 * callback was not specified"), so the CLI launcher, a real ES module, lends its own import().
 * Everywhere else (Electron, tests from source) the plain import() is used.
 */
export function importExternal<T>(specifier: string): Promise<T> {
  const lent = (globalThis as { __kilnImport?: (s: string) => Promise<unknown> }).__kilnImport;
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
