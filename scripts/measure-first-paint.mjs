// Cold start of `kiln serve` to first contentful paint in Chromium: spawn the server, launch the
// browser, open the printed URL, read the paint entry. Prints each leg and the total from spawn.
// Usage: npm run build && node scripts/measure-first-paint.mjs [--runs N]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
const kiln = resolve('dist/cli/kiln.js');
const executablePath = process.env.KILN_CHROMIUM ?? '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'];

function run(cmd, argv, opts) {
  return new Promise((res, rej) => {
    const p = spawn(cmd, argv, opts);
    let err = '';
    p.stderr?.on('data', (d) => (err += d));
    p.on('exit', (c) => (c === 0 ? res() : rej(new Error(`${argv.join(' ')} exited ${c}: ${err}`))));
  });
}

async function once() {
  const base = mkdtempSync(join(tmpdir(), 'kiln-fcp-'));
  const ws = join(base, 'ws');
  const env = { ...process.env, KILN_HOME: join(base, 'home') };
  await run(process.execPath, [kiln, 'init', ws], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // the browser is already running with a tab open, as a user's would be; its own start-up is reported apart
  const tb = performance.now();
  const browserP = chromium.launch({ executablePath, args });
  const page = await (await browserP).newPage();
  const browserStart = performance.now() - tb;
  const t0 = performance.now();
  const server = spawn(process.execPath, [kiln, 'serve', '--port', '0'], { cwd: ws, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((res, rej) => {
      let out = '';
      const t = setTimeout(() => rej(new Error(`no URL in 20 s: ${out}`)), 20_000);
      const on = (d) => {
        out += d;
        const m = /(http:\/\/\S+token=[\w-]+)/.exec(out);
        if (m) {
          clearTimeout(t);
          res(m[1]);
        }
      };
      server.stdout.on('data', on);
      server.stderr.on('data', on);
    });
    const tUrl = performance.now();
    const browser = await browserP;
    const tNav = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    const fcp = await page.evaluate(
      () =>
        new Promise((res) => {
          const have = performance.getEntriesByName('first-contentful-paint')[0];
          if (have) return res(have.startTime);
          new PerformanceObserver((l) => {
            const e = l.getEntriesByName('first-contentful-paint')[0];
            if (e) res(e.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    // the React shell's first frame (after the bundle ran), as a second, stricter figure
    const app = await page.evaluate(
      () =>
        new Promise((res) => {
          const poll = () => {
            const m = performance.getEntriesByName('kiln:app-rendered')[0];
            if (m) res(m.startTime);
            else setTimeout(poll, 10);
          };
          poll();
        }),
    );
    // FCP is relative to the navigation start in the page, which began at tNav
    const total = tNav - t0 + fcp;
    const totalApp = tNav - t0 + app;
    await browser.close();
    return { serverReady: tUrl - t0, browserStart, fcpInPage: fcp, total, appInPage: app, totalApp };
  } finally {
    server.kill('SIGTERM');
    (await browserP.catch(() => null))?.close().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    rmSync(base, { recursive: true, force: true });
  }
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await once());
const ms = (v) => `${Math.round(v)} ms`;
for (const [i, r] of results.entries()) {
  console.log(
    `run ${i + 1}: server printed its URL after ${ms(r.serverReady)}, first contentful paint ${ms(r.fcpInPage)} after navigation → total ${ms(r.total)}; React shell rendered ${ms(r.appInPage)} after navigation → ${ms(r.totalApp)} (chromium itself took ${ms(r.browserStart)} to start, not counted)`,
  );
}
const summary = (label, key) => {
  const v = results.map((r) => r[key]).sort((a, b) => a - b);
  console.log(`${label}: median ${ms(v[Math.floor(v.length / 2)])} (min ${ms(v[0])}, max ${ms(v.at(-1))}, ${runs} runs)`);
};
summary('cold start of kiln serve to first contentful paint', 'total');
summary('cold start of kiln serve to the React shell rendered', 'totalApp');
