import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** Where page screenshots go (kept by CI as artifacts; ignored by git). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A page that records every console error and uncaught exception, for the test to assert there were none. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  // Reduced motion: the charts draw without animation, so a click lands on the shape the test aimed at.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { page, errors };
}

/** Waits until the chart with this test id has drawn SVG shapes, and returns how many. */
export async function waitForChart(page: Page, testId: string): Promise<number> {
  const shapes = page.locator(`[data-chart="${testId}"] svg :is(path, rect)`);
  await shapes.first().waitFor({ state: 'attached' });
  return shapes.count();
}

/** Waits until the element `selector` shows a text other than `previous` (the page answered a change), and returns it. */
export async function waitForNewText(page: Page, selector: string, previous: string): Promise<string> {
  const handle = await page.waitForFunction(
    ([sel, prev]) => {
      // Runs in the page; this file is compiled without the DOM library.
      const page = globalThis as unknown as {
        document: { querySelector(s: string): { textContent: string | null } | null };
      };
      const text = page.document.querySelector(sel!)?.textContent;
      return text !== undefined && text !== null && text !== prev ? text : null;
    },
    [selector, previous],
  );
  return (await handle.jsonValue()) as string;
}

/** Waits for the page's h1 to read exactly `text` (pages show their key while they load). */
export async function waitForHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

/**
 * Presses Tab until the focused element is a link whose path (without its query) satisfies `wanted`, and returns that
 * path; fails after `limit` presses. The keyboard's way to a link, as a reader without a pointer takes it.
 */
export async function tabToLink(page: Page, wanted: (path: string) => boolean, limit = 150): Promise<string> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    // Evaluated in the page (this file is compiled without the DOM library).
    const href = (await page.evaluate('document.activeElement?.getAttribute("href") ?? null')) as string | null;
    const path = href?.split('?')[0];
    if (path !== undefined && wanted(path)) return path;
  }
  throw new Error(`no link wanted within ${limit} presses of Tab`);
}
