// The admin portal and the Me screen, each journey on a fresh demo server.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, PHONE, launchBrowser, eventually, screenshot, signIn, signUp, withApp } from '../lib/harness.mjs';

/** Calls the API from the page, with the page's session cookie. */
async function api(page, path) {
  return page.evaluate(async (path) => {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    return { status: response.status, body: await response.json() };
  }, path);
}

async function conversations(page) {
  const { status, body } = await api(page, '/api/conversations');
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

/** A second person in their own browser, signed in and on the chat list. */
async function secondPerson(server, handle) {
  const browser = await launchBrowser();
  try {
    await signIn(browser.page, server.url, handle);
    await browser.page.getByRole('heading', { name: 'Chats' }).waitFor();
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

async function openAdmin(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'Admin', exact: true }).waitFor();
}

async function openTab(page, name) {
  const tab = page.getByRole('tablist', { name: 'Admin sections' }).getByRole('tab', { name });
  await tab.click();
  assert.equal(await tab.getAttribute('aria-selected'), 'true');
  await page.getByRole('tabpanel').getByRole('heading', { name, exact: true }).waitFor();
}

test('the admin lists org groups only, and group policies reach an open chat at once', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    const erik = await secondPerson(server, 'erik');
    try {
      await signIn(page, server.url, 'admin');
      await page.getByRole('heading', { name: 'Chats' }).waitFor();
      await openAdmin(page);
      const groups = page.getByRole('list', { name: 'Organization groups' });
      await groups.waitFor();
      const titles = await groups.getByRole('heading').allInnerTexts();
      assert.ok(titles.includes('Nordvik Operations'), `${titles}`);
      assert.ok(titles.includes('Project Aurora'), `${titles}`);
      // A private group is invisible to the organization (rule 7).
      assert.ok(!titles.includes('Friday climbing'), `${titles}`);
      assert.equal(await page.getByText('Friday climbing').count(), 0);
      const aurora = groups.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Project Aurora' }) });
      assert.match(await aurora.innerText(), /In the app/);
      assert.match(await aurora.innerText(), /Added to the organization/);
      const operations = groups
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: 'Nordvik Operations' }) });
      assert.match(await operations.innerText(), /In the admin portal/);
      assert.match(await operations.innerText(), /an organization group from the start/);
      await screenshot(page, 'admin-groups-desktop', DESKTOP);
      await screenshot(page, 'admin-groups-phone', PHONE);
      await page.setViewportSize(DESKTOP);

      // Erik has Project Aurora open, with Copy and Forward on its messages.
      const auroraId = (await conversations(erik.page)).find((c) => c.title === 'Project Aurora').id;
      await erik.page.goto(`${server.url}/chats/${auroraId}`);
      const messages = erik.page.getByRole('log', { name: 'Messages' });
      await messages.getByRole('button', { name: 'Copy' }).first().waitFor();
      assert.ok((await messages.getByRole('button', { name: 'Forward' }).count()) > 0);

      // The admin turns copying and forwarding off for the group.
      await aurora.getByRole('button', { name: 'Edit policies of Project Aurora' }).click();
      const dialog = page.getByRole('dialog', { name: 'Policies of Project Aurora' });
      await dialog.waitFor();
      await dialog.getByLabel('Allow copying message text').uncheck();
      await dialog.getByLabel('Allow forwarding out of the organization').uncheck();
      await screenshot(page, 'admin-edit-policies-desktop', DESKTOP);
      await dialog.getByRole('button', { name: 'Save policies' }).click();
      await page.getByRole('status').filter({ hasText: 'The policies of Project Aurora are saved.' }).waitFor();
      assert.equal(await page.getByRole('dialog').count(), 0);
      // The list is fetched again after the save: its row follows.
      await aurora.getByText(/Copying off, forwarding off/).waitFor();

      // Without reloading, Erik's chat offers neither any more.
      await eventually('Copy disappears from the open chat', async () => (await messages.getByRole('button', { name: 'Copy' }).count()) === 0);
      assert.equal(await messages.getByRole('button', { name: 'Forward' }).count(), 0);
      const detail = await api(erik.page, `/api/conversations/${auroraId}`);
      assert.equal(detail.body.capabilities.copy, false);
      assert.equal(detail.body.capabilities.forward, false);
      assert.deepEqual(errors, []);
      assert.deepEqual(erik.errors, []);
    } finally {
      await erik.close();
    }
  });
});

test('disabling the organization closes its conversations, private ones go on; enabling reopens them', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    // Erik is signed in to Nordvik; Lena (Fjord Partners) is a guest in Nordvik Operations.
    const erik = await secondPerson(server, 'erik');
    let lena;
    try {
      lena = await secondPerson(server, 'lena');
      const erikList = erik.page.getByRole('list', { name: 'Conversations' });
      const lenaList = lena.page.getByRole('list', { name: 'Conversations' });
      await erikList.waitFor();
      await lenaList.waitFor();
      const before = await conversations(erik.page);
      const orgTitles = before.filter((c) => c.scope === 'org').map((c) => c.title);
      const privateTitles = before.filter((c) => c.scope === 'private').map((c) => c.title);
      assert.ok(orgTitles.includes('Project Aurora') && orgTitles.includes('Nordvik Operations'), `${orgTitles}`);
      assert.deepEqual(privateTitles.sort(), ['Friday climbing', 'Sara Holm']);
      assert.ok(before.every((c) => c.closed === null));
      const operations = lenaList.locator('li', { hasText: 'Nordvik Operations' });
      await operations.waitFor();
      assert.equal(await lenaList.locator('li.chat-row-closed').count(), 0);

      await signIn(page, server.url, 'admin');
      await page.getByRole('heading', { name: 'Chats' }).waitFor();
      await openAdmin(page);
      await openTab(page, 'Organization');
      await page.getByText('Nordvik Energi belong to the company').waitFor();
      await screenshot(page, 'admin-organization-desktop', DESKTOP);
      await screenshot(page, 'admin-organization-phone', PHONE);
      await page.setViewportSize(DESKTOP);

      await page.getByRole('button', { name: 'Disable Samtal for the organization' }).click();
      const dialog = page.getByRole('dialog', { name: 'Disable Samtal for Nordvik Energi?' });
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Every work-account sign-in to Nordvik Energi ends/);
      assert.match(await dialog.innerText(), /conversations close for everyone/);
      // Focus starts on Cancel: the safe choice.
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel');
      await screenshot(page, 'admin-disable-dialog-desktop', DESKTOP);
      await screenshot(page, 'admin-disable-dialog-phone', PHONE);
      await page.setViewportSize(DESKTOP);
      await dialog.getByRole('button', { name: 'Disable' }).click();
      await page.getByRole('status').filter({ hasText: 'Samtal is off for Nordvik Energi' }).waitFor();
      await page.getByRole('button', { name: 'Enable Samtal for the organization' }).waitFor();

      // Live, without reloading: Erik's work sign-in ended, so Nordvik's
      // conversations are gone from his device; his private ones go on.
      await eventually('Erik has no organization conversation left', async () => {
        return (await erikList.locator('li[data-scope="org"]').count()) === 0;
      });
      for (const name of ['Friday climbing', 'Sara Holm']) {
        const row = erikList.locator('li[data-scope="private"]', { hasText: name });
        assert.equal(await row.count(), 1, name);
        assert.doesNotMatch(await row.getAttribute('class'), /chat-row-closed/);
      }
      const during = await conversations(erik.page);
      assert.ok(during.every((c) => c.scope === 'private' || c.closed === 'org_disabled'), JSON.stringify(during));
      assert.deepEqual(during.filter((c) => c.scope === 'private').map((c) => [c.title, c.closed]).sort(), [
        ['Friday climbing', null],
        ['Sara Holm', null],
      ]);
      // His Me screen offers the work sign-in again.
      await erik.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Me' }).click();
      await erik.page.getByRole('button', { name: 'Sign in to work account' }).waitFor();
      // Lena, a guest from another organization, sees the group closed.
      await eventually('Nordvik Operations is closed for Lena', async () =>
        /chat-row-closed/.test((await operations.getAttribute('class')) ?? ''),
      );
      const forLena = (await conversations(lena.page)).find((c) => c.title === 'Nordvik Operations');
      assert.equal(forLena.closed, 'org_disabled');
      await screenshot(lena.page, 'chats-org-disabled-desktop', DESKTOP);
      await screenshot(lena.page, 'chats-org-disabled-phone', PHONE);

      // Enabling it again reopens the group for Lena at once ...
      await page.getByRole('button', { name: 'Enable Samtal for the organization' }).click();
      await page.getByRole('status').filter({ hasText: 'Samtal is on for Nordvik Energi again' }).waitFor();
      await eventually('Nordvik Operations reopens for Lena', async () =>
        !/chat-row-closed/.test((await operations.getAttribute('class')) ?? ''),
      );
      // ... and Erik's come back when he signs in to his work account again.
      const linked = erik.page.getByRole('region', { name: 'Linked account' });
      await linked.getByLabel('Work e-mail').fill('erik.lind@nordvik.example');
      await linked.getByLabel('Work password').fill('work-password');
      await linked.getByRole('button', { name: 'Sign in to work account' }).click();
      await linked.getByRole('button', { name: 'Sign out of work account' }).waitFor();
      const after = await conversations(erik.page);
      assert.deepEqual(after.filter((c) => c.scope === 'org').map((c) => c.title).sort(), [...orgTitles].sort());
      assert.ok(after.every((c) => c.closed === null), JSON.stringify(after.map((c) => [c.title, c.closed])));
      assert.deepEqual(errors, []);
      assert.deepEqual(erik.errors, []);
      assert.deepEqual(lena.errors, []);
    } finally {
      await erik.close();
      if (lena) await lena.close();
    }
  });
});

test('the admin imports people with a preview, removes one, sets tenant policies and reads the audit log', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    const org = (await api(page, '/api/me')).body.admin_orgs.find((o) => o.name === 'Nordvik Energi').id;
    await openAdmin(page);

    // Tenant policies.
    await openTab(page, 'Tenant policies');
    const forward = page.getByLabel('Allow forwarding out of the organization');
    await forward.waitFor();
    assert.equal(await forward.isChecked(), true);
    await screenshot(page, 'admin-policies-desktop', DESKTOP);
    await screenshot(page, 'admin-policies-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await forward.uncheck();
    await page.getByRole('button', { name: 'Save policies' }).click();
    await page.getByRole('status').filter({ hasText: 'The policies are saved.' }).waitFor();
    const stored = await api(page, `/api/admin/orgs/${org}/policies`);
    assert.equal(stored.body.allow_forward, false);
    assert.equal(stored.body.allow_copy, true);

    // Directory: filter.
    await openTab(page, 'Directory');
    const directory = page.getByRole('list', { name: 'Directory' });
    await directory.waitFor();
    assert.ok((await directory.getByRole('listitem').count()) >= 40);
    await screenshot(page, 'admin-directory-desktop', DESKTOP);
    await screenshot(page, 'admin-directory-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await page.getByLabel('Filter the directory').fill('maja');
    await eventually('the filter narrows the list', async () => (await directory.getByRole('listitem').count()) === 1);
    assert.match(await directory.innerText(), /Maja Nyberg/);
    assert.match(await directory.innerText(), /Not signed in/);
    await page.getByLabel('Filter the directory').fill('');

    // Import: the preview explains the bad rows, then only the good ones go in.
    const csv = [
      'email,alias,display_name,designation,department,is_admin,password',
      'yrsa.quist@nordvik.example,yrsa,Yrsa Quist,Analyst,Trading,false,',
      'erik.lind@nordvik.example,erik2,Erik Again,Analyst,Trading,false,',
      'not-an-address,nobody,No Body,,,false,',
    ].join('\n');
    await page.getByText('Import people', { exact: true }).click();
    await page.getByLabel('CSV rows').fill(csv);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('table', { name: 'Import preview' });
    await preview.waitFor();
    await preview.scrollIntoViewIfNeeded();
    const rows = preview.getByRole('row');
    assert.equal(await rows.count(), 4);
    assert.match(await rows.nth(1).innerText(), /Ready to import/);
    assert.match(await rows.nth(2).innerText(), /erik\.lind@nordvik\.example\s+\S.*\./);
    assert.match(await rows.nth(3).innerText(), /not-an-address\s+\S.*/);
    await screenshot(page, 'admin-import-preview-desktop', DESKTOP);
    await screenshot(page, 'admin-import-preview-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    // Nothing was written by the preview.
    assert.equal((await api(page, `/api/admin/orgs/${org}/directory?q=yrsa`)).body.length, 0);
    await page.getByRole('button', { name: 'Import 1 person' }).click();
    const result = page.getByRole('table', { name: 'Import result' });
    await result.waitFor();
    await result.scrollIntoViewIfNeeded();
    const password = (await result.getByRole('row').nth(1).getByRole('cell').nth(3).innerText()).trim();
    assert.ok(password.length >= 8, `generated password: ${password}`);
    await page.getByText('shown only once').waitFor();
    await screenshot(page, 'admin-import-result-desktop', DESKTOP);
    assert.equal((await api(page, `/api/admin/orgs/${org}/directory?q=yrsa`)).body.length, 1);

    // Remove a person, after a confirmation that says what happens.
    await page.getByLabel('Filter the directory').fill('yrsa');
    await eventually('Yrsa is listed', async () => (await directory.getByRole('listitem').count()) === 1);
    await directory.getByRole('button', { name: 'Remove Yrsa Quist' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Yrsa Quist from the directory?' });
    await confirm.waitFor();
    assert.match(
      await confirm.innerText(),
      /They leave the organization: its conversations close for them and are wiped from their devices/,
    );
    await screenshot(page, 'admin-remove-dialog-desktop', DESKTOP);
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('dialog').count(), 0);
    // Focus went back to the button that opened the dialog.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Remove Yrsa Quist');
    await directory.getByRole('button', { name: 'Remove Yrsa Quist' }).click();
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('status').filter({ hasText: 'Yrsa Quist is removed from the directory.' }).waitFor();
    assert.equal((await api(page, `/api/admin/orgs/${org}/directory?q=yrsa`)).body.length, 0);

    // Create a group in the portal.
    await openTab(page, 'Groups');
    await page.getByRole('button', { name: 'Create group' }).click();
    const create = page.getByRole('dialog', { name: 'Create group' });
    await create.waitFor();
    await create.getByLabel('Group title').fill('Safety Council');
    await create.getByLabel('Find people in the directory').fill('erik');
    await create.getByLabel(/Erik Lind/).check();
    await create.getByLabel('Find people in the directory').fill('maja');
    await create.getByLabel(/Maja Nyberg/).check();
    await create.getByRole('list', { name: 'Picked members' }).getByText('Erik Lind').waitFor();
    await screenshot(page, 'admin-create-group-desktop', DESKTOP);
    await screenshot(page, 'admin-create-group-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await create.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('status').filter({ hasText: 'Safety Council is created' }).waitFor();
    const groups = page.getByRole('list', { name: 'Organization groups' });
    await groups.getByRole('heading', { name: 'Safety Council' }).waitFor();

    // The audit log tells all of it, newest first.
    await openTab(page, 'Audit log');
    const audit = page.getByRole('list', { name: 'Audit log entries' });
    await audit.waitFor();
    const lines = await audit.getByRole('listitem').allInnerTexts();
    assert.match(lines[0], /Astrid Admin created the group Safety Council/);
    const text = lines.join('\n');
    assert.match(text, /Astrid Admin removed Yrsa Quist from the directory/);
    assert.match(text, /Astrid Admin imported 1 person into the directory/);
    assert.match(text, /Astrid Admin changed the tenant policies\s+Forwarding: off/);
    assert.ok(
      text.indexOf('removed Yrsa Quist') < text.indexOf('imported 1 person'),
      'newest first: the removal comes before the import',
    );
    await screenshot(page, 'admin-audit-desktop', DESKTOP);
    await screenshot(page, 'admin-audit-phone', PHONE);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'admin-audit-desktop-dark', DESKTOP);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(DESKTOP);

    // The compliance export downloads a file.
    await openTab(page, 'Organization');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download compliance export' }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^samtal-compliance-${org}\\.json$`));
    assert.deepEqual(errors, []);
  });
});

test('a newcomer links the waiting work account, sees its chats, signs out of it, and keeps a setting', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    await signUp(page, server.url, 'maja', 'Maja Nyberg', 'a good long password');

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Me' }).click();
    const linked = page.getByRole('region', { name: 'Linked account' });
    await linked.waitFor();
    assert.equal(await linked.getByRole('button', { name: 'Sign out of work account' }).count(), 0);
    await screenshot(page, 'me-signed-out-of-work-desktop', DESKTOP);
    await screenshot(page, 'me-signed-out-of-work-phone', PHONE);
    await page.setViewportSize(DESKTOP);

    // A wrong password is explained in a sentence.
    await linked.getByLabel('Work e-mail').fill('maja.nyberg@nordvik.example');
    await linked.getByLabel('Work password').fill('not-the-password');
    await linked.getByRole('button', { name: 'Sign in to work account' }).click();
    await linked.getByRole('alert').getByText('The work e-mail or password is wrong.').waitFor();

    await linked.getByLabel('Work password').fill('work-password');
    await linked.getByRole('button', { name: 'Sign in to work account' }).click();
    await linked.getByRole('button', { name: 'Sign out of work account' }).waitFor();
    const card = await linked.innerText();
    for (const fact of ['Nordvik Energi', 'maja.nyberg@nordvik.example', 'Field Technician', 'Operations']) {
      assert.ok(card.includes(fact), `${fact} in ${card}`);
    }
    assert.equal(await linked.getByRole('img', { name: 'Office' }).count(), 1);
    await screenshot(page, 'me-desktop', DESKTOP);
    await screenshot(page, 'me-phone', PHONE);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'me-phone-dark', PHONE);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(DESKTOP);

    // The chats that waited for her are there.
    await nav.getByRole('link', { name: 'Chats' }).click();
    const list = page.getByRole('list', { name: 'Conversations' });
    const title = (name) => list.locator('.chat-title', { hasText: name });
    await title('Nordvik Operations').waitFor();
    await title('Jonas Berg').waitFor();
    assert.ok((await list.locator('li[data-scope="org"]').count()) >= 2);

    // Signing out of the work account warns, then they are gone.
    await nav.getByRole('link', { name: 'Me' }).click();
    await linked.getByRole('button', { name: 'Sign out of work account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out of Nordvik Energi?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /conversations close for you and are removed from this device/);
    await screenshot(page, 'me-sign-out-dialog-phone', PHONE);
    await page.setViewportSize(DESKTOP);
    await dialog.getByRole('button', { name: 'Sign out of work account' }).click();
    await linked.getByRole('button', { name: 'Sign in to work account' }).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
    await nav.getByRole('link', { name: 'Chats' }).click();
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    await eventually(
      'the organization conversations are gone',
      async () => (await title('Nordvik Operations').count()) === 0 && (await title('Jonas Berg').count()) === 0,
    );

    // The e-mail delay persists.
    await nav.getByRole('link', { name: 'Me' }).click();
    const delay = page.getByLabel('Delay');
    assert.equal(await delay.inputValue(), '15');
    await delay.selectOption({ label: '1 hour' });
    await page.getByRole('region', { name: 'E-mail notifications' }).getByRole('status').getByText('Saved.').waitFor();
    await page.reload();
    await page.getByLabel('Delay').waitFor();
    assert.equal(await page.getByLabel('Delay').inputValue(), '60');
    assert.equal(await page.getByLabel('E-mail me about missed messages').isChecked(), true);
    assert.equal((await api(page, '/api/me')).body.email_settings.delay_minutes, 60);

    // The personal export downloads.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export my data' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'samtal-export.json');
    assert.deepEqual(errors, []);
  });
});
