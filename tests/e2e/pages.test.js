/*
 * pages.test.js — the extension's pages (audit log, consents, personal
 * data) in both browsers, with the real host, a real keyring and a real
 * fill on the demo shop.
 *
 * Per browser: before the host is registered, the personal data page names
 * `keyfill install-browser`; after it and "Try again", with the keyring
 * locked, it says to unlock it; unlocked and "Try again", an empty store
 * says there is no data yet. Then real fills on the demo checkout (Deny, then
 * Always allow) → the audit page lists the host's entries newest first, the
 * release first with the site and the data groups, shows the chain
 * verified, filters by kind, site and day, shows an entry's details, and
 * exports a file whose rows are the host's →
 * the consents page lists the site with its groups, Always allow and the
 * persona; revoking one removes only it; revoking the site's consents makes
 * the next fill ask again; "Revoke everything" asks first → the personal
 * data page lists the card masked (no full number anywhere in the page),
 * refuses a new persona's invalid phone with the host's message next to
 * the phone field, saves it once fixed, and adds a card shown masked; edits
 * the persona and the card (the stored number kept), makes it the default,
 * removes an item and the persona → past 50 entries, "Load more" brings
 * the rest of the log → an
 * audit entry changed behind the host's back: the audit page says the log
 * is broken at that entry, and what to do.
 * Screenshots of each page go to tests/e2e/artifacts/.
 */
'use strict';

const assert = require('node:assert/strict');
const {execFileSync} = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const {test} = require('node:test');
const {launchChromium, launchFirefox} = require('./browsers.js');
const {addDemoPersona, artifact, askHost, askHostAll, hostPath, installBrowser, lockKeyring, makeHome,
    unlockKeyring} = require('./keyfill.js');
const {WAIT_MS, closed, until, waitForQuestion, waitForValue} = require('./fillsteps.js');
const {startDemo} = require('../demo/server.js');

const BROWSERS = [
    {name: 'chromium', launch: launchChromium},
    {name: 'firefox', launch: launchFirefox},
];
const TEST_TIMEOUT_MS = 300000;
/* A tab's size: what a user sees of a page. */
const PAGE_VIEWPORT = {width: 1100, height: 820};
const CARD_NUMBER = '4242424242424242';
const NEW_CARD_NUMBER = '5555555555554444';
/* Presses of the button for one fill (see fill()). */
const PRESSES = 2;

/* The day @offset days from today as a date input holds it (YYYY-MM-DD,
 * local time: the browsers run in this process's time zone). */
function localDay(offset) {
    const date = new Date();
    date.setDate(date.getDate() + offset);
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-` +
        String(date.getDate()).padStart(2, '0');
}

/* The audit page's filters set to @values (element id -> value, the
 * others cleared) and applied. */
async function filter(page, values) {
    await page.click('#clear');
    await page.evaluate((wanted) => {
        for (const [id, value] of Object.entries(wanted))
            document.getElementById(id).value = value;
    }, values);
    await page.click('#filters button[type="submit"]');
}

/* Ends the keyfill-host processes started for the store @db (found by
 * their KEYFILL_DB; never any other process). */
function stopHosts(db) {
    for (const pid of fs.readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name))) {
        try {
            if (fs.readlinkSync(`/proc/${pid}/exe`) !== fs.realpathSync(hostPath))
                continue;
            const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
            if (environ.includes(`KEYFILL_DB=${db}`))
                process.kill(Number(pid), 'SIGTERM');
        } catch {
            /* gone already, or not ours to read */
        }
    }
}

/* Playwright and Puppeteer name the viewport call differently. */
function resize(page, size) {
    return typeof page.setViewportSize === 'function' ? page.setViewportSize(size) : page.setViewport(size);
}

async function openPage(browser, relativePath) {
    const page = await browser.openExtensionPage(relativePath);
    await resize(page, PAGE_VIEWPORT);
    return page;
}

function ready(page) {
    return until(page, () => document.body.dataset.state === 'ready' ||
        !document.getElementById('problem').hidden, null, 'the page to load');
}

/* What the page shows, as text, including form values (a card number
 * typed and saved must not linger in an input either). */
function everything(page) {
    return page.evaluate(() => document.documentElement.outerHTML + document.body.innerText +
        [...document.querySelectorAll('input, textarea')].map((i) => i.value).join(' '));
}

/* Types @text into the field at @selector as a user does (emptied first). */
async function typeInto(page, selector, text) {
    await page.evaluate((s) => {
        document.querySelector(s).value = '';
    }, selector);
    await page.focus(selector);
    await page.keyboard.type(text);
}

/* The consent window's question for a fill of @page, answered with the
 * button @answer ('#always-allow', '#allow-once' or '#deny') by keyboard. */
async function fill(browser, page, answer) {
    let consent;
    for (let press = 1; ; press++) {
        await page.bringToFront();
        const window = browser.nextWindow(WAIT_MS);
        await browser.pressButton(page);
        consent = await window;
        try {
            await waitForQuestion(consent);
            break;
        } catch (error) {
            /* Headless Chromium now and then loses activeTab between the
             * emulated press and the scan (see ATTEMPTS in fill.test.js):
             * the window says no_access. Close it and press again, once,
             * as a person would; anything else fails. */
            if (press >= PRESSES || !/no_access/.test(error.message))
                throw error;
            await consent.close();
        }
    }
    await consent.focus(answer);
    /* The background closes the window as soon as the answer is in,
     * which may be before the key is released. */
    await consent.keyboard.press('Enter').catch((error) => {
        if (!/closed/i.test(error.message))
            throw error;
    });
    await closed(consent);
}

/* The export, saved as a file: Chromium's download event; Firefox saves
 * to HOME/Downloads (browsers.js sets the pref). */
async function exportedText(browser, page, home) {
    if (browser.name === 'chromium') {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
        assert.match(download.suggestedFilename(), /^keyfill-audit-\d{4}-\d{2}-\d{2}\.csv$/);
        return fs.readFileSync(await download.path(), 'utf8');
    }
    const folder = path.join(home, 'Downloads');
    await page.click('#export');
    const end = Date.now() + WAIT_MS;
    for (;;) {
        const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.csv')) : [];
        if (files.length > 0) {
            assert.match(files[0], /^keyfill-audit-\d{4}-\d{2}-\d{2}\.csv$/);
            const text = fs.readFileSync(path.join(folder, files[0]), 'utf8');
            if (text.length > 0)
                return text;
        }
        if (Date.now() > end)
            throw new Error('the export was not saved');
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

async function auditPage(browser, home, site, env) {
    const page = await openPage(browser, 'audit/audit.html');
    await ready(page);
    await page.waitForSelector('#verify[data-state="intact"]', {timeout: WAIT_MS});
    const shown = await page.evaluate(() => ({
        verify: document.getElementById('verify').innerText,
        rows: [...document.querySelectorAll('#entries tbody tr')].map((tr) => ({
            seq: Number(tr.dataset.seq), kind: tr.dataset.kind,
            site: tr.querySelector('.site').textContent, data: tr.querySelector('.groups').textContent,
        })),
    }));
    assert.match(shown.verify, /Verified/);
    const host = (await askHost({type: 'audit.list'}, browser.name, env)).result.entries;
    assert.deepEqual(shown.rows.map((r) => r.seq), host.map((e) => e.seq), 'the host\'s entries, newest first');
    assert.match(shown.verify, new RegExp(`All ${host.length} entries`));
    const [release] = shown.rows;
    assert.equal(release.kind, 'release', 'the fill is the newest entry');
    assert.equal(release.site, site);
    for (const group of ['Name', 'Email address', 'Phone number', 'Shipping address', 'Card Everyday •••• 4242'])
        assert.ok(release.data.includes(group), `${group} in "${release.data}"`);
    assert.deepEqual([...new Set(shown.rows.slice(1).map((r) => r.kind))].sort(), ['consent_grant', 'denial'],
        'the refusal and the grant are listed');

    /* The details of the release. */
    await page.click('#entries tbody tr[data-kind="release"] button');
    const detail = await page.evaluate(() => document.getElementById('detail').innerText);
    assert.match(detail, /given-name|name/);
    assert.ok(detail.includes(site));
    assert.match(detail, /Home/, 'the persona by its label');
    assert.doesNotMatch(await everything(page), /Lovelace|ada@example|4242424242424242/);
    await page.screenshot({path: artifact(`${browser.name}-audit-page.png`), fullPage: true});

    /* Filter by kind, by site, and by day (the user's local days). */
    const onlyReleases = () => until(page, () => {
        const rows = [...document.querySelectorAll('#entries tbody tr')];
        return rows.length > 0 && rows.every((tr) => tr.dataset.kind === 'release');
    }, null, 'only releases');
    const nothing = () => page.waitForSelector('#empty:not([hidden])', {timeout: WAIT_MS});
    await filter(page, {'filter-kind': 'consent_grant'});
    await until(page, () => [...document.querySelectorAll('#entries tbody tr')].every(
        (tr) => tr.dataset.kind === 'consent_grant'), null, 'the kind filter');
    await filter(page, {'filter-kind': 'release', 'filter-site': 'https://elsewhere.example'});
    await nothing();
    await filter(page, {'filter-since': localDay(0)});
    await until(page, (count) => document.querySelectorAll('#entries tbody tr').length === count &&
        document.getElementById('count').textContent.includes('(filtered)'), host.length,
    'every entry of today');
    await filter(page, {'filter-until': localDay(-1)});
    await nothing();

    /* Export of the releases of the site: the host's rows. */
    await filter(page, {'filter-kind': 'release', 'filter-site': site});
    await onlyReleases();
    const csv = await exportedText(browser, page, home);
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'seq,time,kind,site,frames,persona,groups,fields,decision,note,count');
    assert.ok(lines.length >= 2);
    for (const line of lines.slice(1))
        assert.match(line, new RegExp(`^\\d+,[^,]+,release,${site.replace(/[.]/g, '\\.')},`));
    await page.close();
}

async function consentsPage(browser, site, env, checkout) {
    let page = await openPage(browser, 'consents/consents.html');
    await ready(page);
    const section = `section.site[data-site="${site}"]`;
    await page.waitForSelector(section, {timeout: WAIT_MS});
    const rows = await page.evaluate((s) => [...document.querySelectorAll(`${s} tbody tr`)].map((tr) => ({
        group: tr.dataset.group, decision: tr.dataset.decision,
        persona: tr.querySelector('.persona').textContent, text: tr.innerText,
    })), section);
    for (const group of ['name', 'email', 'phone', 'shipping_address'])
        assert.ok(rows.some((r) => r.group === group), `${group} listed`);
    assert.ok(rows.every((r) => r.decision === 'always_allow' && r.persona === 'Home'),
        JSON.stringify(rows));
    await page.screenshot({path: artifact(`${browser.name}-consents-page.png`), fullPage: true});

    /* Revoke one: only that one goes, here and in the host. */
    await page.click(`${section} tr[data-group="email"] button.revoke`);
    await until(page, (s) => document.querySelector(`${s} tr[data-group="email"]`) === null &&
        document.querySelector(`${s} tr[data-group="name"]`) !== null, section, 'the revoked row to go');
    const stored = (await askHost({type: 'consent.list', site}, browser.name, env)).result.consents;
    assert.deepEqual(stored.filter((c) => c.group === 'email'), []);
    assert.equal(stored.length, rows.length - 1);

    /* Revoke all for the site: the next fill asks again. */
    await page.click(`${section} button.revoke-site`);
    await page.waitForSelector('#empty:not([hidden])', {timeout: WAIT_MS});
    assert.deepEqual((await askHost({type: 'consent.list', site}, browser.name, env)).result.consents, []);
    await page.close();
    await checkout.reload();
    await fill(browser, checkout, '#always-allow');
    await waitForValue(checkout, '[name="full_name"]');

    /* Revoke everything: asks first; Cancel keeps, confirming revokes. */
    page = await openPage(browser, 'consents/consents.html');
    await ready(page);
    await page.waitForSelector(section, {timeout: WAIT_MS});
    await page.click('#revoke-everything');
    await page.waitForSelector('dialog.confirm[open]', {timeout: WAIT_MS});
    await page.click('dialog.confirm button:not(.danger)');
    await until(page, () => document.querySelector('dialog.confirm') === null, null, 'the dialog to close');
    assert.ok((await askHost({type: 'consent.list'}, browser.name, env)).result.consents.length > 0);
    await page.click('#revoke-everything');
    await page.waitForSelector('dialog.confirm[open]', {timeout: WAIT_MS});
    await page.click('dialog.confirm button.danger');
    await page.waitForSelector('#empty:not([hidden])', {timeout: WAIT_MS});
    assert.deepEqual((await askHost({type: 'consent.list'}, browser.name, env)).result.consents, []);
    await page.close();
}

async function dataPage(browser, env) {
    const page = await openPage(browser, 'data/data.html');
    await ready(page);
    const listed = await page.evaluate(() => document.querySelector('.kind[data-kind="card"] .items').innerText);
    assert.match(listed, /Everyday/);
    assert.match(listed, /•••• 4242/);
    assert.ok(!(await everything(page)).includes(CARD_NUMBER), 'no full card number in the page');
    /* The background serves pages only their commands: no reveal, no fill. */
    const refused = await page.evaluate(() => Promise.all([
        {type: 'persona.get', persona: '0000000000000000', reveal: true},
        {type: 'fill.plan', origin: 'https://shop.example', fields: []},
        {type: 'consent.answer', request_id: '0', origin: 'https://shop.example', choices: []},
    ].map((request) => KeyfillPage.ask({kind: 'page.host', request}).then((r) => r.error?.code ?? 'served'))));
    assert.deepEqual(refused, ['not_for_pages', 'not_for_pages', 'not_for_pages']);

    /* A new persona with a phone the vault refuses: the host's message
     * next to the phone field. */
    await page.click('#add-persona');
    await page.waitForSelector('#editor[open]', {timeout: WAIT_MS});
    await typeInto(page, '[data-path="label"]', 'Work');
    await typeInto(page, '[data-path="name.given"]', 'Grace');
    await typeInto(page, '[data-path="name.family"]', 'Hopper');
    await typeInto(page, '[data-path="emails[0].address"]', 'grace@example.org');
    await typeInto(page, '[data-path="phones[0].number"]', '555 0143');
    await page.click('#editor-save');
    await page.waitForSelector('.field[data-error="invalid_phone"]', {timeout: WAIT_MS});
    const phoneError = await page.evaluate(() => {
        const phone = document.querySelector('[data-path="phones[0].number"]');
        const row = phone.closest('.field');
        const shown = [...document.querySelectorAll('.field-error')].filter((e) => !e.hidden);
        return {invalid: phone.getAttribute('aria-invalid'), message: row.querySelector('.field-error').textContent,
            errors: shown.length, general: document.getElementById('editor-error').hidden,
            describedBy: phone.getAttribute('aria-describedby').includes(row.querySelector('.field-error').id)};
    });
    assert.equal(phoneError.invalid, 'true');
    assert.match(phoneError.message, /phone number/i);
    assert.equal(phoneError.errors, 1, 'one message, at the phone field');
    assert.equal(phoneError.general, true, 'nothing at the top of the form');
    assert.equal(phoneError.describedBy, true);
    await page.screenshot({path: artifact(`${browser.name}-data-page-error.png`)});
    const before = (await askHost({type: 'persona.list'}, browser.name, env)).result.personas;
    assert.equal(before.length, 1, 'nothing saved');

    /* Fixed: saved and listed. */
    await typeInto(page, '[data-path="phones[0].number"]', '+1 202 555 0143');
    await page.click('#editor-save');
    await until(page, () => !document.getElementById('editor').open, null, 'the editor to close');
    await until(page, () => [...document.querySelectorAll('.persona h2')].some((h) => h.textContent.startsWith('Work')),
        null, 'the new persona in the list');
    const workText = await page.evaluate(() => [...document.querySelectorAll('section.persona')]
        .find((s) => s.querySelector('h2').textContent.startsWith('Work')).innerText);
    assert.match(workText, /Grace Hopper/);
    assert.match(workText, /\+12025550143/);
    assert.match(workText, /grace@example\.org/);
    const after = (await askHost({type: 'persona.list'}, browser.name, env)).result.personas;
    const saved = after.find((p) => p.label === 'Work');
    assert.equal(saved.phones[0].number, '+12025550143');

    /* A card added on the page: listed masked, its number gone from the
     * page once saved. */
    await page.click(`section.persona[data-persona="${saved.id}"] .kind[data-kind="card"] button.add`);
    await page.waitForSelector('#editor[open]', {timeout: WAIT_MS});
    assert.equal(await page.evaluate(() => document.querySelectorAll('#editor [data-path]').length), 5);
    assert.doesNotMatch(await page.evaluate(() => document.getElementById('editor').innerText),
        /security|cvc|cvv/i, 'the security code is never asked');
    await typeInto(page, '[data-path="holder"]', 'Grace Hopper');
    await typeInto(page, '[data-path="number"]', NEW_CARD_NUMBER);
    await page.evaluate(() => {
        document.querySelector('[data-path="exp_month"]').value = '7';
    });
    await typeInto(page, '[data-path="exp_year"]', '2031');
    await page.click('#editor-save');
    await until(page, () => !document.getElementById('editor').open, null, 'the editor to close');
    await until(page, (id) => document.querySelector(`section.persona[data-persona="${id}"] .kind[data-kind="card"] .items`) !== null,
        saved.id, 'the new card');
    const cards = await page.evaluate(() => [...document.querySelectorAll('.kind[data-kind="card"] .items')]
        .map((list) => list.innerText).join('\n'));
    assert.match(cards, /•••• 4444/);
    assert.match(cards, /07\/2031/);
    const text = await everything(page);
    assert.ok(!text.includes(CARD_NUMBER) && !text.includes(NEW_CARD_NUMBER), 'no full card number in the page');
    await page.screenshot({path: artifact(`${browser.name}-data-page.png`), fullPage: true});

    /* Edit: the persona (its items kept), the card without its number
     * (the stored number kept); make default; remove an item, then the
     * persona (after a confirm). */
    const workSection = `section.persona[data-persona="${saved.id}"]`;
    const saveAndWait = async () => {
        await page.click('#editor-save');
        await until(page, () => !document.getElementById('editor').open, null, 'the editor to close');
    };
    await page.click(`${workSection} .persona-head button.edit`);
    await page.waitForSelector('#editor[open]', {timeout: WAIT_MS});
    assert.equal(await page.evaluate(() => document.querySelector('[data-path="name.given"]').value), 'Grace');
    await typeInto(page, '[data-path="organization"]', 'US Navy');
    await saveAndWait();
    await until(page, (s) => document.querySelector(s)?.innerText.includes('US Navy'), workSection, 'the organization');
    await page.click(`${workSection} .kind[data-kind="card"] .items button.edit`);
    await page.waitForSelector('#editor[open]', {timeout: WAIT_MS});
    assert.equal(await page.evaluate(() => document.querySelector('[data-path="number"]').value), '',
        'a stored card number never comes into the form');
    await typeInto(page, '[data-path="nickname"]', 'Travel');
    await saveAndWait();
    await until(page, (s) => document.querySelector(`${s} .kind[data-kind="card"]`)?.innerText.includes('Travel'),
        workSection, 'the card nickname');
    const edited = (await askHost({type: 'persona.get', persona: saved.id, reveal: true}, browser.name, env))
        .result.persona;
    assert.equal(edited.organization, 'US Navy');
    assert.equal(edited.phones.length, 1);
    assert.equal(edited.cards[0].nickname, 'Travel');
    assert.equal(edited.cards[0].number, NEW_CARD_NUMBER, 'the stored number is kept');

    await page.click(`${workSection} .persona-head button.make-default`);
    await until(page, (s) => document.querySelector(`${s} .badge`) !== null, workSection, 'Work to be the default');
    await page.click(`${workSection} .kind[data-kind="email"] .items button.remove`);
    await until(page, (s) => document.querySelector(`${s} .kind[data-kind="email"] .items`) === null,
        workSection, 'the email to go');
    await page.click(`${workSection} .persona-head button.remove`);
    await page.waitForSelector('dialog.confirm[open]', {timeout: WAIT_MS});
    await page.click('dialog.confirm button.danger');
    await until(page, (s) => document.querySelector(s) === null, workSection, 'the persona to go');
    const left = (await askHost({type: 'persona.list'}, browser.name, env)).result.personas;
    assert.deepEqual(left.map((p) => [p.label, p.is_default]), [['Home', true]]);
    await page.close();
}

/* More entries than one page of the audit page holds (50): "Load more"
 * brings the next page by keyset, and the table ends as the host's list. */
async function auditPaging(browser, env, cardId) {
    const toggles = Array.from({length: 40}, (_, i) =>
        ({type: 'consent.card', card_id: cardId, ask_each_time: i % 2 === 0}));
    assert.ok((await askHostAll(toggles, browser.name, env)).every((r) => r.ok));
    const host = (await askHost({type: 'audit.list', limit: 500}, browser.name, env)).result.entries;
    assert.ok(host.length > 50, `${host.length} entries`);
    const page = await openPage(browser, 'audit/audit.html');
    await ready(page);
    const rows = () => page.evaluate(() => [...document.querySelectorAll('#entries tbody tr')].map(
        (tr) => Number(tr.dataset.seq)));
    assert.equal((await rows()).length, 50);
    await page.click('#more');
    await until(page, (count) => document.querySelectorAll('#entries tbody tr').length === count,
        host.length, 'the next page');
    assert.deepEqual(await rows(), host.map((e) => e.seq));
    assert.equal(await page.evaluate(() => document.getElementById('more').hidden), true);
    await page.close();
}

/* Changes audit entry @seq's site behind the host's back (the append-only
 * trigger dropped first), as someone editing the database file would:
 * python3's sqlite3 (meson's own interpreter; no sqlite3 tool needed). */
function tamperAuditEntry(db, seq) {
    execFileSync('python3', ['-c', `import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("DROP TRIGGER audit_log_no_update;")
db.execute("UPDATE audit_log SET site = 'https://evil.example' WHERE seq = ?", (int(sys.argv[2]),))
db.commit()`, db, String(seq)]);
}

/* The audit page after the log was changed: broken at that entry, with
 * what to do, shown first. */
async function brokenAuditPage(browser, env) {
    const [newest] = (await askHost({type: 'audit.list', limit: 1}, browser.name, env)).result.entries;
    const bad = newest.seq - 3; /* on the page's first page */
    tamperAuditEntry(env.KEYFILL_DB, bad);
    const page = await openPage(browser, 'audit/audit.html');
    await page.waitForSelector('#verify[data-state="broken"]', {timeout: WAIT_MS});
    const shown = await page.evaluate(() => ({
        title: document.getElementById('verify-title').textContent,
        detail: document.getElementById('verify-detail').textContent,
        next: document.getElementById('verify-next').hidden ? '' : document.getElementById('verify-next').textContent,
        top: document.getElementById('verify').getBoundingClientRect().top,
        marked: [...document.querySelectorAll('#entries tr.broken')].map((tr) => tr.dataset.seq),
    }));
    assert.match(shown.title, new RegExp(`Broken at entry #${bad}$`));
    assert.match(shown.detail, /edited, replaced or moved/);
    assert.match(shown.next, /keyfill audit verify/);
    assert.match(shown.next, /backup/);
    assert.deepEqual(shown.marked, [String(bad)], 'the broken entry is marked in the table');
    assert.ok(shown.top < 250, 'the chain state is at the top of the page');
    await page.screenshot({path: artifact(`${browser.name}-audit-page-broken.png`)});
    await page.close();
}

async function pagesFlow(name, launch) {
    const {home, cleanup} = makeHome(`pages-${name}`);
    const env = {KEYFILL_DB: path.join(home, 'keyfill.db')};
    const demo = await startDemo();
    const site = new URL(demo.shopUrl).origin;
    let browser = null;
    try {
        browser = await launch(home, env);

        /* Not registered yet: the exact command; then no data yet. */
        const first = await openPage(browser, 'data/data.html');
        await first.waitForSelector('#problem[data-code="host_not_installed"]:not([hidden])', {timeout: WAIT_MS});
        assert.equal(await first.evaluate(() => document.getElementById('fix-command').value),
            'keyfill install-browser');
        /* The keyring locked: the next step; unlocked: no data yet. */
        lockKeyring();
        try {
            installBrowser(home, name);
            await first.focus('#retry');
            await first.keyboard.press('Enter');
            await first.waitForSelector('#problem[data-code="keyring_locked"]', {timeout: WAIT_MS});
            const locked = await first.evaluate(() => document.getElementById('problem').innerText);
            assert.match(locked, /your keyring is locked/);
            assert.match(locked, /Unlock it/, 'the host\'s next step');
            await first.screenshot({path: artifact(`${name}-data-page-locked.png`)});
        } finally {
            unlockKeyring();
        }
        /* A new daemon took over the bus name, and the running host's
         * Secret Service connection still names the old one: end that
         * host (this store's only one), as a browser restart would. */
        stopHosts(env.KEYFILL_DB);
        await first.focus('#retry');
        await first.keyboard.press('Enter');
        await first.waitForSelector('#empty:not([hidden])', {timeout: WAIT_MS});
        assert.match(await first.evaluate(() => document.getElementById('empty').innerText), /No personal data yet/);
        await first.close();
        addDemoPersona(home, env);

        /* The toolbar button's context menu holds the pages (Chromium:
         * updating an item fails unless it exists; no browser lets a test
         * open that menu). */
        if (name === 'chromium') {
            const menus = await browser.evaluateInBackground(() => Promise.all(
                ['page-audit', 'page-consents', 'page-data', 'page-status'].map((id) =>
                    new Promise((resolve) => chrome.contextMenus.update(id, {},
                        () => resolve(chrome.runtime.lastError?.message ?? 'ok'))))));
            assert.deepEqual(menus, ['ok', 'ok', 'ok', 'ok']);
        }

        /* A real fill refused, then one always allowed. */
        const checkout = await browser.openPage(demo.shopUrl + 'checkout.html');
        await fill(browser, checkout, '#deny');
        await fill(browser, checkout, '#always-allow');
        await waitForValue(checkout, '[name="full_name"]');

        await auditPage(browser, home, site, env);
        await consentsPage(browser, site, env, checkout);
        await dataPage(browser, env);
        const [homePersona] = (await askHost({type: 'persona.list'}, name, env)).result.personas;
        await auditPaging(browser, env, homePersona.cards[0].id);
        await brokenAuditPage(browser, env);
    } finally {
        if (browser !== null)
            await browser.close();
        await demo.close();
        cleanup();
    }
}

for (const {name, launch} of BROWSERS) {
    test(`${name}: the audit log, consents and personal data pages`, {timeout: TEST_TIMEOUT_MS},
        () => pagesFlow(name, launch));
}
