import type { Browser, BrowserContext } from 'playwright-core';

/** One load of a page in headless Chromium, as the Chrome DevTools Protocol's Network domain saw it. */
export interface PageLoad {
  /** Navigation start to the moment `readySelector` matched (the page's own performance.now()), in ms. */
  readonly renderedMs: number;
  /** Bytes on the wire (Network.loadingFinished encodedDataLength: headers and the compressed body), summed. */
  readonly transferredBytes: number;
  readonly responses: readonly LoadedResponse[];
}

export interface LoadedResponse {
  readonly url: string;
  /** The CDP resource type: Document, Script, Stylesheet, Fetch, ... */
  readonly type: string;
  readonly status: number;
  /** content-encoding of the response (br, gzip, none). */
  readonly encoding: string;
  readonly transferredBytes: number;
}

interface ResponseReceived {
  requestId: string;
  type: string;
  response: { url: string; status: number; headers: Record<string, string> };
}

/**
 * Opens `url` in a new page of `context` and waits, polling at every animation frame, until `readySelector` matches;
 * returns the time since navigation start and every response's transferred bytes. A fresh context is a cold load
 * (empty HTTP cache); a second page in the same context is a warm one.
 */
export async function loadPage(context: BrowserContext, url: string, readySelector: string): Promise<PageLoad> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const received = new Map<string, ResponseReceived>();
  const finished: Array<{ requestId: string; bytes: number }> = [];
  cdp.on('Network.responseReceived', (event: ResponseReceived) => received.set(event.requestId, event));
  cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) =>
    finished.push({ requestId: event.requestId, bytes: event.encodedDataLength }),
  );
  await cdp.send('Network.enable');
  await page.goto(url, { waitUntil: 'commit' });
  const ready = await page.waitForFunction(
    (selector) => {
      // Runs in the page; this file is compiled without the DOM library.
      const document = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      return document.querySelector(selector) ? performance.now() : null;
    },
    readySelector,
    { polling: 'raf', timeout: 30_000 },
  );
  const renderedMs = (await ready.jsonValue()) as number;
  // Requests the page makes after it rendered (none expected) are not part of this load.
  await page.close();
  // data: URLs (e.g. an inline icon) are decoded in the page, never transferred.
  const onTheWire = finished.filter(({ requestId }) => !received.get(requestId)?.response.url.startsWith('data:'));
  const responses = onTheWire.map(({ requestId, bytes }) => {
    const r = received.get(requestId);
    const headers = Object.fromEntries(Object.entries(r?.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      url: r?.response.url ?? '(unknown)',
      type: r?.type ?? 'Other',
      status: r?.response.status ?? 0,
      encoding: headers['content-encoding'] ?? 'none',
      transferredBytes: bytes,
    };
  });
  return { renderedMs, transferredBytes: responses.reduce((sum, r) => sum + r.transferredBytes, 0), responses };
}

const VIEWPORT = { width: 1280, height: 900 };

/** One cold load: a fresh browser context (empty HTTP cache), closed afterwards. */
export async function coldLoad(browser: Browser, url: string, readySelector: string): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    return await loadPage(context, url, readySelector);
  } finally {
    await context.close();
  }
}

/** `count` cold loads (a fresh context each) and `count` warm ones (one context, after a load that fills its cache). */
export async function coldAndWarmLoads(
  browser: Browser,
  url: string,
  readySelector: string,
  count: number,
  log: (message: string) => void,
): Promise<{ cold: PageLoad[]; warm: PageLoad[] }> {
  const cold: PageLoad[] = [];
  for (let i = 0; i < count; i += 1) {
    cold.push(await coldLoad(browser, url, readySelector));
    log(`cold load ${i + 1}: ${cold[i]!.renderedMs.toFixed(0)} ms, ${cold[i]!.transferredBytes} bytes`);
  }
  const warm: PageLoad[] = [];
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await loadPage(context, url, readySelector);
    for (let i = 0; i < count; i += 1) {
      warm.push(await loadPage(context, url, readySelector));
      log(`warm load ${i + 1}: ${warm[i]!.renderedMs.toFixed(0)} ms, ${warm[i]!.transferredBytes} bytes`);
    }
  } finally {
    await context.close();
  }
  return { cold, warm };
}
