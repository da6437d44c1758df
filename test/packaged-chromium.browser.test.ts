import { launchChromium } from './support/browser';

/**
 * `npm ci && npm test` on a machine without a system browser: the browser tests then run the
 * Chromium shipped inside the `@sparticuz/chromium` package of the lockfile. This runs it even
 * where a system Chromium is installed, so the path a fresh machine takes is tested everywhere.
 */
describe('the browser the lockfile ships', () => {
  it('launches without a system Chromium and renders a page with script', async () => {
    const { browser, source } = await launchChromium({ skipSystem: true });
    try {
      expect(source.kind).toBe('packaged');
      expect(source.executablePath).toContain('node_modules');
      const page = await browser.newPage();
      await page.setContent('<p id="out"></p><script>document.getElementById("out").textContent = String(6 * 7);</script>');
      expect(await page.textContent('#out')).toBe('42');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
