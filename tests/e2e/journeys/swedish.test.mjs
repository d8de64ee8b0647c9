// Samtal in Swedish: a browser that asks for Swedish gets every screen in
// Swedish from the first one, and the language chosen in Me holds across a
// reload and is kept with the account.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, api, eventually, screenshot, withApp } from '../lib/harness.mjs';

/** The language `<html lang>` says the page is in. */
function documentLang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

test('A Swedish browser gets Samtal in Swedish, and the choice of English in Me holds across a reload', async (t) => {
  await withApp(
    t,
    async ({ server, page, errors }) => {
      await page.setViewportSize(DESKTOP);
      // The sign-in screen, before anyone is known: the browser's language.
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      assert.equal(await documentLang(page), 'sv');
      await page.getByLabel('Användarnamn').fill('erik');
      await page.getByLabel('Lösenord').fill('demo-password');
      await page.getByRole('button', { name: 'Logga in' }).click();

      // Chats: the list and a converted group, in Swedish.
      const list = page.getByRole('list', { name: 'Konversationer' });
      await list.waitFor();
      await page.getByText('Ingen konversation öppen').waitFor();
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      for (const name of ['Chattar', 'Kontakter', 'Jag']) await nav.getByRole('link', { name }).waitFor();
      const { body: all } = await api(page, 'GET', '/api/conversations');
      const aurora = all.find((c) => c.kind === 'group' && c.title === 'Project Aurora');
      assert.ok(aurora, `demo conversations: ${all.map((c) => c.title).join(', ')}`);
      await page.locator(`.chat-row[data-id="${aurora.id}"]`).getByRole('link').click();
      const messages = page.getByRole('log', { name: 'Meddelanden' });
      await messages.getByText('– Blev en organisationsgrupp: Nordvik Energi –').waitFor();
      await page.getByRole('textbox', { name: /^Meddelande/ }).waitFor();

      // The group profile beside the chat.
      await page.getByRole('link', { name: 'Gruppens profil' }).click();
      await page.getByRole('heading', { name: /^Medlemmar \(\d+\)$/ }).waitFor();
      await page.getByRole('heading', { name: 'Ägarskap' }).waitFor();
      await page.locator('.ownership').getByText('Ägs av Nordvik Energi.', { exact: true }).waitFor();
      await screenshot(page, 'chat-swedish-desktop', DESKTOP);

      // Me: the language follows the browser until chosen.
      await nav.getByRole('link', { name: 'Jag' }).click();
      const choice = page.getByRole('combobox', { name: 'Språk' });
      await choice.waitFor();
      assert.equal(await choice.inputValue(), '', 'nothing chosen yet: the browser’s language');
      await choice.selectOption('en');

      // The screen is English at once, and the account keeps the choice.
      await page.getByRole('combobox', { name: 'Language' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Me' }).waitFor();
      assert.equal(await documentLang(page), 'en');
      await eventually('the account keeps English', async () => {
        const { body: me } = await api(page, 'GET', '/api/me');
        return me.language === 'en';
      });

      // A reload keeps English, though the browser still asks for Swedish.
      await page.reload();
      const english = page.getByRole('combobox', { name: 'Language' });
      await english.waitFor();
      assert.equal(await english.inputValue(), 'en');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chats' }).click();
      await page.getByRole('list', { name: 'Conversations' }).waitFor();
      assert.equal(await documentLang(page), 'en');
      assert.deepEqual(errors, []);
    },
    { locale: 'sv-SE' },
  );
});
