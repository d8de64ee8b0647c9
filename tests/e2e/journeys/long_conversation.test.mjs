// A conversation of 10,000 messages: only the rows near the viewport are in
// the document, however far the person scrolls; what they read stays in
// place while rows come and go around it; and the jumps take them to the
// first unread message and back to the newest.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, screenshot, signIn, withApp } from '../lib/harness.mjs';

const TOTAL = 10_000;
/** The most message rows the list may hold at once (`message_window::WINDOW`). */
const BOUND = 120;

/** Signs `handle` in from outside the browser; answers the session cookie. */
async function signInFromOutside(url, handle) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Samtal-Request': '1' },
    body: JSON.stringify({ handle, password: 'demo-password' }),
  });
  assert.equal(response.status, 200, await response.text());
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** Sends one message with `text` into conversation `id` as the holder of `cookie`. */
async function sendOne(url, cookie, id, text, clientId = text.replace(/\s/g, '-')) {
  const response = await fetch(`${url}/api/conversations/${id}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Samtal-Request': '1', Cookie: cookie },
    body: JSON.stringify({ text, client_id: clientId }),
  });
  assert.equal(response.status, 201, await response.text());
}

/** Sends `total` numbered messages into conversation `id`, a few at a time. */
async function sendMany(url, cookie, id, total) {
  const send = (n) => sendOne(url, cookie, id, `Long thread ${n}`, `long-${n}`);
  const parallel = 8;
  for (let from = 1; from <= total; from += parallel) {
    const batch = [];
    for (let n = from; n < from + parallel && n <= total; n += 1) batch.push(send(n));
    await Promise.all(batch);
  }
}

/** What the list holds now: message rows, the first and last seq drawn. */
async function drawn(page) {
  return page.evaluate(() => {
    const rows = document.querySelectorAll('.messages > li[data-seq]');
    return {
      count: rows.length,
      first: rows.length ? Number(rows[0].dataset.seq) : null,
      last: rows.length ? Number(rows[rows.length - 1].dataset.seq) : null,
    };
  });
}

/**
 * Scrolls the log to its very top (`top`) or bottom, and answers the seq of
 * the first row in view then and where its top was on screen.
 */
async function scrollToEdge(page, top) {
  return page.getByRole('log', { name: 'Messages' }).evaluate((log, top) => {
    log.scrollTop = top ? -log.scrollHeight : 0;
    const view = log.getBoundingClientRect();
    const row = [...log.querySelectorAll('[data-seq]')].find((r) => r.getBoundingClientRect().bottom > view.top);
    return row ? { seq: row.dataset.seq, y: row.getBoundingClientRect().top } : null;
  }, top);
}

/** Where the row of `seq` is on screen, or null when it is not drawn. */
async function rowY(page, seq) {
  return page.evaluate((seq) => {
    const row = document.querySelector(`.messages > li[data-seq="${seq}"]`);
    return row ? row.getBoundingClientRect().top : null;
  }, seq);
}

/**
 * Scrolls the log up one edge at a time until `done(drawn)` holds, checking
 * on every turn that the rows stay bounded and what was at the top of the
 * screen stays where it was; `stats` gathers the most rows drawn and how
 * often the view held while rows were dropped below.
 */
async function scrollUp(page, stats, done) {
  for (let turn = 0; ; turn += 1) {
    const before = await drawn(page);
    if (await done(before)) return;
    assert.ok(turn < 2_000, 'the top is reached');
    const anchor = await scrollToEdge(page, true);
    // Wait until older rows are drawn (or the beginning shows).
    await page.waitForFunction(
      (first) => {
        const row = document.querySelector('.messages > li[data-seq]');
        return (row && Number(row.dataset.seq) < first) || document.querySelector('.conversation-start');
      },
      before.first,
      { timeout: 30_000 },
    );
    const after = await drawn(page);
    stats.most = Math.max(stats.most, after.count);
    assert.ok(after.count <= BOUND, `${after.count} rows are drawn, more than ${BOUND}`);
    if (anchor && after.last < before.last) {
      await page
        .waitForFunction(
          ({ seq, y }) => {
            const row = document.querySelector(`.messages > li[data-seq="${seq}"]`);
            return row && Math.abs(row.getBoundingClientRect().top - y) < 2;
          },
          anchor,
          { timeout: 5_000 },
        )
        .catch(async (error) => {
          const now = await rowY(page, anchor.seq);
          throw new Error(`the row ${anchor.seq} that was at ${anchor.y} is at ${now} (${JSON.stringify({ before, after })}): ${error.message}`);
        });
      stats.held += 1;
    }
  }
}

test('Ten thousand messages scroll from newest to oldest and back with a bounded number of rows', async (t) => {
  await withApp(
    t,
    async ({ server, page, errors }) => {
      // Sara writes 10,000 messages to Erik before he opens the app.
      const sara = await signInFromOutside(server.url, 'sara');
      const { body: list } = await (async () => {
        const response = await fetch(`${server.url}/api/conversations`, { headers: { Cookie: sara } });
        return { body: await response.json() };
      })();
      const chat = list.find((c) => c.kind === 'chat' && c.scope === 'private' && c.title === 'Erik Lind');
      assert.ok(chat, `Sara's chats: ${list.map((c) => c.title).join(', ')}`);
      const started = Date.now();
      await sendMany(server.url, sara, chat.id, TOTAL);
      console.log(`# sent ${TOTAL} messages in ${Date.now() - started} ms`);

      await signIn(page, server.url, 'erik');
      await page.getByRole('list', { name: 'Conversations' }).waitFor();
      // Where Erik's unread messages begin: the first of Sara's after his
      // read marker and after his own last message (the demo leaves her
      // last word to him unread).
      const { body: me } = await api(page, 'GET', '/api/me');
      const { body: newestPage } = await api(page, 'GET', `/api/conversations/${chat.id}/messages?limit=1`);
      const marker = newestPage.read_markers.find((m) => m.person_id === me.person.id)?.seq ?? 0;
      const { body: afterMarker } = await api(page, 'GET', `/api/conversations/${chat.id}/messages?after=${marker}&limit=200`);
      const answered = afterMarker.messages.filter((m) => m.sender?.id === me.person.id).at(-1)?.seq ?? marker;
      const expected = afterMarker.messages.find((m) => m.seq > answered && m.kind !== 'system');
      assert.ok(expected, 'something is unread');
      await page.locator(`.chat-row[data-id="${chat.id}"]`).getByRole('link').click();
      const log = page.getByRole('log', { name: 'Messages' });
      await log.getByText(`Long thread ${TOTAL}`, { exact: true }).waitFor();
      const newest = (await drawn(page)).last;
      // Read: the list beside it says so, though the live stream started
      // only after the chat was read (its newest cursor is far along).
      await page.locator(`.chat-row[data-id="${chat.id}"] .unread`).waitFor({ state: 'detached' });

      // Up a thousand messages, one edge at a time, older pages coming in.
      const upward = { most: 0, held: 0 };
      await scrollUp(page, upward, (now) => now.first < newest - 1_000);
      assert.ok(upward.held > 10, `rows were dropped below while scrolling up, and the view held (${upward.held} times)`);

      // The first unread message is thousands of messages further back: the
      // jump loads its way there and shows the unread line at it.
      const jumpUnread = page.getByRole('button', { name: 'Jump to first unread' });
      await jumpUnread.click();
      const firstUnread = log.locator('.unread-line + li[data-seq]');
      await firstUnread.waitFor({ timeout: 60_000 });
      assert.equal(Number(await firstUnread.getAttribute('data-seq')), expected.seq);
      assert.ok(expected.seq < newest - TOTAL + 1, 'the line is older than all ten thousand');
      await jumpUnread.waitFor({ state: 'detached' });
      assert.ok(await page.locator('.unread-line').isVisible(), 'the unread line is in view');
      await screenshot(page, 'long-conversation-first-unread');
      const atUnread = await drawn(page);
      assert.ok(atUnread.count <= BOUND, `${atUnread.count} rows are drawn after the jump, more than ${BOUND}`);

      // The rest of the way up, to the very first message.
      const beginning = page.getByText('This is the beginning of the conversation.');
      await scrollUp(page, upward, () => beginning.isVisible());
      let most = Math.max(upward.most, atUnread.count);
      const { held } = upward;
      const oldest = await drawn(page);
      console.log(`# scrolled to the oldest message; at most ${most} rows drawn, the read row held ${held} times`);
      await screenshot(page, 'long-conversation-oldest');

      // Back down to the newest, one edge at a time.
      for (let turn = 0; (await drawn(page)).last !== newest; turn += 1) {
        assert.ok(turn < 2_000, 'the bottom is reached');
        const before = await drawn(page);
        await scrollToEdge(page, false);
        await page.waitForFunction(
          (last) => {
            const rows = document.querySelectorAll('.messages > li[data-seq]');
            return rows.length && Number(rows[rows.length - 1].dataset.seq) > last;
          },
          before.last,
          { timeout: 30_000 },
        );
        const after = await drawn(page);
        most = Math.max(most, after.count);
        assert.ok(after.count <= BOUND, `${after.count} rows are drawn, more than ${BOUND}`);
      }
      assert.ok(oldest.first < newest);

      // From far up, "Jump to newest" comes straight back.
      for (let i = 0; i < 5; i += 1) {
        const before = await drawn(page);
        await scrollToEdge(page, true);
        await page.waitForFunction(
          (first) => Number(document.querySelector('.messages > li[data-seq]')?.dataset.seq) < first,
          before.first,
        );
      }
      const jumpNewest = page.getByRole('button', { name: 'Jump to newest' });
      await jumpNewest.click();
      await log.getByText(`Long thread ${TOTAL}`, { exact: true }).waitFor();
      await jumpNewest.waitFor({ state: 'detached' });
      assert.equal((await drawn(page)).last, newest);
      assert.ok((await rowY(page, newest)) !== null);

      // Reading a little further up, a new message waits below and moves nothing…
      const reading = await log.evaluate((el) => {
        el.scrollTop = -1200;
        return el.scrollTop;
      });
      await jumpNewest.waitFor();
      const late = `Late news ${Date.now()}`;
      await sendOne(server.url, sara, chat.id, late);
      await page.locator('.chat-row[data-id="' + chat.id + '"]').getByText(late).waitFor();
      assert.equal(await log.getByText(late, { exact: true }).count(), 0, 'not drawn while reading above');
      assert.equal(await log.evaluate((el) => el.scrollTop), reading, 'the text did not move');
      // …and back at the bottom, it is there, and what comes next arrives live.
      await log.evaluate((el) => {
        el.scrollTop = 0;
      });
      await log.getByText(late, { exact: true }).waitFor();
      const later = `Later news ${Date.now()}`;
      await sendOne(server.url, sara, chat.id, later);
      await log.getByText(later, { exact: true }).waitFor();
      assert.ok((await drawn(page)).count <= BOUND);
      console.log(`# message rows in the document never exceeded ${most} (bound ${BOUND})`);
      assert.deepEqual(errors, []);
    },
    { env: { SAMTAL_LIMIT_SENDS: 'off' } },
  );
});
