// The organization's identity provider: an admin sets up single sign-on in
// Admin → Sign-in, a newcomer signs in to the work account on the provider's
// own login page and finds the organization's chats; and a SCIM client that
// deactivates someone closes their open chat and wipes the organization's
// data from their browser.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, PHONE, api, launchBrowser, eventually, screenshot, signIn, signUp, withApp } from '../lib/harness.mjs';
import { startIdentityProvider, withoutProviderStyles } from '../lib/identity_provider.mjs';

const MAJA = {
  sub: 'maja.nyberg',
  email: 'maja.nyberg@nordvik.example',
  email_verified: true,
  name: 'Maja Nyberg',
};

/** The admin, in a browser of their own, on Admin → Sign-in. */
async function adminOnSignIn(server) {
  const admin = await launchBrowser();
  try {
    await signIn(admin.page, server.url, 'admin');
    await admin.page.getByRole('heading', { name: 'Chats' }).waitFor();
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.page.getByRole('heading', { name: 'Admin', exact: true }).waitFor();
    const tab = admin.page.getByRole('tablist', { name: 'Admin sections' }).getByRole('tab', { name: 'Sign-in' });
    await tab.click();
    await admin.page.getByRole('tabpanel').getByRole('heading', { name: 'Sign-in', exact: true }).waitFor();
  } catch (error) {
    await admin.close();
    throw error;
  }
  return admin;
}

test('an admin sets up single sign-on; a newcomer signs in at the provider and sees the org chats', async (t) => {
  const provider = await startIdentityProvider([MAJA]);
  try {
    await withApp(t, async ({ server, page, errors }) => {
      // The admin points Nordvik at the provider.
      const admin = await adminOnSignIn(server);
      try {
        const card = admin.page.getByRole('region', { name: 'Identity provider (OpenID Connect)' });
        const redirect = await card.getByLabel('Redirect URI').inputValue();
        assert.equal(redirect, `${server.url}/api/auth/oidc/callback`);
        await card.getByLabel('Issuer URL').fill(provider.issuer);
        await card.getByLabel('Client ID').fill('samtal');
        await card.getByLabel('Client secret').fill('a client secret');
        assert.equal(await card.getByLabel('Match people by').inputValue(), 'email');
        await card.getByRole('button', { name: 'Save' }).click();
        await card.getByRole('status').getByText('The identity provider is saved.').waitFor();
        await card.getByText(/^Set up; last changed/).waitFor();
        // The secret is kept, never shown again.
        assert.equal(await card.getByLabel('Client secret').inputValue(), '');
        await screenshot(admin.page, 'admin-sign-in-desktop', DESKTOP);
        await admin.page.emulateMedia({ colorScheme: 'dark' });
        await screenshot(admin.page, 'admin-sign-in-desktop-dark', DESKTOP);
        await screenshot(admin.page, 'admin-sign-in-phone-dark', PHONE);
        assert.deepEqual(admin.errors, []);
      } finally {
        await admin.close();
      }

      // Maja joins Samtal with a personal account.
      await withoutProviderStyles(page);
      await signUp(page, server.url, 'maja', 'Maja Nyberg', 'a good long password');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Me' }).click();
      const linked = page.getByRole('region', { name: 'Linked account' });
      await linked.getByLabel('Work e-mail').fill(MAJA.email);
      await linked.getByRole('button', { name: 'Sign in with single sign-on' }).click();

      // At the provider, someone the directory doesn't know is refused and nothing is linked.
      await page.getByRole('heading', { name: 'Authorize Client' }).waitFor();
      assert.ok(page.url().startsWith(`${provider.issuer}/`), page.url());
      await page.getByPlaceholder('sub').fill('ghost@nordvik.example');
      await page.getByRole('button', { name: 'Authorize', exact: true }).click();
      const refusal = linked.getByRole('alert').filter({ hasText: "Single sign-on didn't work." });
      await refusal.waitFor();
      assert.match(await refusal.innerText(), /directory/);
      assert.ok(!page.url().includes('work_account_error'), 'the address loses the outcome');
      assert.equal((await api(page, 'GET', '/api/me')).body.work_account ?? null, null);
      await screenshot(page, 'me-sso-refused-desktop', DESKTOP);

      // Signing in as herself links her entry.
      await linked.getByLabel('Work e-mail').fill(MAJA.email);
      await linked.getByRole('button', { name: 'Sign in with single sign-on' }).click();
      await page.getByRole('heading', { name: 'Authorize Client' }).waitFor();
      await page.getByPlaceholder('sub').fill(MAJA.sub);
      await page.getByRole('button', { name: 'Authorize', exact: true }).click();
      await linked.getByRole('status').getByText('Signed in to your work account.').waitFor();
      await linked.getByRole('button', { name: 'Sign out of work account' }).waitFor();
      const facts = await linked.innerText();
      for (const fact of ['Nordvik Energi', MAJA.email, 'Field Technician']) {
        assert.ok(facts.includes(fact), `${fact} in ${facts}`);
      }
      assert.equal(await linked.getByRole('alert').filter({ hasText: "Single sign-on didn't work." }).count(), 0);
      await screenshot(page, 'me-sso-linked-desktop', DESKTOP);

      // The chats that waited for her are there.
      await nav.getByRole('link', { name: 'Chats' }).click();
      const list = page.getByRole('list', { name: 'Conversations' });
      await list.locator('.chat-title', { hasText: 'Nordvik Operations' }).waitFor();
      await list.locator('.chat-title', { hasText: 'Jonas Berg' }).waitFor();
      assert.ok((await list.locator('li[data-scope="org"]').count()) >= 2);
      assert.deepEqual(errors, []);
    });
  } finally {
    await provider.stop();
  }
});

test('a SCIM deactivation closes the open org chat and wipes the organization from the browser', async (t) => {
  await withApp(t, async ({ server, page: erik, errors }) => {
    await signIn(erik, server.url, 'erik');
    await erik.getByRole('heading', { name: 'Chats' }).waitFor();
    const me = (await api(erik, 'GET', '/api/me')).body;
    const { org_id: org } = me.work_account;
    const orgDb = `samtal-${me.person.id}-org-${org}`;
    const { body: list } = await api(erik, 'GET', '/api/conversations');
    const orgChat = list.find((c) => c.kind === 'chat' && c.scope === 'org' && c.title === 'Sara Holm');
    await erik.goto(`${server.url}/chats/${orgChat.id}`);
    await erik.getByRole('heading', { name: 'Sara Holm' }).waitFor();
    const log = erik.getByRole('log', { name: 'Messages' });
    await log.getByText('Thanks! The outage window is the weekend of the 14th.').waitFor();
    await eventually('the organization container exists', () =>
      erik.evaluate(async (name) => (await indexedDB.databases()).some((d) => d.name === name), orgDb),
    );

    // The admin creates a token for the identity provider; it is shown once.
    const admin = await adminOnSignIn(server);
    let token;
    try {
      const card = admin.page.getByRole('region', { name: 'SCIM tokens' });
      assert.equal(await card.getByLabel('SCIM base URL').inputValue(), `${server.url}/scim/v2`);
      await card.getByLabel('Token name').fill('Entra provisioning');
      await card.getByRole('button', { name: 'Create token' }).click();
      const secret = card.locator('.token-secret code.secret');
      await secret.waitFor();
      token = await secret.innerText();
      await screenshot(admin.page, 'admin-scim-token-desktop', DESKTOP);
      await card.getByRole('button', { name: 'Done' }).click();
      assert.equal(await card.locator('.token-secret').count(), 0);
      await card.getByRole('list', { name: 'SCIM tokens' }).getByRole('button', { name: 'Revoke Entra provisioning' }).waitFor();
      assert.deepEqual(admin.errors, []);
    } finally {
      await admin.close();
    }

    // The provider provisions Erik (taking over his imported entry), then deactivates him.
    const scim = async (method, path, body) => {
      const response = await fetch(`${server.url}/scim/v2${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    const created = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'erik.lind@nordvik.example',
      externalId: 'entra-erik',
      active: true,
      name: { givenName: 'Erik', familyName: 'Lind' },
      emails: [{ primary: true, type: 'work', value: 'erik.lind@nordvik.example' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // Taking over the entry changes nothing for him.
    assert.equal((await api(erik, 'GET', '/api/me')).body.work_account?.org_id, org);
    await log.getByText('Thanks! The outage window is the weekend of the 14th.').waitFor();

    const deactivated = await scim('PATCH', `/Users/${created.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    assert.equal(deactivated.status, 200, JSON.stringify(deactivated.body));
    assert.equal(deactivated.body.active, false);

    // The open chat closes with a notice that says why.
    const notice = erik.getByRole('alert').filter({ hasText: 'You no longer have access to this conversation' });
    await notice.waitFor();
    await notice.getByText('Nordvik Energi removed you from its directory').waitFor();
    assert.equal(await erik.getByRole('log', { name: 'Messages' }).count(), 0, 'the messages are gone');
    await screenshot(erik, 'chat-scim-deactivated-desktop', DESKTOP);
    // The organization's container is deleted from the browser.
    await eventually(
      'the organization container is deleted',
      () => erik.evaluate(async (name) => !(await indexedDB.databases()).some((d) => d.name === name), orgDb),
    );
    assert.equal((await api(erik, 'GET', '/api/me')).body.work_account ?? null, null);
    await erik.goto(`${server.url}/chats`);
    await erik.getByRole('heading', { name: 'Chats' }).waitFor();
    await erik.locator('.chat-title', { hasText: 'Friday climbing' }).waitFor();
    assert.equal(await erik.locator(`.chat-row[data-id="${orgChat.id}"]`).count(), 0);
    assert.deepEqual(errors, []);
  });
});
