// Headless Chromium for the e2e tests (run.mjs) and the benchmark (bench.mjs): Debian's
// chromium driven by playwright-core, with the same flags, and nothing fetched from anywhere
// but 127.0.0.1.
//
// Environment: CHROMIUM (default /usr/bin/chromium).

import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The flags of every launch. Playwright gives every launch a fresh temporary profile
 * (--user-data-dir). */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium (`chromium` is playwright-core's browser type); `extraArgs` are
 * appended to LAUNCH_ARGS. Throws an Error with a plain message when the binary is missing. */
export async function launchChromium(chromium, extraArgs = []) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: install it (scripts/setup.sh) or set CHROMIUM=/path/to/chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...LAUNCH_ARGS, ...extraArgs] });
}

/** Aborts every request of `context` to anywhere but 127.0.0.1; `onBlocked(url)` is told. */
export async function blockOutside(context, onBlocked = () => {}) {
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => {
    onBlocked(route.request().url());
    return route.abort();
  });
}
