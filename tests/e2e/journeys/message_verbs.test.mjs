// The verbs on a message, between two people live: an edit reaches the
// other's open chat, a reply quotes and jumps to its original, a reaction
// counts, a deletion for everyone leaves a tombstone on the other screen and
// in their offline cache, and a group admin removes a message in an
// organization group.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversationId, openChat, signedIn } from '../lib/chat.mjs';
import { DESKTOP, PHONE, api, launchBrowser, screenshot, withApp } from '../lib/harness.mjs';

/** The list item of the message that says `text` (not one that quotes it). */
function messageItem(log, text) {
  const exactly = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return log.getByRole('listitem').filter({ has: log.page().locator('p.msg-text', { hasText: exactly }) });
}

/** Chooses `action` in the More actions menu of `item`. */
async function choose(item, action) {
  await item.getByRole('button', { name: 'More actions' }).click();
  await item.page().getByRole('menuitem', { name: action, exact: true }).click();
}

/** The newest event id of the signed-in person's stream, as the server has it. */
async function newestEvent(page) {
  let since = 0;
  for (;;) {
    const { status, body } = await api(page, 'GET', `/api/sync?since=${since}&limit=500`);
    assert.equal(status, 200);
    since = body.cursor;
    if (!body.has_more) return since;
  }
}

/**
 * Waits until the device has applied every event up to `id` to its cache:
 * the cursor kept in the private container moves only after an event's
 * change is written.
 */
async function untilCached(page, id) {
  const person = (await api(page, 'GET', '/api/me')).body.person.id;
  for (let tries = 0; ; tries += 1) {
    const kept = await page.evaluate(async (name) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const value = await new Promise((resolve, reject) => {
        const request = db.transaction('meta').objectStore('meta').get('cursor');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      const numbers = JSON.stringify(value ?? '').match(/\d+/g) ?? [];
      return Number(numbers.at(-1) ?? 0);
    }, `samtal-${person}-private`);
    if (kept >= id) return;
    assert.ok(tries < 200, `the cache kept events up to ${kept}, not ${id}`);
    await page.waitForTimeout(100);
  }
}

/** Writes `text` in the composer and sends it with Enter. */
async function write(page, text) {
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill(text);
  await composer.press('Enter');
}

test('Erik edits, Sara replies and reacts, and Erik deletes for everyone, live on both screens', async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    await signedIn(erik, server.url, 'erik');
    const chat = await conversationId(erik, (c) => c.kind === 'chat' && c.scope === 'org' && c.title === 'Sara Holm');
    const erikLog = await openChat(erik, server.url, chat, 'Sara Holm');
    const typo = 'The crew meets at the substaton at 9.';
    await write(erik, typo);
    const mine = messageItem(erikLog, typo);
    await mine.getByText('Sent', { exact: true }).waitFor();

    const sara = await launchBrowser();
    try {
      await signedIn(sara.page, server.url, 'sara');
      // The app shell is installed before the chat opens, so it opens offline later.
      await sara.page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      const saraLog = await openChat(sara.page, server.url, chat, 'Erik Lind');
      await saraLog.getByText(typo).waitFor();

      // Erik fixes the typo: the composer takes the text, Enter saves it.
      await choose(mine, 'Edit');
      await erik.getByText('Editing your message').waitFor();
      const composer = erik.getByRole('textbox', { name: 'Message', exact: true });
      assert.equal(await composer.inputValue(), typo);
      const fixed = 'The crew meets at the substation at 9.';
      await composer.fill(fixed);
      await composer.press('Enter');
      // Sara's open chat follows at once, marked as edited.
      const edited = messageItem(saraLog, fixed);
      await edited.getByText('(edited)').waitFor();
      assert.equal(await saraLog.getByText(typo, { exact: true }).count(), 0);

      // Sara replies to it: the quote goes above her answer on both screens.
      await choose(edited, 'Reply');
      await sara.page.getByText('Replying to Erik Lind').waitFor();
      await write(sara.page, 'I will bring the keys.');
      const answer = messageItem(erikLog, 'I will bring the keys.');
      const quote = answer.getByRole('button', { name: "Go to Erik Lind's message" });
      await quote.getByText(fixed).waitFor();
      await sara.page.getByText('Replying to Erik Lind').waitFor({ state: 'detached' });

      // And reacts with a thumbs up, which Erik sees counted.
      await choose(edited, 'Add reaction');
      await edited.getByRole('button', { name: 'React with 👍' }).click();
      await messageItem(erikLog, fixed).getByRole('button', { name: '1 reaction 👍' }).waitFor();
      await screenshot(erik, 'verbs-reply-and-reaction-desktop', DESKTOP);
      await screenshot(sara.page, 'verbs-reply-and-reaction-phone', PHONE);
      await erik.setViewportSize(DESKTOP);

      // The quote takes Erik to the original.
      await quote.click();
      await erikLog.locator('li.msg-target').getByText(fixed).waitFor();

      // Erik deletes his message for everyone, after the dialog asks.
      await choose(messageItem(erikLog, fixed), 'Delete');
      const dialog = erik.getByRole('dialog', { name: 'Delete for everyone?' });
      await dialog.getByRole('button', { name: 'Delete for everyone' }).click();
      await dialog.waitFor({ state: 'detached' });
      await saraLog.getByText('This message was deleted').first().waitFor();
      assert.equal(await saraLog.getByText(fixed, { exact: true }).count(), 0, 'the text is gone from her chat');
      // Her reply's quote says so too.
      const saraAnswer = messageItem(saraLog, 'I will bring the keys.');
      await saraAnswer.getByRole('button', { name: "Go to Erik Lind's message" }).getByText('This message was deleted').waitFor();
      await screenshot(sara.page, 'verbs-deleted-phone', PHONE);

      // Offline, after a reload, her device's cache has the tombstone, not the text.
      await untilCached(sara.page, await newestEvent(sara.page));
      await sara.page.context().setOffline(true);
      await sara.page.reload();
      const offlineLog = sara.page.getByRole('log', { name: 'Messages' });
      await offlineLog.getByText('I will bring the keys.', { exact: true }).waitFor();
      await offlineLog.getByText('This message was deleted').first().waitFor();
      assert.equal(await offlineLog.getByText(fixed, { exact: true }).count(), 0);
      await sara.page.context().setOffline(false);
      assert.deepEqual(sara.errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|WebSocket/.test(e)), []);
    } finally {
      await sara.close();
    }
    assert.deepEqual(errors, []);
  });
});

test("a group admin removes a member's message in an organization group", async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    await signedIn(erik, server.url, 'erik');
    const aurora = await conversationId(erik, (c) => c.title === 'Project Aurora');
    const sara = await launchBrowser();
    try {
      await signedIn(sara.page, server.url, 'sara');
      const saraLog = await openChat(sara.page, server.url, aurora, 'Project Aurora');
      const slip = 'Ops password is in the shared folder.';
      await write(sara.page, slip);
      await messageItem(saraLog, slip).getByText('Sent', { exact: true }).waitFor();

      const log = await openChat(erik, server.url, aurora, 'Project Aurora');
      await choose(messageItem(log, slip), 'Delete');
      await erik.getByRole('dialog', { name: 'Delete for everyone?' }).getByRole('button', { name: 'Delete for everyone' }).click();
      await log.getByText('Removed by an admin').waitFor();
      await saraLog.getByText('Removed by an admin').waitFor();
      assert.equal(await saraLog.getByText(slip, { exact: true }).count(), 0);
      await screenshot(erik, 'verbs-admin-removed-desktop', DESKTOP);
      assert.deepEqual(sara.errors, []);
    } finally {
      await sara.close();
    }
    assert.deepEqual(errors, []);
  });
});
