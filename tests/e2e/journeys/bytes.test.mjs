// The bytes a browser downloads before Chats is usable, counted as they
// come over the wire: the build's files arrive as their precompressed brotli
// copies, byte for byte, and the total is reported beside the targets of
// `cargo xtask build`.

import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { DIST, eventually, signIn, withApp } from '../lib/harness.mjs';

test('a first visit downloads the brotli copies of the build, and no more of it, until Chats is usable', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    // Every response, with what it weighed on the wire (body as encoded, without headers).
    const responses = [];
    page.on('requestfinished', async (request) => {
      const response = await request.response();
      if (!response) return;
      const sizes = await request.sizes();
      responses.push({
        path: new URL(request.url()).pathname,
        encoding: (await response.allHeaders())['content-encoding'] ?? '',
        body: sizes.responseBodySize,
        headers: sizes.responseHeadersSize,
      });
    });
    await signIn(page, server.url, 'erik');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    await page.getByRole('list', { name: 'Conversations' }).locator('.chat-row').first().waitFor();

    // The events are counted as they come; the wasm is the last of the build to finish.
    await eventually('the wasm is counted', () => responses.some((r) => r.path.endsWith('.wasm')));
    const isBuildFile = (p) => /\.(wasm|js|css)$/.test(p) && !p.startsWith('/api/');
    const assets = responses.filter((r) => isBuildFile(r.path) && r.path !== '/sw.js');
    assert.ok(assets.some((r) => r.path.endsWith('.wasm')), JSON.stringify(responses.map((r) => r.path)));
    let assetBytes = 0;
    for (const asset of assets) {
      assert.equal(asset.encoding, 'br', `${asset.path} comes brotli-compressed`);
      const copy = await stat(path.join(DIST, `${asset.path.slice(1)}.br`));
      assert.equal(asset.body, copy.size, `${asset.path} is its .br copy, byte for byte`);
      assetBytes += asset.body;
    }
    // Each file once: nothing of the build is downloaded twice.
    assert.equal(new Set(assets.map((r) => r.path)).size, assets.length, JSON.stringify(assets.map((r) => r.path)));

    const shell = responses.filter((r) => r.path === '/' || r.path === '/chats');
    const all = responses.reduce((sum, r) => sum + r.body + r.headers, 0);
    const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
    t.diagnostic(
      `until Chats is usable: ${kb(all)} on the wire in ${responses.length} responses; ` +
        `the build's files ${kb(assetBytes)} (brotli), the shell ${kb(shell.reduce((s, r) => s + r.body, 0))}, ` +
        `the rest (API answers, headers) ${kb(all - assetBytes)}`,
    );
    assert.deepEqual(errors, []);
  });
});
