/*
 * fillsteps.js — steps of the one-click fill that several browser tests
 * take: the demo persona added with the real `keyfill` CLI, waiting for the
 * consent window's question or for it to close, polling a page, and reading
 * every field of a page. Used by fill.test.js and pages.test.js.
 *
 * Works with both page kinds browsers.js hands out (Playwright for
 * Chromium, Puppeteer for Firefox): only evaluate() is used.
 */
'use strict';

const assert = require('node:assert/strict');
const {runCli} = require('./keyfill.js');

const WAIT_MS = 30000;

/* The demo persona, added with the real CLI into the store @env names
 * (KEYFILL_DB). */
function addPersona(home, env) {
    const cli = (args) => runCli(home, args, env);
    cli(['persona', 'add', '--label', 'Home', '--given', 'Ada', '--family', 'Lovelace',
        '--birthday', '1815-12-10', '--default']);
    cli(['email', 'add', '--label', 'personal', '--address', 'ada@example.org']);
    cli(['phone', 'add', '--label', 'mobile', '--number', '+447700900123']);
    cli(['address', 'add', '--label', 'shipping', '--line', '12 Example Street', '--line', 'Flat 2',
        '--city', 'London', '--postal-code', 'SW1A 1AA', '--country', 'GB']);
    cli(['card', 'add', '--nickname', 'Everyday', '--number', '4242424242424242', '--exp', '12/30',
        '--holder', 'Ada Lovelace']);
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
        await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    assert.equal(state?.state, 'question', `consent window: ${state?.code} ${state?.text}`);
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
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/* Every field of the page (and its frames) by name: value, whether it is a
 * trap, and which one has focus. */
async function fieldValues(page) {
    return page.evaluate(() => {
        const out = {};
        for (const field of document.querySelectorAll('input, select, textarea')) {
            out[field.name || field.id] = {value: field.value, trap: field.dataset.kfTrap ?? null,
                expect: field.dataset.kfExpect ?? null, focused: document.activeElement === field};
        }
        return out;
    });
}

/* Polls @check(arg) in @page until it is true (Playwright and Puppeteer
 * order waitForFunction's arguments differently). */
async function until(page, check, arg, what) {
    const end = Date.now() + WAIT_MS;
    while (!(await page.evaluate(check, arg).catch(() => false))) {
        if (Date.now() > end)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

function waitForValue(page, selector) {
    return until(page, (s) => (document.querySelector(s)?.value ?? '') !== '', selector,
        `a value in ${selector}`);
}

module.exports = {WAIT_MS, addPersona, closed, fieldValues, until, waitForQuestion, waitForValue};
