// Live chat journeys: two people talking in real time, read state, a policy
// change reaching an open chat, access ending while the chat is open, and
// the connection dropping and coming back.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversationId, openChat, signedIn } from '../lib/chat.mjs';
import { DESKTOP, PHONE, api, launchBrowser, screenshot, withApp } from '../lib/harness.mjs';

/** The list item of the message with `text`. */
function messageItem(log, text) {
  return log.getByRole('listitem').filter({ has: log.page().getByText(text, { exact: true }) });
}

/** A second browser, closed (and its errors checked) at the end. */
async function withSecond(run) {
  const other = await launchBrowser();
  try {
    await run(other.page);
    assert.deepEqual(other.errors, []);
  } finally {
    await other.close();
  }
}

test('Erik and Sara talk live in their org chat and see each other read', async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    await signedIn(erik, server.url, 'erik');
    const chat = await conversationId(erik, (c) => c.kind === 'chat' && c.scope === 'org' && c.title === 'Sara Holm');
    const erikLog = await openChat(erik, server.url, chat, 'Sara Holm');
    await erikLog.getByText('The outage window is the weekend of the 14th.').waitFor();
    // The org chat wears the Office badge in its header.
    await erik.locator('.chat-header').getByRole('img', { name: 'Office' }).waitFor();

    const hello = 'Sara, the crew is on site at Kvitfjell now.';
    const composer = erik.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill(hello);
    await composer.press('Enter');
    const mine = messageItem(erikLog, hello);
    await mine.getByText('Sent', { exact: true }).waitFor();
    assert.equal(await composer.inputValue(), '', 'the composer empties once sent');

    await withSecond(async (sara) => {
      await signedIn(sara, server.url, 'sara');
      const saraLog = await openChat(sara, server.url, chat, 'Erik Lind');
      // Erik's message waits for her under the unread marker.
      await saraLog.getByText(hello).waitFor();
      await saraLog.getByText('New messages').waitFor();
      const order = await saraLog.locator('.messages > li').evaluateAll((items) => items.map((li) => li.textContent));
      const line = order.indexOf('New messages');
      const crew = order.findIndex((item) => item.includes('crew is on site'));
      assert.ok(line >= 0 && line < crew, `the unread marker comes before the new message: ${JSON.stringify(order)}`);
      assert.ok(!order[line + 1].includes('Sara Holm'), 'the unread ones begin at a message from Erik');

      // She has seen it: Erik's message says so without a reload.
      await mine.getByText('Seen by Sara Holm').waitFor();

      // Her reply reaches Erik live, and his open chat reads it at once.
      const reply = 'Great, tell them the forecast says snow after 15:00.';
      const saraComposer = sara.getByRole('textbox', { name: 'Message', exact: true });
      await saraComposer.fill(reply);
      await sara.getByRole('button', { name: 'Send' }).click();
      await erikLog.getByText(reply).waitFor();
      await messageItem(saraLog, reply).getByText('Seen by Erik Lind').waitFor();

      // Shift+Enter writes a second line instead of sending.
      await composer.fill('Two lines:');
      await composer.press('Shift+Enter');
      await composer.pressSequentially('second line');
      await composer.press('Enter');
      await saraLog.getByText('second line', { exact: false }).waitFor();
      const twoLines = await saraLog.locator('.msg-text').last().innerText();
      assert.equal(twoLines, 'Two lines:\nsecond line');

      await screenshot(sara, 'chat-sara-phone', PHONE);
    });

    // Each message is there once, even though it came both as the send's answer and as an event.
    assert.equal(await erikLog.getByText(hello, { exact: true }).count(), 1);
    await screenshot(erik, 'chat-desktop', DESKTOP);
    await screenshot(erik, 'chat-phone', PHONE);
    await erik.emulateMedia({ colorScheme: 'dark' });
    await screenshot(erik, 'chat-desktop-dark', DESKTOP);
    await screenshot(erik, 'chat-phone-dark', PHONE);
    assert.deepEqual(errors, []);
  });
});

test('a policy change takes Copy and Forward away from an open chat without a reload', async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    await signedIn(erik, server.url, 'erik');
    const aurora = await conversationId(erik, (c) => c.title === 'Project Aurora');
    const log = await openChat(erik, server.url, aurora, 'Project Aurora');
    await erik.locator('.chat-header').getByRole('img', { name: 'Office' }).waitFor();
    await erik.getByRole('link', { name: 'Group profile' }).waitFor();
    // The line where the group became Nordvik's sits between the messages from before and after.
    const line = log.getByText('— Became an organization group: Nordvik Energi —');
    await line.waitFor();
    const order = await log.locator('.messages > li').evaluateAll((items) => items.map((li) => li.textContent));
    const at = (text) => order.findIndex((item) => item.includes(text));
    assert.ok(at('I can draft the grid connection study.') < at('Became an organization group'));
    assert.ok(at('Became an organization group') < at('Budget for phase one'));

    // Tapping a sender's name shows their profile: directory attributes and the organization's description.
    await messageItem(log, 'Grid connection study draft is ready for review on Friday.')
      .getByRole('button', { name: 'Sara Holm' })
      .click();
    const profile = erik.getByRole('dialog', { name: 'Sara Holm' });
    await profile.getByText('Grid Engineer', { exact: true }).waitFor();
    await profile.getByText('sara.holm@nordvik.example').waitFor();
    await profile.getByText(/Conversations in Nordvik Energi belong to the company/).waitFor();
    await screenshot(erik, 'chat-sender-profile-desktop', DESKTOP);
    await erik.keyboard.press('Escape');
    await profile.waitFor({ state: 'detached' });

    const budget = messageItem(log, 'Budget for phase one: NOK 4.2 million, including the containers.');
    await budget.getByRole('button', { name: 'Copy' }).waitFor();
    await budget.getByRole('button', { name: 'Forward' }).waitFor();
    const actions = async () => ({
      copy: await log.getByRole('button', { name: 'Copy' }).count(),
      forward: await log.getByRole('button', { name: 'Forward' }).count(),
    });
    const before = await actions();
    assert.ok(before.copy >= 6 && before.forward >= 6, JSON.stringify(before));
    await screenshot(erik, 'chat-aurora-desktop', DESKTOP);
    await screenshot(erik, 'chat-aurora-phone', PHONE);
    await erik.setViewportSize(DESKTOP);

    // Forward into the private group: the dialog lists Erik's conversations.
    await budget.getByRole('button', { name: 'Forward' }).click();
    const dialog = erik.getByRole('dialog', { name: 'Forward message' });
    await dialog.getByRole('button', { name: 'Friday climbing' }).waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Project Aurora' }).count(), 0, 'not into itself');
    // A comment goes above the forwarded message.
    await dialog.getByLabel('Comment (optional)').fill('For the trip fund, as a comparison.');
    await screenshot(erik, 'chat-forward-dialog-desktop', DESKTOP);
    await dialog.getByRole('button', { name: 'Friday climbing' }).click();
    await erik.getByRole('status').getByText('Forwarded to Friday climbing.').waitFor();
    assert.equal(await erik.getByRole('dialog').count(), 0);
    const friday = await conversationId(erik, (c) => c.title === 'Friday climbing');
    const page = await api(erik, 'GET', `/api/conversations/${friday}/messages`);
    const forwarded = page.body.messages.at(-1);
    assert.equal(forwarded.text, 'Budget for phase one: NOK 4.2 million, including the containers.');
    assert.equal(forwarded.comment, 'For the trip fund, as a comparison.');
    assert.ok(forwarded.forward_of, 'stored as a forward');
    // In Friday climbing it reads: the comment, then the forwarded message set off below it.
    const fridayLog = await openChat(erik, server.url, friday, 'Friday climbing');
    const copy = messageItem(fridayLog, 'For the trip fund, as a comparison.');
    await copy.locator('.msg-forward').getByText('Budget for phase one: NOK 4.2 million, including the containers.').waitFor();
    await copy.getByText('Forwarded', { exact: true }).waitFor();
    await screenshot(erik, 'chat-forwarded-with-comment-desktop', DESKTOP);
    await openChat(erik, server.url, aurora, 'Project Aurora');

    // Nordvik's admin turns copying and forwarding off for the group.
    await withSecond(async (admin) => {
      await signedIn(admin, server.url, 'admin');
      const policies = {
        allow_copy: false,
        allow_share: true,
        allow_forward: false,
        require_work_signin: false,
        history_for_new_members: true,
      };
      const answer = await api(admin, 'PUT', `/api/conversations/${aurora}/policies`, policies);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    });

    // Erik's open chat follows: no Copy, no Forward, and the text can't be copied.
    await budget.getByRole('button', { name: 'Forward' }).waitFor({ state: 'detached' });
    await budget.getByRole('button', { name: 'Copy' }).waitFor({ state: 'detached' });
    assert.deepEqual(await actions(), { copy: 0, forward: 0 });
    // The chat says what is off, and who turned it off.
    const notes = erik.getByRole('list', { name: 'Turned off in this conversation' });
    await notes.getByText("Copying is turned off by this group's admins.").waitFor();
    await notes.getByText("Forwarding out of the organization is turned off by this group's admins.").waitFor();
    const blocked = await log.evaluate((el) => {
      const text = el.querySelector('.msg-text');
      const results = {};
      for (const kind of ['copy', 'cut', 'contextmenu']) {
        const event = new Event(kind, { bubbles: true, cancelable: true });
        text.dispatchEvent(event);
        results[kind] = event.defaultPrevented;
      }
      results.userSelect = getComputedStyle(text).userSelect;
      return results;
    });
    assert.deepEqual(blocked, { copy: true, cut: true, contextmenu: true, userSelect: 'none' });
    // Writing is still allowed.
    await erik.getByRole('textbox', { name: 'Message', exact: true }).fill('Noted: no forwarding from Aurora.');
    await erik.getByRole('button', { name: 'Send' }).click();
    await messageItem(log, 'Noted: no forwarding from Aurora.').getByText(/^(Sent|Seen)/).waitFor();
    await screenshot(erik, 'chat-aurora-restricted-desktop', DESKTOP);
    assert.deepEqual(errors, []);
  });
});

test('an open chat closes with a notice when the person is removed from it', async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    await signedIn(erik, server.url, 'erik');
    const me = await api(erik, 'GET', '/api/me');
    const friday = await conversationId(erik, (c) => c.title === 'Friday climbing');
    const log = await openChat(erik, server.url, friday, 'Friday climbing');
    await log.getByText('Then I\'m definitely in.').waitFor();
    // A private group: no Office badge.
    assert.equal(await erik.locator('.chat-header').getByRole('img', { name: 'Office' }).count(), 0);

    await withSecond(async (kim) => {
      await signedIn(kim, server.url, 'kim');
      const removed = await api(kim, 'DELETE', `/api/conversations/${friday}/members/${me.body.person.id}`);
      assert.ok(removed.status < 300, JSON.stringify(removed));
    });

    const notice = erik.getByRole('alert').filter({ hasText: 'You no longer have access to this conversation' });
    await notice.waitFor();
    await notice.getByText('You were removed from this group.').waitFor();
    assert.equal(await erik.getByRole('log', { name: 'Messages' }).count(), 0, 'the messages are gone');
    assert.equal(await erik.getByRole('textbox', { name: 'Message', exact: true }).count(), 0);
    await screenshot(erik, 'chat-removed-phone', PHONE);
    assert.deepEqual(errors, []);
  });
});

test('offline, a message waits and goes out on reconnect; photos send with their name', async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    await signedIn(erik, server.url, 'erik');
    const chat = await conversationId(erik, (c) => c.kind === 'chat' && c.scope === 'private');
    const log = await openChat(erik, server.url, chat, 'Sara Holm');
    await log.getByText('Lovely! We\'ll bring dessert.').waitFor();
    const status = erik.getByRole('status').filter({ hasText: 'Offline — reconnecting…' });
    assert.equal(await status.count(), 0);

    await erik.context().setOffline(true);
    await status.waitFor();
    const text = 'Written on the train, sent when back online.';
    const composer = erik.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill(text);
    await composer.press('Enter');
    const waiting = messageItem(log, text);
    // It waits in the outbox and goes out by itself: nothing to retry.
    await waiting.getByText('Waiting for the network…').waitFor();
    assert.equal(await waiting.getByRole('button', { name: 'Retry' }).count(), 0);
    await screenshot(erik, 'chat-offline-desktop', DESKTOP);

    await erik.context().setOffline(false);
    await status.waitFor({ state: 'detached' });
    await waiting.getByText(/^(Sent|Seen)/).waitFor();
    assert.equal(await log.getByText(text, { exact: true }).count(), 1);
    const stored = await api(erik, 'GET', `/api/conversations/${chat}/messages`);
    assert.equal(stored.body.messages.filter((m) => m.text === text).length, 1, 'stored once');

    // A photo: uploaded, then shown inline with its name, with a download link.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8Dwn4GBgYGJAQoAAEMHAQE3bLdmAAAAAElFTkSuQmCC',
      'base64',
    );
    await erik.locator('input[type=file]').setInputFiles({ name: 'kvitfjell.png', mimeType: 'image/png', buffer: png });
    const photo = log.getByRole('img', { name: 'kvitfjell.png' });
    await photo.waitFor();
    await log.getByRole('link', { name: /Download/ }).last().waitFor();
    const loaded = await photo.evaluate((img) => img.complete && img.naturalWidth > 0);
    assert.ok(loaded, 'the image loads');
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|WebSocket/.test(e)), []);
  });
});

test('scrolling to the top loads the older messages', async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    await signedIn(erik, server.url, 'erik');
    const chat = await conversationId(erik, (c) => c.kind === 'chat' && c.scope === 'private');
    // Sixty more messages: the newest page holds fifty, the demo's first ones are older.
    await erik.evaluate(async (chat) => {
      for (let i = 1; i <= 60; i += 1) {
        const body = JSON.stringify({ text: `Packing list item ${i}`, client_id: `e2e-older-${i}` });
        const headers = { 'Content-Type': 'application/json', 'X-Samtal-Request': '1' };
        const response = await fetch(`/api/conversations/${chat}/messages`, { method: 'POST', headers, body });
        if (!response.ok) throw new Error(`send ${i}: ${response.status}`);
      }
    }, chat);
    const log = await openChat(erik, server.url, chat, 'Sara Holm');
    await log.getByText('Packing list item 60', { exact: true }).waitFor();
    const first = log.getByText('Dinner at ours on Saturday? Bring the kids.');
    assert.equal(await first.count(), 0, 'the first page holds only the newest messages');
    const older = log.getByRole('button', { name: 'Load older messages' });
    await older.waitFor();

    // Scroll to the top: the page before arrives, and the view stays where it was.
    const seen = log.getByText('Packing list item 20', { exact: true });
    await seen.scrollIntoViewIfNeeded();
    await log.evaluate((el) => el.scrollBy(0, -el.scrollHeight));
    await first.waitFor();
    await log.getByText('This is the beginning of the conversation.').waitFor();
    assert.equal(await older.count(), 0);
    const items = await log.locator('.messages > li.msg').count();
    assert.equal(items, 62, 'every message once, in order');
    const texts = await log.locator('.msg-text').allInnerTexts();
    assert.equal(texts[0], 'Dinner at ours on Saturday? Bring the kids.');
    assert.equal(texts.at(-1), 'Packing list item 60');
    assert.deepEqual(errors, []);
  });
});

test('the event socket starts at the newest cursor, resumes from it, and closes at sign-out', async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    const sockets = [];
    erik.on('websocket', (ws) => {
      const entry = { url: new URL(ws.url()), closed: false, frames: 0 };
      ws.on('framereceived', () => (entry.frames += 1));
      ws.on('close', () => (entry.closed = true));
      sockets.push(entry);
    });
    const until = async (what, check) => {
      const deadline = Date.now() + 15_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(sockets)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await signedIn(erik, server.url, 'erik');
    await until('the socket', () => sockets.length === 1);
    const first = sockets[0];
    assert.equal(first.url.pathname, '/api/events');
    const since = Number(first.url.searchParams.get('since'));
    // Erik's stream already has the demo's events: the socket starts after them, not from 0.
    const { body } = await api(erik, 'GET', '/api/sync?since=0&limit=1000');
    assert.equal(since, body.cursor, 'the first connection starts at the newest event');
    assert.ok(since > 0);

    // A new event arrives over it and moves the cursor.
    const chat = await conversationId(erik, (c) => c.kind === 'chat' && c.scope === 'private');
    await api(erik, 'POST', `/api/conversations/${chat}/messages`, { text: 'Cursor check', client_id: 'e2e-cursor' });
    await until('the event', () => first.frames > 0);

    // The network drops and comes back: the new socket resumes after the event it had.
    await erik.context().setOffline(true);
    await until('the socket to close', () => first.closed);
    await erik.context().setOffline(false);
    await until('a new socket', () => sockets.length >= 2 && !sockets.at(-1).closed);
    const resumed = Number(sockets.at(-1).url.searchParams.get('since'));
    const after = await api(erik, 'GET', `/api/sync?since=${since}`);
    assert.equal(after.body.events.length, 1, JSON.stringify(after.body));
    assert.equal(resumed, after.body.cursor, 'resumes from the last event applied');

    // Signing out closes it for good.
    await erik.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Me' }).click();
    await erik.getByRole('button', { name: 'Sign out', exact: true }).click();
    await erik.getByRole('heading', { name: 'Sign in' }).waitFor();
    await until('the socket to close at sign-out', () => sockets.every((s) => s.closed));
    const count = sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(sockets.length, count, 'no reconnect after sign-out');
    assert.equal(await erik.getByText('Offline — reconnecting…').count(), 0);
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|WebSocket/.test(e)), []);
  });
});
