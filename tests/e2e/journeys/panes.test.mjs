// The Chats area as panes: on a desktop the chat list stays beside the open
// conversation and the group profile opens beside both; the URL names what
// is open, so back, forward and reload restore each step; a phone shows one
// pane at a time.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, PHONE, api, screenshot, signIn, withApp } from '../lib/harness.mjs';

/** The panes of the Chats area as a person sees them. */
function panes(page) {
  return {
    list: page.getByRole('list', { name: 'Conversations' }),
    messages: page.getByRole('log', { name: 'Messages' }),
    chatTitle: (title) => page.locator('#chat-title').getByText(title, { exact: true }),
    profile: (title) => page.getByRole('complementary', { name: title }),
  };
}

/** The row of the chat list that opens `id`. */
function row(page, id) {
  return page.locator(`.chat-row[data-id="${id}"]`).getByRole('link');
}

/** Waits until the address is `path` (with nothing after it). */
async function atPath(page, url, path) {
  await page.waitForURL(`${url}${path}`);
}

test('On a desktop the list stays beside the chat, the profile opens beside both, and back and forward restore each step', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, server.url, 'erik');
    const { list, messages, chatTitle, profile } = panes(page);
    await list.waitFor();
    // Nothing open yet: the right pane says how to open something.
    await page.getByText('No conversation open').waitFor();

    const { body: all } = await api(page, 'GET', '/api/conversations');
    const sara = all.find((c) => c.kind === 'chat' && c.scope === 'org' && c.title === 'Sara Holm');
    const aurora = all.find((c) => c.kind === 'group' && c.title === 'Project Aurora');
    assert.ok(sara && aurora, `demo conversations: ${all.map((c) => c.title).join(', ')}`);

    // A chat opens beside the list, which marks it.
    await row(page, sara.id).click();
    await atPath(page, server.url, `/chats/${sara.id}`);
    await chatTitle('Sara Holm').waitFor();
    await messages.getByText('Thanks! The outage window is the weekend of the 14th.').waitFor();
    assert.ok(await list.isVisible(), 'the list stays beside the chat');
    assert.equal(await row(page, sara.id).getAttribute('aria-current'), 'page');

    // A second chat from the list: the list stays, and the mark moves.
    await row(page, aurora.id).click();
    await atPath(page, server.url, `/chats/${aurora.id}`);
    await chatTitle('Project Aurora').waitFor();
    await messages.getByText('Aurora is an official Nordvik project now, so it lives with the company.').waitFor();
    assert.ok(await list.isVisible(), 'the list stays beside the second chat');
    assert.equal(await row(page, aurora.id).getAttribute('aria-current'), 'page');
    assert.equal(await row(page, sara.id).getAttribute('aria-current'), null);

    // The group profile opens beside the chat and the list.
    await page.getByRole('link', { name: 'Group profile' }).click();
    await atPath(page, server.url, `/chats/${aurora.id}/profile`);
    await profile('Project Aurora').getByRole('heading', { name: /^Members \(\d+\)$/ }).waitFor();
    assert.ok(await messages.isVisible(), 'the chat stays beside the profile');
    assert.ok(await list.isVisible(), 'the list stays beside the profile');
    await screenshot(page, 'panes-desktop-light', DESKTOP);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'panes-desktop-dark', DESKTOP);
    await page.emulateMedia({ colorScheme: 'light' });

    // Back and forward restore each step.
    await page.goBack();
    await atPath(page, server.url, `/chats/${aurora.id}`);
    await profile('Project Aurora').waitFor({ state: 'detached' });
    await chatTitle('Project Aurora').waitFor();
    await page.goBack();
    await atPath(page, server.url, `/chats/${sara.id}`);
    await chatTitle('Sara Holm').waitFor();
    await page.goForward();
    await atPath(page, server.url, `/chats/${aurora.id}`);
    await chatTitle('Project Aurora').waitFor();
    await page.goForward();
    await atPath(page, server.url, `/chats/${aurora.id}/profile`);
    await profile('Project Aurora').waitFor();

    // A reload opens the same three panes.
    await page.reload();
    await profile('Project Aurora').waitFor();
    await chatTitle('Project Aurora').waitFor();
    await list.waitFor();

    // Closing the profile leaves the chat.
    await profile('Project Aurora').getByRole('link', { name: 'Close the profile' }).click();
    await atPath(page, server.url, `/chats/${aurora.id}`);
    await profile('Project Aurora').waitFor({ state: 'detached' });
    await chatTitle('Project Aurora').waitFor();

    // Contacts open a chat in the panes too, beside the list.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    const contact = page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: 'Sara Holm' });
    await contact.first().waitFor();
    await contact.first().getByRole('button', { name: 'Start private chat' }).click();
    await atPath(page, server.url, `/chats/${all.find((c) => c.kind === 'chat' && c.scope === 'private' && c.title === 'Sara Holm').id}`);
    await chatTitle('Sara Holm').waitFor();
    await list.waitFor();

    assert.deepEqual(errors, []);
  });
});

test('On a phone the same addresses show one pane at a time', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, server.url, 'erik');
    const { list, messages, chatTitle, profile } = panes(page);
    await list.waitFor();
    const { body: all } = await api(page, 'GET', '/api/conversations');
    const aurora = all.find((c) => c.kind === 'group' && c.title === 'Project Aurora');

    await row(page, aurora.id).click();
    await chatTitle('Project Aurora').waitFor();
    await messages.waitFor();
    await list.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: 'Group profile' }).click();
    await profile('Project Aurora').waitFor();
    await messages.waitFor({ state: 'hidden' });
    assert.equal(await list.isVisible(), false, 'only the profile shows');
    await screenshot(page, 'panes-phone-profile', PHONE);

    await profile('Project Aurora').getByRole('link', { name: 'Back to the conversation' }).click();
    await messages.waitFor();
    await page.getByRole('link', { name: 'Back to Chats' }).click();
    await list.waitFor();
    await messages.waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  });
});
