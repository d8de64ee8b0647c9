// What the chat journeys share: signing in to the chat list, finding a
// conversation by what the API says of it, and opening it.

import assert from 'node:assert/strict';
import { api, signIn } from './harness.mjs';

/** Signs `handle` in and waits for the chat list. */
export async function signedIn(page, url, handle) {
  await signIn(page, url, handle);
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
}

/** The id of the conversation of `page`'s person that `match` picks. */
export async function conversationId(page, match) {
  const { status, body } = await api(page, 'GET', '/api/conversations');
  assert.equal(status, 200);
  const found = body.find(match);
  assert.ok(found, `no such conversation among ${body.map((c) => c.title).join(', ')}`);
  return found.id;
}

/** Opens the chat `id` and waits until its messages show. */
export async function openChat(page, url, id, title) {
  await page.goto(`${url}/chats/${id}`);
  await page.getByRole('heading', { name: title }).waitFor();
  const log = page.getByRole('log', { name: 'Messages' });
  await log.waitFor();
  return log;
}
