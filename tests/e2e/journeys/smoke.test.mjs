// Smoke journeys: the release build served by the real server, in Chromium.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, PHONE, screenshot, signIn, withApp } from '../lib/harness.mjs';

test('the demo admin signs in and sees the chats, org conversations badged Office', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Handle').waitFor();
    await screenshot(page, 'signin-desktop', DESKTOP);
    await screenshot(page, 'signin-phone', PHONE);
    await page.setViewportSize(DESKTOP);

    await page.getByLabel('Handle').fill('admin');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    const list = page.getByRole('list', { name: 'Conversations' });
    await list.waitFor();
    assert.match(new URL(page.url()).pathname, /^\/chats$/);
    const badges = list.getByRole('img', { name: 'Office' });
    await badges.first().waitFor();
    const rows = await list.getByRole('listitem').count();
    const badged = await badges.count();
    assert.ok(badged >= 1, 'at least one org conversation wears the Office badge');
    assert.ok(rows >= badged, `${rows} rows, ${badged} badges`);
    // Every badge sits on an org conversation's row, and every org row has one.
    const orgRows = await list.locator('li[data-scope="org"]').count();
    assert.equal(badged, orgRows);

    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Chats', 'Contacts', 'Me', 'Admin']) {
      await nav.getByRole('link', { name }).waitFor();
    }
    await screenshot(page, 'chats-desktop', DESKTOP);
    await screenshot(page, 'chats-phone', PHONE);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'chats-desktop-dark', DESKTOP);
    await screenshot(page, 'chats-phone-dark', PHONE);
    assert.deepEqual(errors, []);
  });
});

test('org and private conversations sit side by side, newest first, only org ones badged', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    // In the demo, Erik has an org chat and a private chat with Sara, org groups and a private group.
    await signIn(page, server.url, 'erik');
    const list = page.getByRole('list', { name: 'Conversations' });
    await list.waitFor();
    const orgRows = list.locator('li[data-scope="org"]');
    const privateRows = list.locator('li[data-scope="private"]');
    assert.ok((await orgRows.count()) >= 1, 'Erik has org conversations');
    assert.ok((await privateRows.count()) >= 1, 'Erik has private conversations');
    for (const row of await orgRows.all()) {
      assert.equal(await row.getByRole('img', { name: 'Office' }).count(), 1);
    }
    for (const row of await privateRows.all()) {
      assert.equal(await row.getByRole('img', { name: 'Office' }).count(), 0);
    }
    // Newest first: the times shown never go forward in time down the list.
    const stamps = await list.locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')));
    assert.deepEqual(stamps, [...stamps].sort().reverse());
    await screenshot(page, 'chats-erik-desktop', DESKTOP);
    await screenshot(page, 'chats-erik-phone', PHONE);
    assert.deepEqual(errors, []);
  });
});

test('a wrong password is explained in a sentence', async (t) => {
  await withApp(t, async ({ server, page }) => {
    await signIn(page, server.url, 'admin', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.getByText(/password/i).waitFor();
    assert.match(await alert.innerText(), /The name or password is wrong\./);
    // Still on the sign-in form, nothing signed in.
    await page.getByLabel('Handle').waitFor();
  });
});

test('a new person signs up and starts with an empty chat list', async (t) => {
  await withApp(t, async ({ server, page }) => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByLabel('Handle').fill('newcomer');
    await page.getByLabel('Display name').fill('New Comer');
    await page.getByLabel('Password').fill('a good long password');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    await page.getByText('No conversations yet').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Admin' }).count(), 0);
    await screenshot(page, 'chats-empty-phone', PHONE);
  });
});

test('a taken handle is refused with the reason', async (t) => {
  await withApp(t, async ({ server, page }) => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Handle').fill('erik');
    await page.getByLabel('Display name').fill('Another Erik');
    await page.getByLabel('Password').fill('a good long password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').getByText(/taken/i).waitFor();
  });
});

test('Contacts, Me and Admin open from the navigation; signing out returns to sign-in', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });

    await nav.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Contacts' }).getAttribute('aria-current'), 'page');

    await nav.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Admin', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Groups', exact: true }).first().waitFor();
    await page.getByRole('list', { name: 'Organization groups' }).first().waitFor();
    await screenshot(page, 'admin-desktop', DESKTOP);

    await nav.getByRole('link', { name: 'Me' }).click();
    await page.getByRole('heading', { name: 'Me', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Linked account' }).waitFor();
    await screenshot(page, 'me-desktop', DESKTOP);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();

    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByLabel('Handle').waitFor();
    assert.deepEqual(errors, []);
  });
});
