import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/test.js';
import { ShellPage } from './pages/shell-page.js';
import { PipelinesPage, SpecEditorPanel } from './pages/pipelines-page.js';
import { busyboxImage } from '../helpers/test-images.js';

// Issue 10, item 3: the Pipelines view follows kiln.yaml, and kiln.yaml can be edited in the app.

const spec = (image: string, extra = '') => `stages:
  prepare:
    image: ${image}
    cmd: sh -c 'seq 3 > data/n.txt'
    params: {seed: 42}
    outputs: [data]
    cpus: 1
    memory: 256m
  train:
    image: ${image}
    cmd: sh -c 'wc -l < data/n.txt > model/w.txt'
    inputs: [data]
    outputs: [model]${extra}
`;

test('the view follows kiln.yaml: a broken file keeps the DAG drawn and disables Run, fixing it clears the errors without a reload', async ({
  page,
  kiln,
}, testInfo) => {
  const image = await busyboxImage();
  const file = join(kiln.workspace, 'kiln.yaml');
  writeFileSync(file, spec(image));
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Pipelines');
  const p = new PipelinesPage(page);
  await expect(p.runButton).toBeEnabled();
  // the stage panel says what kiln.yaml says: image, cmd, params, inputs, outputs and resources
  const panel = page.getByRole('region', { name: 'stage prepare' });
  await expect(panel).toContainText('sh -c seq 3 > data/n.txt'); // cmd
  await expect(panel).toContainText('seed=42');
  await expect(panel).toContainText('1 CPU, 256.0 MiB memory');
  await expect(panel).toContainText(image);

  writeFileSync(file, spec(image).replace("    cmd: sh -c 'wc", "    comand: sh -c 'wc"));
  await expect(p.issues).toContainText('did you mean `cmd`?');
  await expect(p.stage('train')).toBeVisible(); // the DAG stays
  await expect(p.runButton).toBeDisabled();
  await testInfo.attach('kiln.yaml broken: DAG kept, Run disabled', { body: await page.screenshot(), contentType: 'image/png' });

  writeFileSync(file, spec(image));
  await expect(p.issues).toHaveCount(0);
  await expect(p.runButton).toBeEnabled();
});

test('kiln.yaml edited in the app: completion from the JSON Schema, inline problems while typing, saved and followed', async ({ page, kiln }, testInfo) => {
  const image = await busyboxImage();
  writeFileSync(join(kiln.workspace, 'kiln.yaml'), spec(image));
  const shell = new ShellPage(page);
  await shell.open(kiln.url);
  await shell.go('Pipelines');
  const p = new PipelinesPage(page);
  const ed = new SpecEditorPanel(page);
  await ed.open();
  await expect(ed.count).toHaveText('no problems');

  await ed.typeAtEnd('    netw');
  await expect(ed.completions).toContainText('network');
  await expect(ed.completions).toContainText('container network');
  await page.keyboard.press('Tab');
  await expect(ed.text).toHaveValue(/ {4}network: $/);
  await page.keyboard.type('hots');
  await expect(ed.count).toHaveText('1 problem');
  await expect(ed.problems).toContainText('`network` must be one of `none`, `bridge` (got "hots")');
  await testInfo.attach('editor: inline problem', { body: await page.screenshot(), contentType: 'image/png' });

  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('b');
  await expect(ed.completions.getByRole('option', { name: /bridge/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(ed.text).toHaveValue(/ {4}network: bridge$/);
  await expect(ed.count).toHaveText('no problems');
  await ed.save();
  // the view follows the saved file
  await p.stage('train').click();
  await expect(page.getByRole('region', { name: 'stage train' })).toContainText('network bridge');
  await testInfo.attach('editor: saved and followed', { body: await page.screenshot(), contentType: 'image/png' });
});
