// The client's cold start, measured in headless Chromium against the real
// server serving the release build: from navigation to a painted chat list,
// on a first visit (nothing cached) and on reopening (IndexedDB cache and
// HTTP cache warm). Run by `cargo xtask bench`; prints one JSON array of
// table rows on stdout.

import { launchBrowser, startServer } from '../lib/harness.mjs';

const RUNS = Number(process.env.SAMTAL_BENCH_RUNS ?? 5);

/** Milliseconds from the navigation's start until the chat list has rows. */
async function paintedChatList(page, url) {
  await page.goto(url);
  const list = page.getByRole('list', { name: 'Conversations' });
  await list.getByRole('listitem').first().waitFor();
  return page.evaluate(() => performance.now());
}

/** Signs in over the API from the page, as the form does, without painting anything else. */
async function signInQuietly(page, url, handle) {
  await page.goto(`${url}/api/openapi.json`);
  const status = await page.evaluate(async (handle) => {
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Samtal-Request': '1' },
      body: JSON.stringify({ handle, password: 'demo-password' }),
    });
    return response.status;
  }, handle);
  if (status !== 200) throw new Error(`signing in answered ${status}`);
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

const server = await startServer();
const first = [];
const again = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const browser = await launchBrowser();
    try {
      await signInQuietly(browser.page, server.url, 'erik');
      first.push(await paintedChatList(browser.page, `${server.url}/chats`));
      // Reopen once the cache holds a database of what was seen.
      await browser.page.waitForFunction(async () => (await indexedDB.databases()).length > 0);
      const reopened = await browser.context.newPage();
      await browser.page.close();
      again.push(await paintedChatList(reopened, `${server.url}/chats`));
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}

const row = (what, values) => ({
  workload: 'client cold start to a painted chat list',
  backend: 'client',
  measured: `${what}: p50 ${percentile(values, 50).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (${values.length} runs)`,
  figures: { p50_ms: percentile(values, 50), max_ms: Math.max(...values), runs: values.length },
});
console.log(JSON.stringify([row('first visit, nothing cached', first), row('reopened, cache warm', again)]));
