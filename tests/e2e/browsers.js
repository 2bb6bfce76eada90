/*
 * browsers.js — Debian's Chromium and Firefox ESR with the unpacked Keyfill
 * extension loaded, driven the way the end-to-end tests need them.
 *
 * launchChromium / launchFirefox each take a throwaway HOME (see keyfill.js)
 * and resolve with the same small shape:
 *   { name, openExtensionPage(relativePath) -> page, close() }
 * where page offers evaluate, click, waitForSelector and screenshot (the
 * Playwright and Puppeteer pages agree on these).
 *
 * Never downloads a browser: the executables are /usr/bin/chromium and
 * /usr/bin/firefox-esr (or $KEYFILL_CHROMIUM / $KEYFILL_FIREFOX).
 *
 * What makes each browser work (checked with Chromium 156 and Firefox ESR 153):
 * - Chromium: Playwright's persistent context with --load-extension and
 *   --disable-extensions-except still loads an unpacked extension in Debian's
 *   (unbranded) build under the new headless mode. The profile folder is
 *   HOME/.config/chromium, so the per-profile NativeMessagingHosts folder
 *   that `keyfill install-browser chromium` writes is the one this profile
 *   reads. The extension id comes from the manifest's "key".
 * - Firefox: WebDriver BiDi webExtension.install (puppeteer's
 *   browser.installExtension) installs the unpacked folder as a temporary
 *   add-on; signatures are not needed for temporary add-ons. Its internal
 *   UUID is fixed through the extensions.webextensions.uuids pref, so the
 *   popup is at moz-extension://<that uuid>/. BiDi refuses to navigate to a
 *   moz-extension: URL unless Firefox runs with --remote-allow-system-access,
 *   and Firefox does not report that navigation to puppeteer's page.goto
 *   (which then times out), so openExtensionPage sends the BiDi
 *   browsingContext.navigate command itself and waits for "complete".
 *   The host manifest is HOME/.mozilla/native-messaging-hosts/.
 */
'use strict';

const path = require('node:path');
const {chromium} = require('playwright-core');
const puppeteer = require('puppeteer-core');
const {CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID, configPath, extensionPath} =
    require('./keyfill.js');

const CHROMIUM = process.env.KEYFILL_CHROMIUM ?? '/usr/bin/chromium';
const FIREFOX = process.env.KEYFILL_FIREFOX ?? '/usr/bin/firefox-esr';
/* The size of a toolbar popup, so screenshots show what a user sees. */
const POPUP_VIEWPORT = {width: 420, height: 320};
/* Fixed so the tests know the moz-extension: origin in advance. */
const FIREFOX_EXTENSION_UUID = '5f1b6c0e-4c1a-4a57-9d2e-6b1f0a3c7e21';
/* The machine may be shared and slow: generous, but bounded. */
const LAUNCH_TIMEOUT_MS = 90000;

/* The browser's environment, inherited by the host it starts: the
 * throwaway HOME, and the host's config file inside it (absent until a test
 * writes it: see configPath in keyfill.js). */
function browserEnv(home, extraEnv = {}) {
    return {...process.env, HOME: home, KEYFILL_CONFIG: configPath(home), ...extraEnv};
}

/* @extraEnv: more environment for the browser and the host it starts
 * (e.g. KEYFILL_DB for a test's own store). */
async function launchChromium(home, extraEnv = {}) {
    const userDataDir = path.join(home, '.config', 'chromium');
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        timeout: LAUNCH_TIMEOUT_MS,
        viewport: POPUP_VIEWPORT,
        env: browserEnv(home, extraEnv),
        args: [
            /* Extensions.triggerAction: the toolbar button, pressed over CDP. */
            '--enable-unsafe-extension-debugging',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            /* Chromium's own passwords stay out of the test keyring. */
            '--password-store=basic',
            `--disable-extensions-except=${extensionPath}`,
            `--load-extension=${extensionPath}`,
        ],
    });
    const origin = `chrome-extension://${CHROMIUM_EXTENSION_ID}/`;
    /* The background service worker is the proof the extension loaded. */
    const worker = context.serviceWorkers().find((w) => w.url().startsWith(origin)) ??
        await context.waitForEvent('serviceworker', {
            predicate: (w) => w.url().startsWith(origin),
            timeout: LAUNCH_TIMEOUT_MS,
        });
    return {
        name: 'chromium',
        origin,
        backgroundUrl: worker.url(),
        async openExtensionPage(relativePath) {
            const page = await context.newPage();
            await page.goto(origin + relativePath);
            return page;
        },
        async openPage(url) {
            const page = await context.newPage();
            await page.goto(url);
            return page;
        },
        /* Presses the Keyfill toolbar button for @page's tab, as a click
         * does: Chromium grants activeTab and fires action.onClicked.
         * Resolves with the time of the press (ms since the epoch, as
         * performance.timeOrigin + performance.now() in a page), taken
         * just before the command leaves (tests/bench/click-to-filled.js). */
        async pressButton(page) {
            const session = await context.browser().newBrowserCDPSession();
            const {targetInfos} = await session.send('Target.getTargets', {filter: [{type: 'tab'}]});
            const url = page.url();
            const tab = targetInfos.find((t) => t.url === url);
            const pressedAt = performance.timeOrigin + performance.now();
            await session.send('Extensions.triggerAction',
                {id: CHROMIUM_EXTENSION_ID, targetId: tab.targetId});
            await session.detach();
            return pressedAt;
        },
        /* Resolves with the next extension window (the consent window). */
        async nextWindow(timeout) {
            const page = await context.waitForEvent('page', {timeout,
                predicate: (p) => p.url().startsWith(origin)});
            await page.waitForLoadState('load');
            /* The size fillflow.js opens the window with. */
            await page.setViewportSize({width: 480, height: 640});
            return page;
        },
        close: () => context.close(),
    };
}

async function launchFirefox(home, extraEnv = {}) {
    const browser = await puppeteer.launch({
        browser: 'firefox',
        protocol: 'webDriverBiDi',
        executablePath: FIREFOX,
        headless: true,
        timeout: LAUNCH_TIMEOUT_MS,
        defaultViewport: POPUP_VIEWPORT,
        env: browserEnv(home, extraEnv),
        args: ['--remote-allow-system-access'],
        extraPrefsFirefox: {
            /* permissions.request grants without a prompt (the consent
             * window still asks inside the user's click). */
            'extensions.webextOptionalPermissionPrompts': false,
            'extensions.webextensions.uuids':
                JSON.stringify({[FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID}),
        },
    });
    try {
        const installed = await browser.installExtension(extensionPath);
        if (installed !== FIREFOX_EXTENSION_ID)
            throw new Error(`Firefox installed the extension as ${installed}`);
    } catch (error) {
        await browser.close();
        throw error;
    }
    const origin = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;
    return {
        name: 'firefox',
        origin,
        async openExtensionPage(relativePath) {
            const page = await browser.newPage();
            const context = page.mainFrame().browsingContext;
            if (typeof context?.navigate !== 'function')
                throw new Error('puppeteer-core no longer exposes the BiDi browsing context; ' +
                    'update openExtensionPage in tests/e2e/browsers.js');
            await context.navigate(origin + relativePath, 'complete');
            return page;
        },
        /* Web pages open in the first window's tab: a second window would
         * take the extension's commands (they act on the most recent one). */
        async openPage(url) {
            const blank = (await browser.pages()).find((p) => p.url() === 'about:blank');
            const page = blank ?? await browser.newPage();
            await page.goto(url);
            await page.bringToFront();
            return page;
        },
        /* Presses the Keyfill shortcut (Alt+Shift+K) in the browser window:
         * the <key> Firefox made for the extension's "fill-form" command runs,
         * which grants activeTab and fires commands.onCommand, as the keys do.
         * (BiDi key input reaches the page, not the browser's shortcuts.) */
        async pressButton(page, command = 'fill-form') {
            const context = page.mainFrame().browsingContext;
            const session = context.userContext.browser.session;
            /* The browser window that holds @page's tab (a consent window
             * may be open too, with keys of its own). */
            const {result: own} = await session.send('browsingContext.getTree', {root: context.id});
            const {result: tree} = await session.send('browsingContext.getTree', {'moz:scope': 'chrome'});
            const window = tree.contexts.find((c) => c.clientWindow === own.contexts[0].clientWindow);
            const {result} = await session.send('script.evaluate', {
                expression: `(() => {
                    window.focus(); /* the command acts on the most recent window's tab */
                    const keys = document.getElementById('ext-keyset-id-keyfill_keyfill_org');
                    const key = [...keys.children].find((k) => k.id.endsWith(${JSON.stringify(command)}) ||
                        k.getAttribute('key') === ${JSON.stringify(command === 'fill-form' ? 'K' : 'U')});
                    key.doCommand();
                    return key.id;
                })()`,
                target: {context: window.context}, awaitPromise: false});
            if (result.type !== 'success')
                throw new Error(`the extension shortcut could not be pressed: ${JSON.stringify(result)}`);
        },
        /* Firefox does not report the extension page's navigation to
         * puppeteer (the target keeps saying about:blank): wait for a new
         * window, then for its document to be ours. */
        async nextWindow(timeout) {
            const known = new Set(browser.targets());
            const target = await browser.waitForTarget(
                (t) => t.type() === 'page' && !known.has(t), {timeout});
            const page = await target.page();
            const end = Date.now() + timeout;
            while (!(await page.evaluate(() => location.href).catch(() => '')).startsWith(origin)) {
                if (Date.now() > end)
                    throw new Error('the new window did not show an extension page');
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            await page.waitForSelector('main');
            return page;
        },
        close: () => browser.close(),
    };
}

module.exports = {launchChromium, launchFirefox};
