import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from './fixtures/test.js';
import { CONTENT_SECURITY_POLICY, META_CSP } from '../../src/shared/csp.js';

// Hardening item 9: the renderer's CSP holds under every loader, not only where a header is
// added: the built index.html carries it in a <meta> tag, equal to the header's policy.
const builtIndex = resolve('out/renderer/index.html');

test('opened as a plain file (no header), the page still refuses inline script', async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (d: string) => violations.push(d));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => void (window as unknown as { reportViolation: (d: string) => void }).reportViolation(e.violatedDirective),
    );
  });
  await page.goto(pathToFileURL(builtIndex).href);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(META_CSP);
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.append(s);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations).toContainEqual(expect.stringMatching(/^script-src/));
});

test('served by kiln serve: header and meta say the same, and the UI loads under both', async ({ page, kiln }) => {
  const res = await page.goto(kiln.url);
  expect(res!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(META_CSP);
  // the header's policy minus frame-ancestors (which a meta tag cannot carry)
  expect(
    CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; '),
  ).toBe(meta);
  await expect(page.getByRole('navigation')).toBeVisible();
  expect(readFileSync(resolve('src/renderer/index.html'), 'utf8')).toContain(`content="${META_CSP}"`);
});
