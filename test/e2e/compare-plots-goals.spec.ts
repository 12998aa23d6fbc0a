import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { RunsPage } from './pages/runs-page.js';
import { seedRuns } from './seed-runs.js';

// Issue 10, item 7: compare has parallel coordinates, a param-vs-metric scatter, a goal per metric
// colouring the deltas better/worse, and deltas that never read "+18402.7%".

async function compare(page: Page, runs: RunsPage, names: string[]): Promise<void> {
  // the first one checked is the baseline
  for (const n of names) await runs.row(n).getByRole('checkbox').check();
  await page.getByRole('button', { name: new RegExp(`^Compare ${names.length}$`) }).click();
  await expect(page.getByTestId('compare-page')).toBeVisible();
}

function parsePoints(points: string): [number, number][] {
  return points
    .trim()
    .split(/\s+/)
    .map((p) => p.split(',').map(Number) as [number, number]);
}

test('parallel coordinates and a param/metric scatter over four runs; goals colour the deltas and are remembered', async ({ page, kiln }, testInfo) => {
  // sweep-i: lr 0.1/0.01/0.001/0.0001, batch 32/64/128/32, optimizer sgd/adam; accuracy rises with i, loss falls
  await seedRuns(kiln.workspace, kiln.home, 4);
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Runs');
  const runs = new RunsPage(page);
  await expect(runs.rows()).toHaveCount(4);
  await compare(page, runs, ['sweep-3', 'sweep-0', 'sweep-1', 'sweep-2']);

  // (a) parallel coordinates: an axis per numeric param, the text param, and each metric; a line per run in its colour
  const pc = page.getByTestId('parallel-coords');
  await expect(pc).toBeVisible();
  const axes = await pc.locator('[data-axis]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-axis')));
  expect(axes).toEqual(['batch', 'lr', 'optimizer', 'accuracy', 'loss']);
  await expect(pc.locator('polyline')).toHaveCount(4);
  const colours = await page.evaluate(() => {
    const chip = Object.fromEntries(
      Array.from(document.querySelectorAll('.kr-run-chip')).map((c) => [
        c.textContent!.trim(),
        getComputedStyle(c.querySelector('.kc-swatch')!).backgroundColor,
      ]),
    );
    return Array.from(document.querySelectorAll('[data-testid="parallel-coords"] polyline')).map((l) => ({
      label: l.querySelector('title')!.textContent!,
      stroke: getComputedStyle(l).stroke,
      chip: chip[l.querySelector('title')!.textContent!],
    }));
  });
  expect(new Set(colours.map((c) => c.stroke)).size).toBe(4);
  for (const c of colours) expect(c.stroke, c.label).toBe(c.chip);
  // sweep-0 has the highest lr (top of its axis) and the lowest accuracy (bottom of its axis)
  const sweep0 = parsePoints((await pc.locator('polyline', { has: page.locator('title', { hasText: 'sweep-0' }) }).getAttribute('points'))!);
  const ys = await pc.locator('polyline').evaluateAll((ls) =>
    ls.map((l) =>
      (l.getAttribute('points') ?? '')
        .trim()
        .split(/\s+/)
        .map((p) => Number(p.split(',')[1])),
    ),
  );
  const lrYs = ys.map((p) => p[1]!);
  const accYs = ys.map((p) => p[3]!);
  expect(sweep0[1]![1]).toBe(Math.min(...lrYs));
  expect(sweep0[3]![1]).toBe(Math.max(...accYs));
  await pc.scrollIntoViewIfNeeded();
  await testInfo.attach('parallel coordinates', { body: await page.screenshot(), contentType: 'image/png' });

  // (b) the scatter: lr against accuracy, then log x
  const scatter = page.getByTestId('param-scatter');
  await page.getByLabel('x param').selectOption({ label: 'lr' });
  await page.getByLabel('y metric').selectOption({ label: 'accuracy' });
  await expect(scatter).toHaveAttribute('aria-label', 'accuracy against lr');
  await expect(scatter.locator('circle')).toHaveCount(4);
  const pts = await scatter
    .locator('circle')
    .evaluateAll((cs) =>
      cs.map((c) => ({ label: c.querySelector('title')!.textContent!, cx: Number(c.getAttribute('cx')), cy: Number(c.getAttribute('cy')) })),
    );
  const s0 = pts.find((p) => p.label.includes('sweep-0'))!;
  expect(s0.cx).toBe(Math.max(...pts.map((p) => p.cx)));
  expect(s0.cy).toBe(Math.max(...pts.map((p) => p.cy)));
  const cx1 = () => scatter.locator('circle', { has: page.locator('title', { hasText: 'sweep-1' }) }).getAttribute('cx');
  const linear = Number(await cx1());
  await page.getByLabel('log x').check();
  await expect.poll(async () => Number(await cx1())).toBeGreaterThan(linear + 50);
  await scatter.scrollIntoViewIfNeeded();
  await testInfo.attach('param vs metric scatter (log x)', { body: await page.screenshot(), contentType: 'image/png' });

  // (c) goals guessed from the name: accuracy max, loss min; the baseline (sweep-3) is best at both
  const row = (m: string) => page.locator(`.kr-deltas tr[data-metric="${m}"]`);
  await expect(page.getByLabel('goal for accuracy')).toHaveValue('max');
  await expect(page.getByLabel('goal for loss')).toHaveValue('min');
  await expect(row('accuracy').getByTestId('delta')).toHaveCount(3);
  for (const m of ['accuracy', 'loss']) for (const d of await row(m).getByTestId('delta').all()) await expect(d).toHaveAttribute('data-verdict', 'worse');
  await page.getByLabel('goal for accuracy').selectOption('min');
  for (const d of await row('accuracy').getByTestId('delta').all()) await expect(d).toHaveAttribute('data-verdict', 'better');
  await page.reload();
  await expect(page.getByLabel('goal for accuracy')).toHaveValue('min');
  for (const d of await row('accuracy').getByTestId('delta').all()) await expect(d).toHaveAttribute('data-verdict', 'better');
  await page.getByTestId('compare-page').locator('.kr-deltas').scrollIntoViewIfNeeded();
  await testInfo.attach('goals and coloured deltas', { body: await page.screenshot(), contentType: 'image/png' });
});

test('a delta from a base near zero reads as the absolute change, not a huge percentage', async ({ page, kiln }, testInfo) => {
  const file = (name: string, bias: number, valLoss: number) => {
    const f = join(kiln.workspace, `${name}.jsonl`);
    writeFileSync(
      f,
      `{"metric":"bias","step":1,"value":${bias}}\n{"metric":"val_loss","step":1,"value":${valLoss}}\n{"metric":"val_loss","step":2,"value":${valLoss}}\n`,
    );
    return f;
  };
  for (const [name, bias, vl] of [
    ['tiny-base', 0.000001, 0.5],
    ['shifted', 0.018401, 0.4],
  ] as const) {
    const r = await kiln.cli(['runs', 'import', file(name, bias, vl), '--name', name]);
    expect(r.code, r.stderr).toBe(0);
  }
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Runs');
  const runs = new RunsPage(page);
  await expect(runs.rows()).toHaveCount(2);
  await compare(page, runs, ['tiny-base', 'shifted']);
  const bias = page.locator('.kr-deltas tr[data-metric="bias"]').getByTestId('delta');
  await expect(bias).toHaveText('+0.0184');
  await expect(bias).toHaveAttribute('data-verdict', 'better');
  const vl = page.locator('.kr-deltas tr[data-metric="val_loss"]').getByTestId('delta');
  await expect(vl).toHaveText('−0.1 (−20.0%)');
  await expect(vl).toHaveAttribute('data-verdict', 'better');
  await testInfo.attach('deltas near zero', { body: await page.screenshot(), contentType: 'image/png' });
});
