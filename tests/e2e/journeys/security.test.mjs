// Security journeys: the app runs under its Content-Security-Policy without
// a single violation, and a person ends a session from Me, which signs that
// browser out at once, then changes their password.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, launchBrowser, screenshot, signIn, withApp } from '../lib/harness.mjs';

test('the app runs under its Content-Security-Policy with no violation', async (t) => {
  await withApp(t, async ({ server, page, errors }) => {
    const violations = [];
    await page.exposeFunction('reportViolation', (text) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const shell = await fetch(`${server.url}/`);
    const csp = shell.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);

    await signIn(page, server.url, 'erik');
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    await page.getByRole('list', { name: 'Conversations' }).getByRole('link').first().click();
    await page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Me' }).click();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  });
});

test('ending a session from Me signs that browser out at once; a new password ends the rest', async (t) => {
  await withApp(t, async ({ server, page: laptop, errors }) => {
    const phone = await launchBrowser();
    try {
      await signIn(phone.page, server.url, 'erik');
      await phone.page.getByRole('heading', { name: 'Chats' }).waitFor();
      await signIn(laptop, server.url, 'erik');
      await laptop.getByRole('heading', { name: 'Chats' }).waitFor();

      await laptop.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Me' }).click();
      const sessions = laptop.getByRole('list', { name: 'Sessions' });
      await sessions.getByText('This browser').waitFor();
      const end = sessions.getByRole('button', { name: /^End session: Chrome on Linux/ });
      await end.first().waitFor();
      await laptop.setViewportSize(DESKTOP);
      await sessions.evaluate((list) => list.closest('section').scrollIntoView({ block: 'start' }));
      await screenshot(laptop, 'me-sessions-desktop', DESKTOP);
      await end.first().click();
      await laptop.getByRole('status').getByText('Session ended.').waitFor();
      // The phone is signed out without reloading: its socket closed.
      await phone.page.getByRole('heading', { name: 'Sign in' }).waitFor();

      // Sign the phone in again, then change the password on the laptop.
      await signIn(phone.page, server.url, 'erik');
      await phone.page.getByRole('heading', { name: 'Chats' }).waitFor();
      await laptop.getByLabel('Current password').fill('demo-password');
      await laptop.getByLabel('New password', { exact: true }).fill('a brand new password');
      await laptop.getByLabel('New password again').fill('a brand new password');
      await laptop.getByRole('button', { name: 'Change password' }).click();
      await laptop.getByRole('status').getByText(/^Password changed\./).waitFor();
      await phone.page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await laptop.getByRole('button', { name: 'End all other sessions' }).and(laptop.locator(':disabled')).waitFor();

      // The old password no longer works; the new one does.
      await signIn(phone.page, server.url, 'erik');
      await phone.page.getByRole('alert').getByText(/wrong/i).waitFor();
      await signIn(phone.page, server.url, 'erik', 'a brand new password');
      await phone.page.getByRole('heading', { name: 'Chats' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await phone.close();
    }
  });
});
