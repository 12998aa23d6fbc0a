import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqlDriverName } from './sql.js';

/** What SQLite's quick_check found: 'ok', or its first lines. */
export interface CheckOutcome {
  ok: boolean;
  lines: string[];
}

// CommonJS, evaluated in a worker: a multi-GB database is checked without blocking the event loop.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  let lines;
  if (workerData.driver === 'node:sqlite') {
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(workerData.path, { readOnly: true });
    lines = db.prepare('PRAGMA quick_check').all().map((r) => String(Object.values(r)[0]));
    db.close();
  } else {
    const Database = require(workerData.module);
    const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
    lines = db.pragma('quick_check').map((r) => String(r.quick_check));
    db.close();
  }
  parentPort.postMessage({ ok: lines.length === 1 && lines[0] === 'ok', lines: lines.slice(0, 20) });
} catch (e) {
  parentPort.postMessage({ ok: false, lines: [String((e && e.message) || e)] });
}
`;

/** Every page of the database at `path`, checked on a read-only connection in a worker thread. */
export function checkDatabaseInBackground(path: string, driver: SqlDriverName): Promise<CheckOutcome> {
  const module = driver === 'node:sqlite' ? '' : createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const w = new Worker(WORKER, { eval: true, workerData: { path, driver, module } });
    // a check still running must not keep a finished CLI command alive
    w.unref();
    w.once('message', (m: CheckOutcome) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', (e) => resolve({ ok: false, lines: [e.message] }));
  });
}
