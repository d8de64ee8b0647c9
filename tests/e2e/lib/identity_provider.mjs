// A real OpenID Connect provider for the journeys: PyPI's oidc-provider-mock,
// which `cargo xtask setup` installs into target/tools/identity. It signs ID
// tokens with its own key, shows a login page that asks for the subject, and
// accepts any client id and redirect URI.

import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnLogged } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const OIDC_PROVIDER =
  process.env.SAMTAL_OIDC_PROVIDER ?? path.join(root, 'target/tools/identity/bin/oidc-provider-mock');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the provider with `users` (each an object of claims with a `sub`)
 * and waits until its discovery document answers. Returns its issuer URL and
 * `stop`.
 */
export async function startIdentityProvider(users) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--require-nonce', 'true'];
  for (const user of users) args.push('--user-claims', JSON.stringify(user));
  const provider = spawnLogged(OIDC_PROVIDER, args);
  const stop = async () => {
    if (!provider.exited) {
      provider.child.kill('SIGTERM');
      await once(provider.child, 'exit');
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (provider.exited) throw new Error(`${OIDC_PROVIDER} exited (${JSON.stringify(provider.exited)}):\n${provider.log}`);
    try {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the identity provider did not answer on ${issuer} within 30 s:\n${provider.log}`);
    }
    await sleep(100);
  }
  return { issuer, log: () => provider.log, stop };
}

/**
 * The provider's login page links a stylesheet on a CDN, which the journeys'
 * browser can't reach: answer it with an empty one so the page loads cleanly.
 */
export async function withoutProviderStyles(page) {
  await page.route('https://cdn.jsdelivr.net/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
  );
}
