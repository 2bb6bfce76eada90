/*
 * hello.test.js — the extension's first breath, in both browsers, through
 * real native messaging to the real keyfill-host.
 *
 * A user who has not registered the host opens the popup and is told the
 * exact command; they run `keyfill install-browser <browser>` (the real
 * tool), press "Try again" with the keyboard, and the popup shows the same
 * version, protocol and store state the host itself answers to hello.
 */
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {test} = require('node:test');
const {launchChromium, launchFirefox} = require('./browsers.js');
const {artifact, askHost, configPath, hostPath, installBrowser, makeHome} = require('./keyfill.js');

const BROWSERS = [
    {name: 'chromium', launch: launchChromium},
    {name: 'firefox', launch: launchFirefox},
];
const TEST_TIMEOUT_MS = 240000;
const STATE_TIMEOUT_MS = 30000;

async function popupState(page, state) {
    await page.waitForSelector(`#status[data-state="${state}"]`, {timeout: STATE_TIMEOUT_MS});
    return page.evaluate(() => ({
        code: document.getElementById('status').dataset.code ?? null,
        message: document.getElementById('problem-message').textContent,
        summary: document.getElementById('summary').textContent,
        fix: document.getElementById('fix').hidden ? null
            : document.getElementById('fix-command').value,
        version: document.getElementById('host-version').textContent,
        protocol: document.getElementById('host-protocol').textContent,
        /* What is rendered, not the attribute: CSS can override [hidden]. */
        keyring: document.getElementById('status').dataset.keyring ?? null,
        store: Object.fromEntries([...document.querySelectorAll('#store dt')].map(
            (term) => [term.textContent, term.nextElementSibling.textContent])),
        next: document.getElementById('store-next').hidden ? null
            : document.getElementById('store-next').textContent,
        detailsShown: document.getElementById('details').getClientRects().length > 0,
        problemShown: document.getElementById('problem').getClientRects().length > 0,
    }));
}

/* Presses "Try again" with the keyboard, as a user would, and waits for
 * @selector to match. */
async function retryUntil(page, selector) {
    await page.focus('#retry');
    await page.keyboard.press('Enter');
    await page.waitForSelector(selector, {timeout: STATE_TIMEOUT_MS});
}

for (const {name, launch} of BROWSERS) {
    test(`${name}: popup names the install command, then shows the host's hello`,
        {timeout: TEST_TIMEOUT_MS}, async () => {
            const expected = (await askHost({type: 'hello'}, name)).result;
            const {home, cleanup} = makeHome(name);
            let browser = null;
            try {
                browser = await launch(home);
                const page = await browser.openExtensionPage('popup/popup.html');

                const missing = await popupState(page, 'error');
                await page.screenshot({path: artifact(`${name}-popup-not-installed.png`)});
                assert.equal(missing.code, 'host_not_installed');
                assert.equal(missing.fix, 'keyfill install-browser');
                assert.equal(missing.detailsShown, false);
                assert.equal(missing.problemShown, true);

                /* Registered, but the program dies at once: the browser's
                 * wording differs, the popup's answer must not. */
                const manifestPath = installBrowser(home, name);
                const broken = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
                fs.writeFileSync(manifestPath, JSON.stringify({...broken, path: '/bin/false'}));
                await retryUntil(page, '#status[data-code="host_exited"]');
                const exited = await popupState(page, 'error');
                await page.screenshot({path: artifact(`${name}-popup-host-exited.png`)});
                assert.equal(exited.fix, 'keyfill doctor');

                /* Registered, answers, but is not a Keyfill host: it echoes
                 * each request back, a reply without "ok". */
                const echo = path.join(home, 'echo-host');
                fs.writeFileSync(echo, '#!/bin/sh\nexec cat\n', {mode: 0o755});
                fs.writeFileSync(manifestPath, JSON.stringify({...broken, path: echo}));
                await retryUntil(page, '#status[data-code="bad_reply"]');
                assert.equal((await popupState(page, 'error')).fix, 'keyfill doctor');

                /* Registered, but for another extension only (Firefox words
                 * this like a missing registration; the fix is the same). */
                const others = name === 'firefox'
                    ? {allowed_extensions: ['other@example.org']}
                    : {allowed_origins: ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/']};
                fs.writeFileSync(manifestPath, JSON.stringify({...broken, ...others}));
                const forbidden = name === 'firefox' ? 'host_not_installed' : 'host_forbidden';
                await retryUntil(page, `#status[data-code="${forbidden}"]`);
                assert.equal((await popupState(page, 'error')).fix, 'keyfill install-browser');

                /* Registered and running, but its config is broken: the
                 * host refuses every request without an id and keeps
                 * serving; the popup shows the host's own message, and once
                 * the file is fixed a new host starts. */
                assert.equal(installBrowser(home, name), manifestPath);
                fs.writeFileSync(configPath(home), '[host]\nmax-message-bytes=1\n');
                await retryUntil(page, '#status[data-code="bad_config"]');
                const badConfig = await popupState(page, 'error');
                await page.screenshot({path: artifact(`${name}-popup-bad-config.png`)});
                assert.match(badConfig.message, /max-message-bytes/);
                assert.equal(badConfig.summary, 'The Keyfill host reported a problem.');
                fs.rmSync(configPath(home));
                assert.ok(manifestPath.startsWith(home + path.sep), manifestPath);
                const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
                assert.equal(manifest.path, fs.realpathSync(hostPath));

                await retryUntil(page, '#status[data-state="ready"]');
                const ready = await popupState(page, 'ready');
                await page.screenshot({path: artifact(`${name}-popup-hello.png`)});
                assert.equal(ready.summary, 'Connected to the Keyfill host.');
                assert.equal(ready.version, expected.version);
                assert.equal(ready.protocol, String(expected.protocol));
                assert.equal(ready.detailsShown, true);
                /* The store as the host sees it (same XDG folders, same keyring). */
                assert.equal(ready.keyring, expected.store.keyring);
                assert.equal(ready.store.Personas, String(expected.store.personas));
                assert.equal(ready.store.Store, expected.store.path);
                if (expected.store.keyring === 'unlocked' && expected.store.personas === 0)
                    assert.match(ready.next, /keyfill persona add/);
                assert.equal(ready.problemShown, false);
            } finally {
                if (browser !== null)
                    await browser.close();
                cleanup();
            }
        });
}
