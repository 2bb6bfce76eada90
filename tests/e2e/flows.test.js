/*
 * flows.test.js — the fill flows a shopper goes through beyond the first
 * fill (fill.test.js), in both browsers, with the real host, a real
 * keyring and two personas added with the real `keyfill` tool; and every
 * demo page's fields in exactly the format the page asks for.
 *
 * Per browser:
 * 1. Two-step checkout: the click on step 1 asks only for what step 1
 *    shows (no card: the payment fields are hidden) → Always allow → step 1
 *    filled, the hidden payment fields untouched → "Continue" → the click on
 *    step 2 asks only for the card (step 1 is hidden now) → step 2 filled,
 *    step 1 kept, the security code focused.
 * 2. Sign-up: Escape in the consent window denies: nothing filled, a denial
 *    audited; asked again (only the birthday is new) → Allow once → title,
 *    names, email, calling code + national number, type=date birthday; the
 *    password never touched.
 * 3. The shortcuts: undo-fill empties the fields, fill-form fills them again
 *    (Firefox: the keys' own commands; Chromium: see pressShortcut).
 * 4. A United States checkout with the second persona, chosen in the
 *    consent window: phone in three boxes, state and country selects, ZIP,
 *    expiry in an <input type=month>.
 * 5. The other demo pages (one-page, React, traps): every data-kf-expect
 *    field holds exactly its value in the page's format, no trap holds
 *    anything.
 * 6. The card form in a frame of the payment provider's origin: Escape
 *    turns down the offer to let Keyfill in there; granted the next time,
 *    the top frame and the card frame are exact.
 * Finally the audit log holds one entry per release and denial, and no
 * personal value.
 *
 * The expected values come from the personas below through expected.js,
 * which reads each field's own format from the page.
 */
'use strict';

const assert = require('node:assert/strict');
const {test} = require('node:test');
const {launchChromium, launchFirefox} = require('./browsers.js');
const {artifact, askHost} = require('./keyfill.js');
const {expectedValue, readExpectFields} = require('./expected.js');
const {SETTLE_MS, WAIT_MS, answer, closed, inFreshBrowser, pressClosing, readQuestion, sleep,
    until, waitForQuestion, waitForValue} = require('./fillsteps.js');

const BROWSERS = [
    {name: 'chromium', launch: launchChromium},
    {name: 'firefox', launch: launchFirefox},
];
const TEST_TIMEOUT_MS = 400000;

/* The two personas the test adds, in the shape of the canonical JSON. */
const HOME = {
    label: 'Home',
    name: {prefix: 'Dr.', given: 'Ada', family: 'Lovelace'},
    birthday: '1815-12-10',
    emails: [{label: 'personal', address: 'ada@example.org'}],
    phones: [{label: 'mobile', number: '+447700900123'}],
    addresses: [{label: 'shipping', lines: ['12 Example Street', 'Flat 2'], city: 'London',
        postal_code: 'SW1A 1AA', country: 'GB'}],
    cards: [{nickname: 'Everyday', holder: 'Ada Lovelace', number: '4242424242424242',
        exp_month: 12, exp_year: 2030}],
};
const WORK = {
    label: 'Work',
    name: {given: 'Grace', family: 'Hopper'},
    emails: [{label: 'work', address: 'grace@example.com'}],
    phones: [{label: 'work', number: '+14155550132'}],
    addresses: [{label: 'shipping', lines: ['500 Market Street'], city: 'San Francisco',
        region: 'CA', postal_code: '94105', country: 'US'}],
    cards: [{nickname: 'Travel', holder: 'Grace Hopper', number: '5555555555554444',
        exp_month: 3, exp_year: 2029}],
};

/* Adds @persona with the real CLI (each item goes to the persona just
 * added); returns the persona as the store now holds it (the canonical
 * JSON, card numbers revealed: what the pages' data-kf-expect name). */
function addPersona(cli, persona, isDefault) {
    const name = persona.name;
    cli(['persona', 'add', '--label', persona.label, '--given', name.given, '--family', name.family,
        ...(name.prefix ? ['--prefix', name.prefix] : []),
        ...(persona.birthday ? ['--birthday', persona.birthday] : []),
        ...(isDefault ? ['--default'] : [])]);
    const id = JSON.parse(cli(['persona', 'list', '--json']))
        .find((p) => p.label === persona.label).id;
    const item = (args) => cli([...args, '--persona', id]);
    for (const email of persona.emails)
        item(['email', 'add', '--label', email.label, '--address', email.address]);
    for (const phone of persona.phones)
        item(['phone', 'add', '--label', phone.label, '--number', phone.number]);
    for (const address of persona.addresses) {
        item(['address', 'add', '--label', address.label,
            ...address.lines.flatMap((line) => ['--line', line]), '--city', address.city,
            ...(address.region ? ['--region', address.region] : []),
            '--postal-code', address.postal_code, '--country', address.country]);
    }
    for (const card of persona.cards) {
        item(['card', 'add', '--nickname', card.nickname, '--number', card.number,
            '--exp', `${String(card.exp_month).padStart(2, '0')}/${card.exp_year % 100}`,
            '--holder', card.holder]);
    }
    return JSON.parse(cli(['persona', 'show', id, '--reveal', '--json']));
}

/* Checks every data-kf-expect field of @frame against @persona; fields of
 * a step after @step (when given) must still be empty. Returns the fields
 * read. */
async function assertExact(frame, persona, what, step = null) {
    const fields = await frame.evaluate(readExpectFields);
    assert.ok(fields.length > 0, `${what}: no data-kf-expect field`);
    for (const field of fields) {
        const label = `${what} ${field.name} (${field.expect})`;
        if (step !== null && field.step !== null && Number(field.step) > Number(step)) {
            assert.equal(field.value, '', `${label} belongs to a later step`);
            continue;
        }
        const expected = expectedValue(persona, field);
        assert.equal(field.value, expected ?? '', label);
        if (field.expect === 'focus-only')
            assert.equal(field.focused, true, `${label} is focused for the user to type`);
    }
    return fields;
}

/* In @page: no field hidden as a trap holds anything. */
async function assertTrapsEmpty(page) {
    const traps = await page.evaluate(() => [...document.querySelectorAll('[data-kf-trap]')]
        .map((f) => ({name: f.name, trap: f.dataset.kfTrap, value: f.value})));
    for (const trap of traps)
        assert.equal(trap.value, '', `trap ${trap.name} (${trap.trap})`);
}

/* Presses the button on @page and resolves with the consent window, once
 * it shows its question. */
async function askedBy(browser, page) {
    const window = browser.nextWindow(WAIT_MS);
    await browser.pressButton(page);
    const consent = await window;
    await waitForQuestion(consent);
    return consent;
}

/* 1. Two-step checkout: step 1 asks for what it shows, no card; step 2
 * only for the card (step 1 is hidden now). Resolves with the card's
 * consent group. */
async function twoStepCheckout({browser, ada, site, page}) {
    let consent = await askedBy(browser, page);
    let asked = await readQuestion(consent);
    await consent.screenshot({path: artifact(`${browser.name}-consent-two-step-1.png`)});
    assert.equal(asked.site, site);
    assert.deepEqual([...asked.groups].sort(), ['email', 'name', 'phone', 'shipping_address']);
    await answer(consent, 'always-allow');
    await waitForValue(page, '[name="first_name"]');
    await sleep(SETTLE_MS); /* nothing more is coming into step 2 */
    await assertExact(page, ada, 'two-step step 1', '1');
    await page.screenshot({path: artifact(`${browser.name}-filled-two-step-1.png`), fullPage: true});

    /* Step 2. */
    await page.click('#continue');
    await until(page, () => !document.getElementById('step-payment').hidden, null, 'step 2');
    consent = await askedBy(browser, page);
    asked = await readQuestion(consent);
    await consent.screenshot({path: artifact(`${browser.name}-consent-two-step-2.png`)});
    assert.equal(asked.groups.length, 1, asked.groups.join());
    assert.match(asked.groups[0], /^card:/);
    assert.match(asked.values, /4242/);
    assert.doesNotMatch(asked.values, /4242424242424242/);
    const cardGroup = asked.groups[0];
    await answer(consent, 'always-allow');
    await waitForValue(page, '[name="card_number"]');
    await assertExact(page, ada, 'two-step step 2', '2');
    await page.screenshot({path: artifact(`${browser.name}-filled-two-step-2.png`), fullPage: true});
    return cardGroup;
}

/* 2. Sign-up: Escape denies (nothing filled, one denial audited); then
 * only the birthday is new. */
async function signUp({browser, demo, env, ada, site, page}) {
    await page.goto(demo.shopUrl + 'signup.html');
    let consent = await askedBy(browser, page);
    const asked = await readQuestion(consent);
    assert.deepEqual(asked.groups, ['birthday']);
    assert.match(asked.already, /Name.*Email address.*Phone number/);
    await pressClosing(consent, 'Escape');
    await closed(consent);
    await sleep(SETTLE_MS);
    for (const field of await page.evaluate(readExpectFields))
        assert.equal(field.value, '', `after Escape: ${field.name}`);
    const denials = (await askHost({type: 'audit.list', site, kind: 'denial'}, browser.name, env))
        .result.entries;
    assert.equal(denials.length, 1, 'Escape is audited as a denial');
    assert.deepEqual(denials[0].groups, ['birthday']);

    consent = await askedBy(browser, page);
    await consent.screenshot({path: artifact(`${browser.name}-consent-signup.png`)});
    await answer(consent, 'allow-once');
    await waitForValue(page, '[name="birthday"]');
    await assertExact(page, ada, 'signup');
    await page.screenshot({path: artifact(`${browser.name}-filled-signup.png`), fullPage: true});
}

/* 3. The shortcuts, on a page whose groups are all allowed. */
async function shortcuts({browser, demo, ada, page}) {
    await page.goto(demo.shopUrl + 'two-step.html');
    await browser.pressButton(page);
    await waitForValue(page, '[name="first_name"]');
    const undoKey = await browser.pressShortcut(page, 'undo-fill');
    await until(page, () => document.querySelector('[name="first_name"]').value === '', null,
        'the undo shortcut');
    const fillKey = await browser.pressShortcut(page, 'fill-form');
    await waitForValue(page, '[name="first_name"]');
    await assertExact(page, ada, `two-step after ${fillKey}`, '1');
    assert.match(`${undoKey} ${fillKey}`, /U.*K/i, `${undoKey} / ${fillKey}`);
}

/* 4. United States checkout, with the Work persona chosen in the window. */
async function secondPersona({browser, demo, work, page}) {
    await page.goto(demo.shopUrl + 'checkout-us.html');
    const consent = await askedBy(browser, page);
    assert.notEqual((await readQuestion(consent)).persona, work.id, 'the default persona first');
    if (typeof consent.selectOption === 'function')
        await consent.selectOption('#persona', work.id);
    else
        await consent.select('#persona', work.id);
    await until(consent, () => document.getElementById('groups').textContent.includes('4444'),
        null, 'the question for the Work persona');
    const asked = await readQuestion(consent);
    assert.equal(asked.persona, work.id);
    assert.doesNotMatch(asked.values, /Hopper|grace@|5555555555554444/);
    await consent.screenshot({path: artifact(`${browser.name}-consent-us-work.png`)});
    await answer(consent, 'allow-once');
    await waitForValue(page, '[name="card_number"]');
    await assertExact(page, work, 'checkout-us');
    await page.screenshot({path: artifact(`${browser.name}-filled-us.png`), fullPage: true});
}

/* 5. Every other page, in its own formats. The card no longer asks each
 * time (the user's choice, through the host): no window. */
async function everyPage({browser, demo, env, ada, page}, cardGroup) {
    await askHost({type: 'consent.card', card_id: cardGroup.slice(5), ask_each_time: false},
        browser.name, env);
    for (const [file, wait] of [['checkout.html', '[name="card_number"]'],
        ['react-checkout.html', '[name="cardNumber"]'], ['traps.html', '[name="email"]']]) {
        await page.goto(demo.shopUrl + file);
        await page.waitForSelector('[data-kf-expect]');
        await browser.pressButton(page);
        await waitForValue(page, wait);
        await sleep(SETTLE_MS / 3); /* the read-back and the last fields */
        await assertExact(page, ada, file);
        await assertTrapsEmpty(page);
    }
}

/* A form inside a web component's closed shadow root: found through the
 * browser's extension API, filled, and the component's own state (kept from
 * the input events that leave its shadow root) holds every value. */
async function webComponent({browser, demo, ada, page}) {
    await page.goto(demo.shopUrl + 'component-checkout.html');
    await browser.pressButton(page);
    const expected = {
        full_name: ada.name.full,
        email: ada.emails[0].address,
        ship_line1: ada.addresses[0].lines.join(', '), /* one street box: the whole street */
        ship_city: ada.addresses[0].city,
        ship_postcode: ada.addresses[0].postal_code,
    };
    await until(page, (count) => Object.values(document.getElementById('address-form').values)
        .filter((v) => v !== '').length === count, Object.keys(expected).length,
    'the component\'s state');
    const state = await page.evaluate(() => document.getElementById('address-form').values);
    assert.deepEqual(state, expected);
}

/* The card form in the payment provider's frame: Keyfill asks to be let
 * in there (Escape turns it down); once in, the card goes to that frame,
 * named by the host's plan. */
async function paymentFrame({browser, demo, ada, payments, page}) {
    if (browser.name === 'chromium')
        await browser.grantSite(`${new URL(payments).protocol}//${new URL(payments).hostname}/*`);
    await page.goto(demo.shopUrl + 'checkout-iframe.html');
    await until(page, () => document.getElementById('card-frame').src !== '', null, 'the card frame');
    const cardFrame = async () => {
        const frame = page.frames().find((f) => f.url().startsWith(payments));
        await frame.waitForSelector('#cc-number');
        return frame;
    };
    const offered = async () => {
        const window = browser.nextWindow(WAIT_MS);
        await browser.pressButton(page);
        const consent = await window;
        await until(consent, () => !document.getElementById('access').hidden, null, 'the access offer');
        assert.equal(await consent.evaluate(() =>
            document.getElementById('access-origins').textContent), payments);
        return consent;
    };
    /* Escape turns the offer down: the card frame stays untouched. */
    let consent = await offered();
    await pressClosing(consent, 'Escape');
    await closed(consent);
    await sleep(SETTLE_MS);
    assert.equal(await (await cardFrame()).evaluate(() => document.getElementById('cc-number').value),
        '', 'the offer turned down');
    consent = await offered();
    await consent.click('#grant');
    await closed(consent);
    const frame = await cardFrame();
    await waitForValue(frame, '#cc-number');
    await assertExact(page, ada, 'checkout-iframe');
    await assertExact(frame, ada, 'card-frame');
    await page.screenshot({path: artifact(`${browser.name}-filled-iframe.png`), fullPage: true});
}

/* The audit log: every release and denial, never a value. */
async function auditLog({browser, env, site, payments}, cardGroup) {
    const audit = (await askHost({type: 'audit.list', site}, browser.name, env)).result.entries;
    const releases = audit.filter((e) => e.kind === 'release');
    assert.ok(releases.length >= 10, `${releases.length} releases`);
    const text = JSON.stringify(audit);
    for (const secret of ['Lovelace', 'Hopper', 'ada@example.org', '4242424242424242',
        '5555555555554444', '7700900123', '94105', 'SW1A'])
        assert.equal(text.includes(secret), false, `${secret} in the audit log`);
    assert.ok(releases.some((e) => e.frames.includes(payments) &&
        e.groups.includes(cardGroup)), 'the card released into the payment frame');
}

/* The whole set of flows in one fresh browser, profile, store and shop. */
async function flows({browser, demo, env, given: {ada, work}}) {
    const run = {browser, demo, env, ada, work, site: new URL(demo.shopUrl).origin,
        payments: new URL(demo.paymentsUrl).origin,
        page: await browser.openPage(demo.shopUrl + 'two-step.html')};
    const cardGroup = await twoStepCheckout(run);
    await signUp(run);
    await shortcuts(run);
    await secondPersona(run);
    await everyPage(run, cardGroup);
    await webComponent(run);
    await paymentFrame(run);
    await auditLog(run, cardGroup);
}

for (const {name, launch} of BROWSERS) {
    test(`${name}: two steps, sign-up, shortcuts, a second persona, every page's formats`,
        {timeout: TEST_TIMEOUT_MS}, () => inFreshBrowser(name, launch,
            (cli) => ({ada: addPersona(cli, HOME, true), work: addPersona(cli, WORK, false)}),
            flows));
}
