// Stored content is never code: a corpus of script-injection payloads
// (corpus/xss.json) goes in as message text, display names, group titles,
// directory fields (by CSV import) and file names. Each is rendered where a
// person sees it, and must show as text: no injected script runs (the
// corpus calls window.__xss, which records the call), no dialog opens, and
// no console error appears (a blocked inline script would report one).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { DESKTOP, api, screenshot, signIn, withApp } from '../lib/harness.mjs';

const PAYLOADS = JSON.parse(await readFile(new URL('../corpus/xss.json', import.meta.url), 'utf8'));

/** A CSV field, quoted. */
const field = (text) => `"${String(text).replaceAll('"', '""')}"`;

/** A raw request from the page: CSV, files, or without the page's session. */
async function send(page, { method = 'POST', path, type, body, credentials = 'same-origin' }) {
  return page.evaluate(
    async ({ method, path, type, body, credentials }) => {
      const response = await fetch(path, {
        method,
        credentials,
        headers: { 'X-Samtal-Request': '1', 'Content-Type': type },
        body,
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, type, body, credentials },
  );
}

test('every payload of the corpus is stored, rendered as text, and runs nothing', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    const ran = [];
    const dialogs = [];
    await page.exposeFunction('__xssRan', (what) => ran.push(what));
    await page.addInitScript(() => {
      window.__xss = (what) => window.__xssRan(what);
    });
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });

    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    const me = (await api(page, 'GET', '/api/me')).body;
    const org = me.admin_orgs.find((o) => o.name === 'Nordvik Energi').id;
    const domain = (await api(page, 'GET', `/api/admin/orgs/${org}`)).body.domain;

    // Directory fields, by CSV import.
    const csv = [
      'email,alias,display_name,designation,department,is_admin,password',
      ...PAYLOADS.map((p, i) => [`xss${i}@${domain}`, `xss${i}`, p, p, p, 'false', ''].map(field).join(',')),
    ].join('\n');
    const imported = await send(page, { path: `/api/admin/orgs/${org}/directory`, type: 'text/csv', body: csv });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.equal(imported.body.imported, PAYLOADS.length, JSON.stringify(imported.body));
    const entries = imported.body.results.map((r) => r.directory_entry_id);

    // Group titles: an org group each, its members the payload-named entries.
    const groups = [];
    for (const [i, title] of PAYLOADS.entries()) {
      const made = await api(page, 'POST', `/api/admin/orgs/${org}/groups`, {
        title,
        member_ids: [me.person.id],
        directory_entry_ids: [entries[i]],
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      groups.push(made.body.id);
    }
    const group = groups[0];

    // Message text, and file names of attachments.
    for (const [i, text] of PAYLOADS.entries()) {
      const sent = await api(page, 'POST', `/api/conversations/${group}/messages`, { text, client_id: `xss-${i}` });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
    }
    for (const [i, name] of PAYLOADS.slice(0, 4).entries()) {
      const uploaded = await send(page, {
        path: `/api/conversations/${group}/attachments?name=${encodeURIComponent(name)}`,
        type: 'image/png',
        body: 'not really a png',
      });
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
      const sent = await api(page, 'POST', `/api/conversations/${group}/messages`, {
        attachment_id: uploaded.body.id,
        client_id: `xss-file-${i}`,
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
    }

    // Display names of people who sign up (without this page's session).
    for (const [i, name] of PAYLOADS.entries()) {
      const body = JSON.stringify({ handle: `xss-person-${i}`, display_name: name, password: 'a long password' });
      const made = await send(page, { path: '/api/auth/signup', type: 'application/json', body, credentials: 'omit' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }

    // Rendered: the chat list, the group with its messages and files, its
    // members, the admin's directory, and search results.
    await page.goto(`${server.url}/chats`);
    const list = page.getByRole('list', { name: 'Conversations' });
    for (const title of PAYLOADS) await list.getByText(title, { exact: true }).first().waitFor();
    await page.goto(`${server.url}/chats/${group}`);
    const log = page.getByRole('log');
    for (const text of PAYLOADS) await log.getByText(text, { exact: true }).first().waitFor();
    for (const name of PAYLOADS.slice(0, 4)) await log.getByText(name, { exact: true }).first().waitFor();
    await screenshot(page, 'xss-chat-desktop', DESKTOP);
    await page.goto(`${server.url}/chats/${group}/profile`);
    await page.getByText(PAYLOADS[0], { exact: true }).first().waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('tablist', { name: 'Admin sections' }).getByRole('tab', { name: 'Directory' }).click();
    await page.getByLabel('Filter the directory').fill('xss');
    const directory = page.getByRole('list', { name: 'Directory' });
    for (const name of PAYLOADS) await directory.getByText(name, { exact: true }).first().waitFor();
    await screenshot(page, 'xss-directory-desktop', DESKTOP);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByLabel('Search by name or alias').fill('xss');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByText(PAYLOADS[1], { exact: true }).first().waitFor();

    assert.deepEqual(ran, [], 'no injected script ran');
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.deepEqual(errors, []);
  });
});
