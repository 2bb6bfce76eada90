/*
 * fillsteps.js — the steps every fill flow test takes in the consent
 * window and the page, for both browsers (a Playwright or a Puppeteer
 * page: only evaluate, focus, keyboard and isClosed are used), and
 * inFreshBrowser, the throwaway HOME, store, shop and browser of one run.
 *
 * Waiting is polling with a deadline: Playwright and Puppeteer order
 * waitForFunction's arguments differently, and Firefox's consent window
 * does not always tell puppeteer that it closed.
 */
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const {installBrowser, makeHome, runCli} = require('./keyfill.js');
const {startDemo} = require('../demo/server.js');

const WAIT_MS = 30000;
/* How long a fill with no window has to show its values, or a refused
 * one to show that nothing came. */
const SETTLE_MS = 3000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/* Polls @check(arg) in @page until it is true. */
async function until(page, check, arg, what) {
    const end = Date.now() + WAIT_MS;
    while (!(await page.evaluate(check, arg).catch(() => false))) {
        if (Date.now() > end)
            throw new Error(`timed out waiting for ${what}`);
        await sleep(100);
    }
}

function waitForValue(page, selector) {
    return until(page, (s) => (document.querySelector(s)?.value ?? '') !== '', selector,
        `a value in ${selector}`);
}

/* Waits until the consent window has loaded; fails unless it shows the
 * question, naming the problem it shows instead. */
async function waitForQuestion(consent) {
    const deadline = Date.now() + WAIT_MS;
    let state = null;
    do {
        state = await consent.evaluate(() => ({
            state: document.getElementById('consent')?.dataset.state ?? '',
            code: document.getElementById('consent')?.dataset.code ?? '',
            text: document.body?.innerText.slice(0, 1200) ?? '',
        })).catch(() => null);
        if (state !== null && state.state !== '' && state.state !== 'loading')
            break;
        await sleep(100);
    } while (Date.now() < deadline);
    assert.equal(state?.state, 'question', `consent window: ${state?.code} ${state?.text}`);
}

/* What the consent window asks: the site, the groups with their masked
 * values, the groups already allowed, the persona chosen, the focus. */
function readQuestion(consent) {
    return consent.evaluate(() => ({
        site: document.getElementById('site').textContent,
        groups: [...document.querySelectorAll('#groups input')].map((b) => b.dataset.group),
        values: document.getElementById('groups').textContent,
        already: document.getElementById('already').hidden ? ''
            : document.getElementById('already').textContent,
        persona: document.getElementById('persona').value,
        focused: document.activeElement?.id ?? '',
    }));
}

/* Waits until the consent window closed itself after the answer. */
async function closed(consent) {
    const end = Date.now() + WAIT_MS;
    /* Firefox's pages may not learn that their window closed: a failing
     * evaluate says so too. */
    const gone = async () => consent.isClosed() ||
        await consent.evaluate(() => false).then(() => false, () => true);
    while (!(await gone())) {
        if (Date.now() > end)
            throw new Error('the consent window stayed open');
        await sleep(100);
    }
}

/* Answers by keyboard: focus the button with @id, press Enter; then waits
 * for the window to close. */
async function answer(consent, id) {
    await consent.focus(`#${id}`);
    await pressClosing(consent, 'Enter');
    await closed(consent);
}

/* Presses @key in the consent window, which may close itself before the
 * key is released: the answer is sent on the key's press, and the window
 * closes once the fill is done, sometimes between Playwright's keydown and
 * keyup. That is not an error; whether the window did close is checked by
 * closed(). */
async function pressClosing(consent, key) {
    await consent.keyboard.press(key).catch((error) => {
        if (!/closed|detached|no such (frame|window)/i.test(error.message))
            throw error;
    });
}

/* Every field of the page by name: value, whether it is a trap, what it
 * expects, and whether it has focus. */
function fieldValues(page) {
    return page.evaluate(() => {
        const out = {};
        for (const field of document.querySelectorAll('input, select, textarea')) {
            out[field.name || field.id] = {value: field.value, trap: field.dataset.kfTrap ?? null,
                expect: field.dataset.kfExpect ?? null, focused: document.activeElement === field};
        }
        return out;
    });
}

/*
 * inFreshBrowser(name, launch, setUp, body) — one browser run from scratch:
 * a throwaway HOME with its own store (KEYFILL_DB), the demo shop, then
 * @setUp(cli, {home, env}) (the real `keyfill` with that HOME and store:
 * add personas),
 * `keyfill install-browser @name`, @launch(home, env); resolves with
 * @body({browser, demo, env, cli, given}), given being what @setUp
 * returned. The browser, the shop and the HOME go away whatever happened.
 */
async function inFreshBrowser(name, launch, setUp, body) {
    const {home, cleanup} = makeHome(name);
    const env = {KEYFILL_DB: path.join(home, 'keyfill.db')};
    const cli = (args) => runCli(home, args, env);
    const demo = await startDemo();
    let browser = null;
    try {
        const given = setUp(cli, {home, env});
        installBrowser(home, name);
        browser = await launch(home, env);
        return await body({browser, demo, env, cli, given});
    } finally {
        if (browser !== null)
            await browser.close();
        await demo.close();
        cleanup();
    }
}

module.exports = {SETTLE_MS, WAIT_MS, answer, closed, fieldValues, inFreshBrowser, pressClosing,
    readQuestion, sleep, until, waitForQuestion, waitForValue};
