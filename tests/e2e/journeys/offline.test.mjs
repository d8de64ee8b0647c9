// Offline journeys: the app shell and everything seen open with the network
// off and the server gone; a message written offline waits in the outbox,
// survives a reload and is delivered exactly once; an organization's data is
// sealed on the device and deleted when the person leaves the organization.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { DIST, SERVER_BIN, api, launchBrowser, screenshot, signIn, startServer, withApp } from '../lib/harness.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The names of the page's IndexedDB databases. */
async function databases(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
}

/** Waits until `check(names)` holds for the page's databases. */
async function untilDatabases(page, check, what) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const names = await databases(page);
    if (check(names)) return names;
    if (Date.now() > deadline) throw new Error(`${what}: databases are ${JSON.stringify(names)}`);
    await sleep(100);
  }
}

/** How many records the store `store` holds, summed over every container of the page. */
async function storedCount(page, store) {
  return page.evaluate(async (store) => {
    let count = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name.startsWith('samtal-')) continue;
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      if (db.objectStoreNames.contains(store)) {
        count += await new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
    }
    return count;
  }, store);
}

/**
 * Waits until the device keeps the profiles and messages of at least
 * `conversations` conversations: what reading offline needs, kept before
 * the page is left (leaving it drops writes still under way).
 */
async function untilKept(page, conversations) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const details = await storedCount(page, 'details');
    const messages = await storedCount(page, 'messages');
    if (details >= conversations && messages >= conversations) return;
    if (Date.now() > deadline) {
      throw new Error(`kept ${details} profiles and ${messages} message records, not ${conversations} of each`);
    }
    await sleep(100);
  }
}

/**
 * Every key and value of every store of database `name`, as the browser holds
 * them, as text: bytes as Latin-1, other values as JSON. Plaintext anywhere shows.
 */
async function rawDatabase(page, name) {
  return page.evaluate(async (name) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const text = (value) => {
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
        return Array.from(new Uint8Array(value), (b) => String.fromCharCode(b)).join('');
      }
      return typeof value === 'string' ? value : JSON.stringify(value);
    };
    let dump = '';
    for (const store of Array.from(db.objectStoreNames)) {
      for (const method of ['getAll', 'getAllKeys']) {
        const values = await new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store)[method]();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        dump += values.map(text).join('\n') + '\n';
      }
    }
    db.close();
    return dump;
  }, name);
}

/** Starts `samtal-server serve` again on the data directory and port of an earlier run. */
async function restartServer(dataDir, url) {
  const bind = new URL(url).host;
  const child = spawn(SERVER_BIN, ['serve', '--data', dataDir, '--dist', DIST, '--bind', bind], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/openapi.json`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the server did not come back:\n${log}`);
    await sleep(100);
  }
  return {
    log: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Opens conversation `id` by its URL and waits until `text` shows in it. */
async function readChat(page, url, id, title, text) {
  await page.goto(`${url}/chats/${id}`);
  await page.getByRole('heading', { name: title }).waitFor();
  const log = page.getByRole('log', { name: 'Messages' });
  await log.getByText(text, { exact: true }).waitFor();
  return log;
}

/** Every message text of conversation `id`, as the server has it. */
async function serverTexts(page, id) {
  const { status, body } = await api(page, 'GET', `/api/conversations/${id}/messages?limit=200`);
  assert.equal(status, 200);
  return body.messages.filter((m) => m.text && m.kind === 'text').map((m) => m.text);
}

test('After one online visit the app opens offline, and a message written offline is sent exactly once', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    const context = page.context();
    await signIn(page, server.url, 'erik');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    // The shell is installed once the service worker controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the worker controls the page');

    const { body: list } = await api(page, 'GET', '/api/conversations');
    const orgChat = list.find((c) => c.kind === 'chat' && c.scope === 'org' && c.title === 'Sara Holm');
    const privateChat = list.find((c) => c.kind === 'chat' && c.scope === 'private' && c.title === 'Sara Holm');
    const aurora = list.find((c) => c.kind === 'group' && c.title === 'Project Aurora');
    assert.ok(orgChat && privateChat && aurora, `demo conversations: ${list.map((c) => c.title).join(', ')}`);
    const visited = [
      [orgChat, 'Thanks! The outage window is the weekend of the 14th.'],
      [privateChat, "Lovely! We'll bring dessert."],
      [aurora, 'Aurora is an official Nordvik project now, so it lives with the company.'],
    ];
    const expected = new Map();
    for (const [index, [conversation, text]] of visited.entries()) {
      expected.set(conversation.id, await serverTexts(page, conversation.id));
      await readChat(page, server.url, conversation.id, conversation.title, text);
      await untilKept(page, index + 1);
    }
    // Contacts and a directory search, seen once.
    await page.goto(`${server.url}/contacts`);
    const saved = page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: 'Sara Holm' });
    await saved.waitFor();
    await page.getByLabel('Search by name or alias').fill('jonas');
    const found = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').filter({ hasText: 'Jonas' });
    await found.first().waitFor();
    const person = (await api(page, 'GET', '/api/me')).body.person.id;
    await untilDatabases(page, (names) => names.includes(`samtal-${person}-private`) && names.some((n) => n.startsWith(`samtal-${person}-org-`)), 'the containers exist');
    await page.goto(`${server.url}/chats`);
    await page.locator('.chat-row').first().waitFor();
    await untilKept(page, visited.length);
    const onlineStart = Date.now();
    await page.reload();
    await page.locator('.chat-row').first().waitFor();
    console.log(`# cold start online with the cache, reload to painted chat list: ${Date.now() - onlineStart} ms`);

    // The network goes, and so does the server.
    await context.setOffline(true);
    const dataDir = server.dataDir;
    await server.halt();

    const started = Date.now();
    await page.reload();
    await page.locator('.chat-row').first().waitFor();
    const coldStart = Date.now() - started;
    console.log(`# cold start offline, reload to painted chat list: ${coldStart} ms`);
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    for (const [conversation] of visited) {
      await page.locator(`.chat-row[data-id="${conversation.id}"]`).waitFor();
    }
    await screenshot(page, 'offline-chats');

    // One profile is lost, as when the network goes before it arrives.
    await page.evaluate(
      async ({ name, key }) => {
        const db = await new Promise((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        await new Promise((resolve, reject) => {
          const tx = db.transaction('details', 'readwrite');
          tx.objectStore('details').delete(key);
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { name: `samtal-${person}-private`, key: String(privateChat.id) },
    );

    // Every visited conversation reads fully, the one without its profile
    // too: named from the chat list, and with no error.
    for (const [conversation] of visited) {
      await page.locator(`.chat-row[data-id="${conversation.id}"] a`).click();
      await page.getByRole('heading', { name: conversation.title }).waitFor();
      const log = page.getByRole('log', { name: 'Messages' });
      for (const text of expected.get(conversation.id)) {
        await log.getByText(text, { exact: true }).first().waitFor();
      }
      if (conversation === privateChat) {
        await page.locator('.chat-subtitle').getByText('Private chat', { exact: true }).waitFor();
        assert.equal(await page.getByRole('alert').count(), 0, 'no error over a conversation that reads');
        assert.equal(await page.getByText(/can't reach the server/).count(), 0);
        await screenshot(page, 'offline-chat-without-profile');
      }
      await page.goBack();
      await page.getByRole('heading', { name: 'Chats' }).waitFor();
    }

    // Contacts and the search seen before answer offline too.
    await page.getByRole('link', { name: 'Contacts' }).click();
    await saved.waitFor();
    await page.getByLabel('Search by name or alias').fill('jonas');
    await found.first().waitFor();
    await screenshot(page, 'offline-contacts');
    await page.getByRole('link', { name: 'Chats' }).click();
    await page.getByRole('heading', { name: 'Chats' }).waitFor();

    // A message written offline waits in the outbox…
    const draft = `Written offline at ${Date.now()}`;
    await page.locator(`.chat-row[data-id="${orgChat.id}"] a`).click();
    const composer = page.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill(draft);
    await composer.press('Enter');
    const log = page.getByRole('log', { name: 'Messages' });
    const pending = log.getByRole('listitem').filter({ has: page.getByText(draft, { exact: true }) });
    await pending.getByText('Waiting for the network…').waitFor();
    await screenshot(page, 'offline-outbox');

    // …and survives a reload.
    await page.reload();
    await page.getByRole('log', { name: 'Messages' }).getByText(draft, { exact: true }).waitFor();

    // The network and the server come back: it is sent, once.
    const again = await restartServer(dataDir, server.url);
    server.replace(again);
    await context.setOffline(false);
    await page
      .getByRole('log', { name: 'Messages' })
      .getByRole('listitem')
      .filter({ has: page.getByText(draft, { exact: true }) })
      .getByText('Sent', { exact: true })
      .waitFor({ timeout: 30_000 });
    await page.reload();
    await page.getByRole('log', { name: 'Messages' }).getByText(draft, { exact: true }).waitFor();
    const texts = await serverTexts(page, orgChat.id);
    assert.equal(texts.filter((text) => text === draft).length, 1, 'stored exactly once');
    const left = await page.evaluate(() => document.querySelectorAll('.msg-pending').length);
    assert.equal(left, 0, 'nothing left in the outbox');
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket/.test(e)), []);
  });
});

test('An organization container is sealed, and is deleted when the person is removed from the directory', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await signIn(page, server.url, 'erik');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    const me = (await api(page, 'GET', '/api/me')).body;
    const { org_id: org, directory_entry_id: entry } = me.work_account;
    const person = me.person.id;
    const { body: list } = await api(page, 'GET', '/api/conversations');
    const orgChat = list.find((c) => c.kind === 'chat' && c.scope === 'org' && c.title === 'Sara Holm');
    const privateChat = list.find((c) => c.kind === 'chat' && c.scope === 'private' && c.title === 'Sara Holm');
    const secret = 'Thanks! The outage window is the weekend of the 14th.';
    const personal = 'Dinner at ours on Saturday? Bring the kids.';
    await readChat(page, server.url, orgChat.id, 'Sara Holm', secret);
    await untilKept(page, 1);
    await readChat(page, server.url, privateChat.id, 'Sara Holm', personal);
    await untilKept(page, 2);
    const orgDb = `samtal-${person}-org-${org}`;
    const privateDb = `samtal-${person}-private`;
    await untilDatabases(page, (names) => names.includes(orgDb) && names.includes(privateDb), 'both containers exist');

    // Nothing of the organization's is readable in its container…
    let sealed = await rawDatabase(page, orgDb);
    for (const deadline = Date.now() + 15_000; sealed.length <= 1000 && Date.now() < deadline; ) {
      await sleep(200);
      sealed = await rawDatabase(page, orgDb);
    }
    assert.ok(sealed.length > 1000, 'the organization container holds data');
    for (const needle of [secret, 'outage window', 'Sara Holm', 'erik.lind@nordvik.example']) {
      assert.ok(!sealed.includes(needle), `"${needle}" is not in the organization container`);
    }
    // …while the same search finds private text in the private one: the search works.
    assert.ok((await rawDatabase(page, privateDb)).includes(personal), 'the private container is plain');

    // The organization removes Erik from its directory while his browser is open.
    const admin = await launchBrowser();
    try {
      await signIn(admin.page, server.url, 'admin');
      await admin.page.getByRole('heading', { name: 'Chats' }).waitFor();
      const removed = await api(admin.page, 'DELETE', `/api/admin/orgs/${org}/directory/${entry}`);
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
    } finally {
      await admin.close();
    }

    const names = await untilDatabases(page, (names) => !names.includes(orgDb), 'the organization container is deleted');
    assert.ok(names.includes(privateDb), 'the private container stays');
    // The list keeps only what is still his.
    await page.goto(`${server.url}/chats`);
    await page.locator(`.chat-row[data-id="${privateChat.id}"]`).waitFor();
    assert.equal(await page.locator(`.chat-row[data-id="${orgChat.id}"]`).count(), 0);
    assert.ok((await rawDatabase(page, privateDb)).includes(personal), 'private messages are still cached');
    assert.deepEqual(errors, []);
  });
});

test('A server started afresh in the same place is not confused with what the browser kept', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await signIn(page, server.url, 'erik');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    const person = (await api(page, 'GET', '/api/me')).body.person.id;
    await untilDatabases(page, (names) => names.includes(`samtal-${person}-private`), 'the cache exists');
    // Lots of events, so the kept cursor runs far ahead of a new database's.
    const { body: list } = await api(page, 'GET', '/api/conversations');
    const note = list.find((c) => c.kind === 'chat' && c.scope === 'private' && c.title === 'Sara Holm');
    for (let i = 0; i < 30; i += 1) {
      await api(page, 'POST', `/api/conversations/${note.id}/messages`, { text: `old ${i}`, client_id: `old-${i}` });
    }
    await readChat(page, server.url, note.id, 'Sara Holm', 'old 29');
    await untilKept(page, 1);

    // The demo starts again from nothing on the same address, as `cargo xtask run` does.
    await server.halt();
    const fresh = await startServer({ port: new URL(server.url).port });
    server.replace(fresh);
    await page.goto(`${server.url}/chats`);
    await signIn(page, server.url, 'erik');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    await page.goto(`${server.url}/chats/${note.id}`);
    const log = page.getByRole('log', { name: 'Messages' });
    await log.getByText("Lovely! We'll bring dessert.", { exact: true }).waitFor();
    assert.equal(await log.getByText('old 29', { exact: true }).count(), 0, "the old database's messages are gone");

    // Live updates flow: the socket follows the new database, not the old cursor.
    const sara = await launchBrowser();
    try {
      await signIn(sara.page, server.url, 'sara');
      await sara.page.getByRole('heading', { name: 'Chats' }).waitFor();
      const sent = await api(sara.page, 'POST', `/api/conversations/${note.id}/messages`, {
        text: 'Hello from the new server',
        client_id: 'fresh-1',
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
    } finally {
      await sara.close();
    }
    await log.getByText('Hello from the new server', { exact: true }).waitFor();
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|WebSocket/.test(e)), []);
  });
});
