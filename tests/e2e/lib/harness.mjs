// The end-to-end harness: a real samtal-server (demo data, fresh directory,
// free port) serving the release build, and headless Chromium driven by
// playwright-core with a fresh profile. Every journey gets its own of both.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const SERVER_BIN = process.env.SAMTAL_SERVER_BIN ?? path.join(root, 'target/server/samtal-server');
export const DIST = process.env.SAMTAL_DIST ?? path.join(root, 'dist');
export const ARTIFACTS = process.env.SAMTAL_ARTIFACTS ?? path.join(root, 'tests/e2e/artifacts');
export const CHROMIUM = process.env.SAMTAL_CHROMIUM ?? '/usr/bin/chromium';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

// Chromium flags that keep it from reaching anything but our server.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on now. */
export async function freePort() {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}

/**
 * Starts `command` with `args` (and `env` added to this process's
 * environment), collecting what it prints: the returned object's `log`
 * grows as it runs, and `exited` is set once it has stopped.
 */
export function spawnLogged(command, args, env = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const spawned = { child, log: '', exited: null };
  child.stdout.on('data', (chunk) => (spawned.log += chunk));
  child.stderr.on('data', (chunk) => (spawned.log += chunk));
  child.on('exit', (code, signal) => (spawned.exited = { code, signal }));
  child.on('error', (error) => (spawned.exited = { error }));
  return spawned;
}

/** Signs up a new person through the form and waits for the empty chat list. */
export async function signUp(page, url, handle, displayName, password) {
  await page.goto(`${url}/signup`);
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('No conversations yet').waitFor();
}

/**
 * Starts `samtal-server demo` on a fresh data directory and waits until it
 * answers; on a free port, or on `port` (a server started again in its
 * place); `env` sets its environment (such as a limit turned off).
 */
export async function startServer({ port: wanted, env } = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'samtal-e2e-data-'));
  const port = wanted ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = ['demo', '--data', dataDir, '--serve', '--dist', DIST, '--bind', `127.0.0.1:${port}`];
  const spawned = spawnLogged(SERVER_BIN, args, env);
  const { child } = spawned;
  const log = () => spawned.log;

  // Stops the process and keeps the data (a journey may start it again).
  const halt = async () => {
    if (!spawned.exited) {
      child.kill('SIGTERM');
      const gone = once(child, 'exit');
      const timeout = sleep(5000).then(() => 'timeout');
      if ((await Promise.race([gone, timeout])) === 'timeout') child.kill('SIGKILL');
    }
  };
  // A server a journey started again on the same data, stopped with this one.
  let successor = null;
  const stop = async () => {
    await halt();
    if (successor) await successor.stop();
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (spawned.exited) {
      await stop();
      throw new Error(`samtal-server ${args.join(' ')} exited before it was ready (${JSON.stringify(spawned.exited)}):\n${log()}`);
    }
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`samtal-server did not answer on ${url} within a minute:\n${log()}`);
    }
    await sleep(100);
  }
  return {
    url,
    dataDir,
    log: () => log() + (successor ? `\n--- after the restart ---\n${successor.log()}` : ''),
    halt,
    replace: (next) => (successor = next),
    stop,
  };
}

/**
 * Headless Chromium with a fresh profile; collects page errors. `locale`
 * (like `sv-SE`) is the language the browser asks for; English by default.
 */
export async function launchBrowser({ locale = 'en-US' } = {}) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'samtal-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: DESKTOP,
    locale,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // "Who is signed in?" answers 401 before signing in: expected, not an error.
    const expected = /Failed to load resource: the server responded with a status of 401/;
    if (message.type() === 'error' && !expected.test(message.text())) errors.push(`console error: ${message.text()}`);
  });
  const close = async () => {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  return { context, page, errors, close };
}

/** Saves a screenshot of the page at `viewport` into the artifacts directory. */
export async function screenshot(page, name, viewport = DESKTOP) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.setViewportSize(viewport);
  // Let layout settle after the resize.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Runs `journey({ server, page, errors })` against a fresh server and browser,
 * and tears both down whatever happens. On failure a screenshot and the
 * server's log say what the page looked like. `options` go to `startServer`,
 * except `locale`, which goes to the browser.
 */
export async function withApp(t, journey, options = {}) {
  const server = await startServer(options);
  let browser;
  try {
    browser = await launchBrowser({ locale: options.locale });
    await journey({ server, page: browser.page, errors: browser.errors });
  } catch (error) {
    if (browser) {
      const name = `failure-${t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
      await screenshot(browser.page, name).catch(() => {});
      error.message += `\n(screenshot: ${name}.png; page errors: ${JSON.stringify(browser.errors)})`;
    }
    error.message += `\n--- samtal-server log ---\n${server.log()}`;
    throw error;
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
}

/** Polls `check` (an async function returning a truthy value) until it holds or `ms` pass; returns its value. */
export async function eventually(what, check, ms = 15_000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what} (last: ${JSON.stringify(last)})`);
    await sleep(150);
  }
}

/** Signs in through the form. */
export async function signIn(page, url, handle, password = 'demo-password') {
  await page.goto(url);
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Calls the API from `page` (signed in), as the app does. */
export async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') headers['X-Samtal-Request'] = '1';
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}
