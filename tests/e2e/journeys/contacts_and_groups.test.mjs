// Contacts, search, profiles, starting chats and groups, and the group
// profile: each journey on a fresh demo server.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, PHONE, launchBrowser, screenshot, signIn, withApp } from '../lib/harness.mjs';

const ORG = 'Nordvik Energi';

async function signUp(page, url, handle, name) {
  await page.goto(`${url}/signup`);
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password').fill('a good long password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
}

/** Signs in to the work account of a directory entry on the Me screen. */
async function linkWorkAccount(page, email) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Me' }).click();
  await page.getByRole('heading', { name: 'Linked account' }).waitFor();
  await page.getByLabel('Work e-mail').fill(email);
  await page.getByLabel('Work password').fill('work-password');
  await page.getByRole('button', { name: 'Sign in to work account' }).click();
  await page.getByText(email).first().waitFor();
}

async function openContacts(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
}

async function openChats(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chats' }).click();
  await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
}

/** Types into the search box and waits for the row of `name` among the results. */
async function search(page, text, name) {
  const box = page.getByLabel('Search by name or alias');
  await box.fill(text);
  const results = page.getByRole('list', { name: 'Search results' });
  const row = results.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
  await row.first().waitFor();
  return row;
}

/** The conversations the signed-in person has, as the API lists them. */
async function conversations(page) {
  return page.evaluate(async () => (await fetch('/api/conversations')).json());
}

test('a new colleague finds someone by alias, sees the profile, and only Create makes the org chat', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await signUp(page, server.url, 'ingrid', 'Ingrid Solberg');
    await linkWorkAccount(page, 'ingrid.solberg@nordvik.example');

    await openContacts(page);
    // Henrik is in the directory but not on Samtal yet: found by his alias.
    const row = await search(page, 'henrik.dahl', 'Henrik Dahl');
    assert.equal(await row.count(), 1);
    assert.equal(await row.getByRole('img', { name: 'Office' }).count(), 1, 'a directory result wears the Office badge');
    // The work e-mail is the line right under the name.
    const lines = await row.locator('.person-main > *').allInnerTexts();
    assert.match(lines[0], /^Henrik Dahl/);
    assert.equal(lines[1], 'henrik.dahl@nordvik.example');
    assert.match(await row.innerText(), /can't be saved as a contact/);
    assert.equal(await row.getByRole('button', { name: 'Save contact' }).count(), 0);
    await page.getByRole('status').filter({ hasText: '1 person found' }).waitFor();
    await screenshot(page, 'contacts-results-desktop', DESKTOP);
    await screenshot(page, 'contacts-results-phone', PHONE);
    await page.setViewportSize(DESKTOP);

    // The avatar opens the full profile.
    const avatar = row.getByRole('button', { name: 'Show profile of Henrik Dahl' });
    await avatar.click();
    const card = page.getByRole('dialog', { name: 'Henrik Dahl' });
    await card.waitFor();
    for (const fact of ['Senior Grid Engineer', 'Grid Engineering', 'henrik.dahl@nordvik.example', ORG]) {
      await card.getByText(fact, { exact: true }).first().waitFor();
    }
    await screenshot(page, 'profile-card-desktop', DESKTOP);
    await screenshot(page, 'profile-card-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    assert.equal(await avatar.evaluate((el) => el === document.activeElement), true, 'focus is back on the avatar');

    // Start organization chat says what it creates; Cancel creates nothing.
    const before = await conversations(page);
    await row.getByRole('button', { name: 'Start organization chat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start an organization chat' });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    assert.match(await dialog.innerText(), new RegExp(`creates an organization chat with Henrik Dahl, owned by ${ORG}`));
    await screenshot(page, 'org-chat-dialog-desktop', DESKTOP);
    await screenshot(page, 'org-chat-dialog-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(await conversations(page), before, 'Cancel created nothing');
    await openChats(page);
    await page.getByText('No conversations yet').waitFor();

    // Create does, and opens it.
    await openContacts(page);
    const again = await search(page, 'henrik.dahl', 'Henrik Dahl');
    await again.getByRole('button', { name: 'Start organization chat' }).click();
    await page.getByRole('dialog', { name: 'Start an organization chat' }).getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/chats\/\d+$/);
    const after = await conversations(page);
    assert.equal(after.length, before.length + 1);
    const chat = after.find((c) => c.title === 'Henrik Dahl');
    assert.equal(chat.scope, 'org');
    assert.match(new URL(page.url()).pathname, new RegExp(`/chats/${chat.id}$`));

    await openChats(page);
    const listed = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem').filter({ hasText: 'Henrik Dahl' });
    await listed.waitFor();
    assert.equal(await listed.getAttribute('data-scope'), 'org');
    assert.equal(await listed.getByRole('img', { name: 'Office' }).count(), 1);
    assert.equal(await listed.getByRole('link').getAttribute('href'), `/chats/${chat.id}`);
    assert.deepEqual(errors, []);
  });
});

test('a saved contact gets a private chat beside the org chat, told apart by the badge', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await signUp(page, server.url, 'liv', 'Liv Aasen');
    await linkWorkAccount(page, 'liv.aasen@nordvik.example');
    await openContacts(page);
    await page.getByText('No contacts yet').waitFor();

    // Sara is on Samtal: she can be saved, and chatted with for the organization.
    let row = await search(page, 'sara', 'Sara Holm');
    await row.getByRole('button', { name: 'Start organization chat' }).click();
    await page.getByRole('dialog', { name: 'Start an organization chat' }).getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/chats\/\d+$/);
    const orgChat = new URL(page.url()).pathname;

    await openContacts(page);
    row = await search(page, 'sara', 'Sara Holm');
    assert.equal(await row.getByRole('button', { name: 'Start private chat' }).count(), 0, 'not a contact yet');
    await row.getByRole('button', { name: 'Save contact' }).click();
    // Saved: the result and the contact list both offer the private chat.
    await row.getByRole('button', { name: 'Start private chat' }).waitFor();
    const saved = page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: 'Sara Holm' });
    await saved.waitFor();
    await page.getByLabel('Search by name or alias').fill('');
    await saved.getByRole('button', { name: 'Start private chat' }).click();
    await page.waitForURL(/\/chats\/\d+$/);
    const privateChat = new URL(page.url()).pathname;
    assert.notEqual(privateChat, orgChat, 'the private chat is a different conversation');

    await openChats(page);
    const rows = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem').filter({ hasText: 'Sara Holm' });
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    const org = rows.and(page.locator('[data-scope="org"]'));
    const personal = rows.and(page.locator('[data-scope="private"]'));
    assert.equal(await org.getByRole('img', { name: 'Office' }).count(), 1);
    assert.equal(await personal.getByRole('img', { name: 'Office' }).count(), 0);
    assert.equal(await org.getByRole('link').getAttribute('href'), orgChat);
    assert.equal(await personal.getByRole('link').getAttribute('href'), privateChat);
    // The row is a link reachable from the keyboard: Enter on it opens the chat.
    await personal.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === privateChat);
    await openChats(page);
    await rows.nth(1).waitFor();
    await screenshot(page, 'chats-org-and-private-desktop', DESKTOP);
    await screenshot(page, 'chats-org-and-private-phone', PHONE);
    await page.setViewportSize(DESKTOP);

    // New chat: the contacts first; asking again opens the same private chat.
    await page.getByRole('button', { name: 'New chat' }).click();
    const newChat = page.getByRole('dialog', { name: 'New chat' });
    const pick = newChat.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: 'Sara Holm' });
    await pick.waitFor();
    // Searching finds the directory too: Sara once, as a contact in the directory.
    await newChat.getByLabel('Search by name or alias').fill('sara.holm');
    const found = newChat.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await found.first().waitFor();
    assert.equal(await found.count(), 1);
    assert.equal(await found.getByRole('img', { name: 'Office' }).count(), 1);
    await found.getByRole('button', { name: 'Start organization chat' }).waitFor();
    await screenshot(page, 'new-chat-dialog-desktop', DESKTOP);
    await screenshot(page, 'new-chat-dialog-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await found.getByRole('button', { name: 'Start private chat' }).click();
    await page.waitForURL((url) => url.pathname === privateChat);

    // Removing the contact asks first, and leaves both chats in place.
    await openContacts(page);
    const contact = page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: 'Sara Holm' });
    await contact.getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Sara Holm?' });
    await confirm.getByRole('button', { name: 'Remove contact' }).click();
    await page.getByText('No contacts yet').waitFor();
    assert.equal((await conversations(page)).length, 2);
    assert.deepEqual(errors, []);
  });
});

test('erik creates a private group, adds it to the organization, and a member added later is told who owns it', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await signIn(page, server.url, 'erik');
    await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();

    // New group: a title and contacts.
    await page.getByRole('button', { name: 'New group' }).click();
    const create = page.getByRole('dialog', { name: 'New group' });
    await create.waitFor();
    await create.getByLabel('Group name').fill('Wind survey');
    await create.getByRole('checkbox', { name: /Kim Personal/ }).check();
    await create.getByRole('checkbox', { name: /Sara Holm/ }).check();
    await screenshot(page, 'new-group-dialog-desktop', DESKTOP);
    await screenshot(page, 'new-group-dialog-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await create.getByRole('button', { name: 'Create group' }).click();
    await page.waitForURL(/\/chats\/\d+$/);
    const id = new URL(page.url()).pathname.split('/').pop();

    // Its profile: private, erik the admin.
    await page.goto(`${server.url}/chats/${id}/profile`);
    await page.getByRole('complementary', { name: 'Wind survey' }).waitFor();
    const ownership = page.locator('.ownership');
    await ownership.getByText(/Owned by its participants/).waitFor();
    const members = page.getByRole('list', { name: 'Members' });
    assert.equal(await members.getByRole('listitem').count(), 3);
    assert.match(await members.getByRole('listitem').first().innerText(), /Erik Lind[\s\S]*Admin/);
    await screenshot(page, 'group-profile-desktop', DESKTOP);
    await screenshot(page, 'group-profile-phone', PHONE);
    await page.setViewportSize(DESKTOP);

    // More: a menu button, used from the keyboard.
    const more = page.getByRole('button', { name: 'More' });
    assert.equal(await more.getAttribute('aria-haspopup'), 'menu');
    await more.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const items = await menu.getByRole('menuitem').allInnerTexts();
    assert.deepEqual(items, ['Add to organization', 'Leave group'], 'a private group has no policies to edit');
    assert.equal(await menu.getByRole('menuitem', { name: 'Add to organization' }).evaluate((el) => el === document.activeElement), true);
    await screenshot(page, 'group-more-menu-desktop', DESKTOP);
    await screenshot(page, 'group-more-menu-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    assert.equal(await more.evaluate((el) => el === document.activeElement), true);

    // Add to organization: one-way, said so; Cancel changes nothing.
    await more.click();
    await page.getByRole('menuitem', { name: 'Add to organization' }).click();
    let convert = page.getByRole('dialog', { name: 'Add to organization' });
    await convert.waitFor();
    assert.match(await convert.innerText(), /This can't be undone/);
    await screenshot(page, 'group-add-to-org-dialog-desktop', DESKTOP);
    await convert.getByRole('button', { name: 'Cancel' }).click();
    await convert.waitFor({ state: 'detached' });
    await ownership.getByText(/Owned by its participants/).waitFor();
    await more.click();
    await page.getByRole('menuitem', { name: 'Add to organization' }).click();
    convert = page.getByRole('dialog', { name: 'Add to organization' });
    await convert.getByRole('button', { name: 'Add to organization' }).click();
    await convert.waitFor({ state: 'detached' });
    await ownership.getByText(`Owned by ${ORG}.`, { exact: false }).waitFor();
    await page.getByRole('img', { name: 'Office' }).first().waitFor();
    await page.getByText(/^Added to Nordvik Energi on /).waitFor();
    assert.equal(await more.evaluate((el) => el === document.activeElement), true, 'focus is back on More');

    // Now an org group: its policies can be edited.
    await more.click();
    assert.deepEqual(await page.getByRole('menu').getByRole('menuitem').allInnerTexts(), ['Edit policies', 'Leave group']);
    await page.getByRole('menuitem', { name: 'Edit policies' }).click();
    const policies = page.getByRole('dialog', { name: 'Edit policies' });
    await policies.getByRole('checkbox', { name: 'Allow copying messages' }).uncheck();
    await policies.getByRole('button', { name: 'Save policies' }).click();
    await policies.waitFor({ state: 'detached' });
    await page.getByText("Copying message text is turned off by this group's admins.").waitFor();
    await screenshot(page, 'group-profile-org-desktop', DESKTOP);
    await screenshot(page, 'group-profile-org-phone', PHONE);
    await page.setViewportSize(DESKTOP);

    // The chat beside the profile shows where it became an org group, and says why Copy is gone.
    await page.getByRole('link', { name: 'Close the profile' }).click();
    await page.getByRole('complementary', { name: 'Wind survey' }).waitFor({ state: 'detached' });
    await page.getByText(/added this group to Nordvik Energi/).first().waitFor();
    const notes = page.getByRole('list', { name: 'Turned off in this conversation' });
    assert.deepEqual(await notes.getByRole('listitem').allInnerTexts(), ["Copying is turned off by this group's admins."]);

    // Jonas, on his own device, sees the group arrive once erik adds him, is
    // told who owns it; his open profile follows what erik changes, and
    // closes when erik removes him.
    const other = await launchBrowser();
    try {
      const jonasPage = other.page;
      await signIn(jonasPage, server.url, 'jonas');
      const jonasList = jonasPage.getByRole('list', { name: 'Conversations' });
      await jonasList.waitFor();
      const row = jonasList.getByRole('listitem').filter({ hasText: 'Wind survey' });
      assert.equal(await row.count(), 0);

      // A member added afterwards is told who owns it.
      await page.goto(`${server.url}/chats/${id}/profile`);
      await page.getByRole('button', { name: 'Add members' }).click();
      const add = page.getByRole('dialog', { name: 'Add members' });
      await add.getByLabel('Search by name or alias').fill('jonas');
      const jonas = add.getByRole('list', { name: 'Search results' }).getByRole('listitem').filter({ hasText: 'Jonas Berg' });
      await jonas.getByRole('button', { name: 'Add' }).click();
      await jonas.getByText('Already a member.').waitFor();
      await add.getByRole('button', { name: 'Done' }).click();
      await members.getByText('Jonas Berg').waitFor();
      assert.equal(await members.getByRole('listitem').count(), 4);

      // Jonas's open chat list shows the group without a reload.
      await row.waitFor();
      assert.equal(await row.getByRole('img', { name: 'Office' }).count(), 1);
      await row.getByRole('link').click();
      await jonasPage.getByText(`This group is owned by ${ORG}`).first().waitFor();
      await jonasPage.goto(`${server.url}/chats/${id}/profile`);
      await jonasPage.getByRole('complementary', { name: 'Wind survey' }).waitFor();
      await jonasPage.getByText('Messages can be forwarded out of the group.').waitFor();

      await more.click();
      await page.getByRole('menuitem', { name: 'Edit policies' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit policies' });
      await edit.getByRole('checkbox', { name: 'Allow forwarding' }).uncheck();
      await edit.getByRole('button', { name: 'Save policies' }).click();
      await edit.waitFor({ state: 'detached' });
      await jonasPage
        .getByText("Forwarding out of the organization is turned off by this group's admins: messages go only to its own conversations.")
        .waitFor();

      const jonasRow = members.getByRole('listitem').filter({ hasText: 'Jonas Berg' });
      await jonasRow.getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('dialog', { name: 'Remove Jonas Berg?' }).getByRole('button', { name: 'Remove' }).click();
      await jonasRow.waitFor({ state: 'detached' });
      // The chat and its profile, side by side, both close.
      await jonasPage.getByRole('alert').getByText(/You were removed from this group/).first().waitFor();
      assert.deepEqual(other.errors, []);
    } finally {
      await other.close();
    }

    // Leaving asks first, then the group is gone from erik's chats.
    await more.click();
    await page.getByRole('menuitem', { name: 'Leave group' }).click();
    await page.getByRole('dialog', { name: 'Leave Wind survey?' }).getByRole('button', { name: 'Leave group' }).click();
    await page.waitForURL((url) => url.pathname === '/chats');
    await page.getByRole('list', { name: 'Conversations' }).waitFor();
    assert.equal(await page.getByRole('list', { name: 'Conversations' }).getByText('Wind survey').count(), 0);
    assert.deepEqual(errors, []);
  });
});
