import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { startKilnServer } from './fixtures/kiln-server.js';
import { ShellPage } from './pages/shell-page.js';
import { PipelinesPage } from './pages/pipelines-page.js';
import { busyboxImage, nodeImage } from '../helpers/test-images.js';

/** prepare → train → evaluate on a busybox image built FROM scratch: logs, metrics and a pause to watch live states. */
function pipelineYaml(image: string): string {
  return `stages:
  prepare:
    image: ${image}
    cmd: sh -c 'for i in $(seq 1 3000); do echo "prepare line $i"; done; seq 1 100 > data/n.txt; sleep 2'
    outputs: [data]
  train:
    image: ${image}
    cmd: sh -c 'for e in 1 2 3 4; do echo "epoch $e"; echo "{\\"metric\\":\\"loss\\",\\"step\\":$e,\\"value\\":0.$((9 - e))}" >> $KILN_METRICS; sleep 0.5; done; wc -l < data/n.txt > model/weights.txt'
    inputs: [data/n.txt]
    outputs: [model]
    params: {epochs: 4}
  evaluate:
    image: ${image}
    cmd: sh -c 'echo "accuracy $(cat model/weights.txt)"; echo "{\\"metric\\":\\"accuracy\\",\\"step\\":1,\\"value\\":0.93}" >> $KILN_METRICS; echo done > eval/ok'
    inputs: [model/weights.txt]
    outputs: [eval]
`;
}

test('runs a pipeline from the UI: live stage states and logs, the finished run, then a fully cached run', async ({ page, kiln }) => {
  test.setTimeout(240_000);
  writeFileSync(join(kiln.workspace, 'kiln.yaml'), pipelineYaml(await busyboxImage()));
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.expectWorkspace('ws');
  await shell.go('Pipelines');
  const p = new PipelinesPage(page);

  // the DAG, every stage stale before the first run, with why
  for (const s of ['prepare', 'train', 'evaluate']) await expect(p.stage(s)).toContainText('stale');
  await expect(page.getByTestId('staleness')).toContainText('Will run');

  await p.runButton.click();
  await p.expectStage('prepare', 'running');
  await p.expectRun('running');
  // its dependents wait while it runs (it sleeps 2 s after printing)
  await p.expectStage('train', 'queued');
  await expect(p.cancelButton).toBeEnabled();
  await page.screenshot({ path: 'test-results/ui-pipelines-running.png' });
  // every line arrives, in order, tail followed
  await expect(p.log).toContainText('prepare line 3000', { timeout: 20_000 });
  expect(await p.logLines()).toBeGreaterThanOrEqual(3000);

  // follow train live
  await p.stage('train').click();
  await expect(p.log).toContainText('epoch', { timeout: 30_000 });

  await p.expectRun('done', 60_000);
  for (const s of ['prepare', 'train', 'evaluate']) await p.expectStage(s, 'done');
  await expect(p.log).toContainText('epoch 4');
  await p.stage('evaluate').click();
  await expect(p.log).toContainText('accuracy 100');
  await expect(p.cancelButton).toBeDisabled();
  // staleness refreshed after the run: everything up to date
  for (const s of ['prepare', 'train', 'evaluate']) await expect(p.stage(s)).toContainText('up to date');
  await page.screenshot({ path: 'test-results/ui-pipelines-done.png' });

  // the finished run on its page: stages, params, metrics
  await page
    .getByRole('toolbar', { name: 'pipeline actions' })
    .getByRole('button', { name: /^Run #\d+$/ })
    .click();
  const run = page.getByTestId('run-page');
  await expect(run).toBeVisible();
  for (const s of ['prepare', 'train', 'evaluate']) await expect(page.getByTestId(`run-stage-${s}`)).toContainText('done');
  await expect(page.getByTestId('metric-loss')).toBeVisible();
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-drawn', /\d+/);
  await expect(run.getByRole('tab', { name: 'prepare' })).toBeVisible();
  await expect(run.locator('.kp-log')).toContainText('prepare line 3000');

  // a second run restores every stage from the cache
  await shell.go('Pipelines');
  await p.runButton.click();
  await p.expectRunNumber(2, 30_000);
  await p.expectRun('done', 60_000);
  for (const s of ['prepare', 'train', 'evaluate']) await p.expectStage(s, 'cached');
  await expect(p.runStatus).toContainText('done');

  // force runs them all again
  await p.force.check();
  await p.runButton.click();
  await p.expectStage('prepare', 'running');
  await p.cancelButton.click();
  await p.expectRun('cancelled', 30_000);
  await expect(p.stage('train')).toHaveAttribute('data-state', /not_run|cancelled/);
});

test('kiln.yaml problems are shown with file:line:col and the field', async ({ page, kiln }) => {
  writeFileSync(join(kiln.workspace, 'kiln.yaml'), `stages:\n  train:\n    image: busybox\n    cmd: echo hi\n    gpu: 1\n`);
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Pipelines');
  const p = new PipelinesPage(page);
  await expect(p.issues).toContainText(/kiln\.yaml:5:5/);
  await expect(p.issues).toContainText('stages.train');
  await expect(p.issues).toContainText(/did you mean .?gpus/i);
  await expect(p.runButton).toBeDisabled();
});

test('an unreachable engine is said plainly in the Pipelines view', async ({ page }) => {
  const server = await startKilnServer({ env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
  try {
    writeFileSync(join(server.workspace, 'kiln.yaml'), `stages:\n  a:\n    image: busybox\n    cmd: echo hi\n`);
    const shell = new ShellPage(page);
    await shell.open(server.url);
    await shell.go('Pipelines');
    await expect(page.getByRole('alert').filter({ hasText: 'The Docker engine is unreachable' })).toBeVisible();
    await expect(new PipelinesPage(page).runButton).toBeDisabled();
  } finally {
    await server.stop();
  }
});

test('the example MNIST pipeline (kiln init --example) runs from the UI, then runs fully cached', async ({ page }) => {
  test.setTimeout(600_000);
  // offline: the example's image is overridden with one built from this machine's node binary
  const server = await startKilnServer({ env: { KILN_EXAMPLE_IMAGE: await nodeImage() } });
  try {
    const example = join(dirname(server.workspace), 'mnist');
    const init = await server.cli(['init', '--example', example]);
    expect(init.code, init.stderr).toBe(0);
    const shell = new ShellPage(page);
    await shell.open(server.url);
    await shell.openWorkspace(example);
    await shell.expectWorkspace('mnist');
    await shell.go('Pipelines');
    const p = new PipelinesPage(page);
    await expect(p.stage('train')).toContainText('stale');

    await p.runButton.click();
    await p.expectStage('prepare', 'running', 60_000);
    await expect(p.log).toContainText('prepared 2000 training and 500 test digits', { timeout: 120_000 });
    await p.expectStage('train', 'running', 120_000);
    await p.stage('train').click();
    await expect(p.log).toContainText('epoch 1/3', { timeout: 240_000 });
    await p.expectRun('done', 400_000);
    for (const s of ['prepare', 'train', 'evaluate']) await p.expectStage(s, 'done');
    await p.stage('evaluate').click();
    await expect(p.log).toContainText(/test accuracy [\d.]+% on 500 digits/);
    await page.screenshot({ path: 'test-results/ui-pipelines-example.png' });

    // the run's metrics are charted on its page
    await page
      .getByRole('toolbar', { name: 'pipeline actions' })
      .getByRole('button', { name: /^Run #\d+$/ })
      .click();
    await expect(page.getByTestId('run-page')).toBeVisible();
    await expect(page.locator('.kc-chart[data-drawn]').first()).toBeVisible();

    await shell.go('Pipelines');
    await p.runButton.click();
    await p.expectRunNumber(2, 30_000);
    await p.expectRun('done', 60_000);
    for (const s of ['prepare', 'train', 'evaluate']) await p.expectStage(s, 'cached');
  } finally {
    await server.stop();
  }
});
