/*
 * pages.js — serves a folder of saved pages on 127.0.0.1 and opens each one
 * in headless Debian Chromium (playwright-core), a few at a time.
 *
 * Owns: the static HTTP server, the browser launch flags, blocking every
 * request that does not go to 127.0.0.1 (saved pages must not wait on the
 * network), and the page loop shared by tests/corpus/scan and
 * tests/corpus/chromium-baseline. Must never: download a browser, reach any
 * other host, or write anywhere but stdout/stderr.
 */
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const CHROMIUM = process.env.KEYFILL_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const LIMITS = Object.freeze({
  CONCURRENT_PAGES: 2,     // the machine has 2 cores
  LOAD_MS: 20000,          // navigation (load event) timeout per page
  SETTLE_MS: 300,          // after load, for scripts that build the form
});

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.svg': 'image/svg+xml', '.woff2': 'font/woff2',
};

/* Serves the files under @dir (no listing, no path escape) on a random port
 * of 127.0.0.1. Resolves to {server, origin}. */
function serve(dir) {
  const base = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.resolve(base, '.' + pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

function playwright() {
  try {
    return require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed: run `npm ci` (or `npm install`) in tests/');
  }
}

async function launch(extraArgs) {
  return playwright().chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS.concat(extraArgs || []),
  });
}

/* The .html files of @dir, sorted by name. */
function listPages(dir) {
  return fs.readdirSync(dir).filter((f) => /\.html?$/i.test(f)).sort();
}

/* Reads DIR/controls.json when present: {NAME: count}. */
function readControls(dir) {
  const file = path.join(dir, 'controls.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

/*
 * Opens every page of @dir in @browser, LIMITS.CONCURRENT_PAGES at a time,
 * and calls `await visit(page, name)` once it has loaded. Results are returned
 * in file-name order as [{name, value}] or [{name, error}].
 */
async function eachPage(browser, dir, visit, options) {
  const { server, origin } = await serve(dir);
  const names = listPages(dir);
  const results = new Array(names.length);
  const settle = options && options.settleMs !== undefined ? options.settleMs : LIMITS.SETTLE_MS;
  let next = 0;
  async function worker() {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/*', (route) => {
      let host = '';
      try {
        host = new URL(route.request().url()).hostname;
      } catch { /* unparsable: blocked below */ }
      return host === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
    });
    // One tab per worker, navigated from page to page: opening a tab costs
    // more than loading most saved pages. A tab that breaks is replaced.
    let page = null;
    try {
      while (next < names.length) {
        const i = next++;
        const name = names[i];
        if (page === null || page.isClosed()) {
          page = await context.newPage();
          page.on('dialog', (d) => (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {}));
        }
        try {
          try {
            await page.goto(`${origin}/${encodeURIComponent(name)}`,
              { waitUntil: 'load', timeout: LIMITS.LOAD_MS });
          } catch (e) {
            // A page whose load event never comes is still read as it stands.
            process.stderr.write(`warning: ${name}: ${e.message.split('\n')[0]}\n`);
          }
          if (settle > 0) {
            await page.waitForTimeout(settle);
          }
          results[i] = { name, value: await visit(page, name) };
        } catch (e) {
          results[i] = { name, error: e };
          await page.close().catch(() => {});
          page = null;
        }
      }
    } finally {
      await context.close().catch(() => {});
    }
  }
  try {
    const workers = [];
    for (let w = 0; w < Math.min(LIMITS.CONCURRENT_PAGES, names.length); w++) {
      workers.push(worker());
    }
    await Promise.all(workers);
  } finally {
    server.close();
  }
  return results;
}

module.exports = { LIMITS, CHROMIUM_ARGS, serve, launch, listPages, readControls, eachPage };
