/*
 * demo.test.js — the demo shop is what it claims to be, in a real browser:
 * every field a page expects filled is one a person can see and reach, every
 * trap (or field of a later step) is one they cannot, and a form post reaches /submissions with the
 * values typed. The fill tests rely on these pages; this keeps them honest.
 * (No extension here: the pages themselves are under test.)
 */
'use strict';

const assert = require('node:assert/strict');
const {after, before, test} = require('node:test');
const {chromium} = require('playwright-core');
const {startDemo} = require('../demo/server.js');
const {artifact} = require('./keyfill.js');

const CHROMIUM = process.env.KEYFILL_CHROMIUM ?? '/usr/bin/chromium';
let demo;
let browser;

before(async () => {
    demo = await startDemo();
    browser = await chromium.launch({executablePath: CHROMIUM, headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']});
});
after(async () => {
    await browser?.close();
    await demo?.close();
});

/* For each field with data-kf-expect or data-kf-trap: can a person see it?
 * Rendered, not transparent, bigger than a pixel each way, inside the page,
 * and on top at its own centre once scrolled into view. */
function fieldVisibility() {
    const fields = document.querySelectorAll('[data-kf-expect], [data-kf-trap]');
    return [...fields].map((field) => {
        field.scrollIntoView({block: 'center'});
        const box = field.getBoundingClientRect();
        const onTop = () => {
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return hit === field || (hit !== null && field.contains(hit));
        };
        const visible = field.checkVisibility({opacityProperty: true, visibilityProperty: true}) &&
            box.width > 1 && box.height > 1 &&
            box.right > 0 && box.bottom > 0 &&
            box.left < document.documentElement.scrollWidth && onTop();
        return {name: field.name, expect: field.dataset.kfExpect ?? null,
            trap: field.dataset.kfTrap ?? null, step: field.dataset.kfStep ?? null, visible};
    });
}

/* Each field's visibility in every frame of @tab, with the frame's origin. */
async function framesFields(tab) {
    const frames = [];
    for (const frame of tab.frames())
        frames.push({origin: new URL(frame.url()).origin, fields: await frame.evaluate(fieldVisibility)});
    return frames;
}

/* A field shows on a page's first view unless it is a trap or belongs to a
 * later step. */
function assertFirstView(fields) {
    for (const field of fields) {
        const shows = field.trap === null && (field.step === null || field.step === '1');
        assert.equal(field.visible, shows, `${field.name} (${field.trap ?? field.expect})`);
    }
}

for (const page of ['checkout.html', 'checkout-us.html', 'signup.html', 'traps.html',
    'two-step.html', 'react-checkout.html']) {
    test(`demo ${page}: expected fields are visible, traps and later steps are not`, async () => {
        const tab = await browser.newPage();
        await tab.goto(demo.shopUrl + page);
        await tab.waitForSelector('[data-kf-expect]'); /* React renders after load */
        const fields = await tab.evaluate(fieldVisibility);
        await tab.screenshot({path: artifact(`demo-${page.replace('.html', '')}.png`), fullPage: true});
        assert.ok(fields.some((f) => f.expect !== null), 'the page expects no field');
        assertFirstView(fields);
        if (page === 'traps.html')
            assert.ok(fields.filter((f) => f.trap !== null).length >= 8);
        await tab.close();
    });
}

test('demo checkout-iframe.html: card fields live in a frame of the payments origin', async () => {
    const tab = await browser.newPage();
    await tab.goto(demo.shopUrl + 'checkout-iframe.html');
    await tab.frameLocator('#card-frame').locator('#cc-number').waitFor();
    const frames = await framesFields(tab);
    await tab.screenshot({path: artifact('demo-checkout-iframe.png'), fullPage: true});
    const shopOrigin = new URL(demo.shopUrl).origin;
    const paymentsOrigin = new URL(demo.paymentsUrl).origin;
    assert.notEqual(shopOrigin, paymentsOrigin);
    const top = frames.find((f) => f.origin === shopOrigin);
    const card = frames.find((f) => f.origin === paymentsOrigin);
    assert.ok(top && card, JSON.stringify(frames.map((f) => f.origin)));
    assert.ok(top.fields.every((f) => !f.expect.startsWith('cards.')));
    assert.deepEqual(card.fields.map((f) => f.expect),
        ['cards.0.number', 'cards.0.exp_month', 'cards.0.exp_year', 'focus-only']);
    assertFirstView(top.fields);
    assertFirstView(card.fields);
    await tab.close();
});

test('demo two-step.html: payment fields show only on step 2', async () => {
    const tab = await browser.newPage();
    await tab.goto(demo.shopUrl + 'two-step.html');
    const step1 = {first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org',
        street: '12 Example Street', zip: 'SW1A 1AA', city: 'London'};
    for (const [name, value] of Object.entries(step1))
        await tab.fill(`[name="${name}"]`, value);
    await tab.click('#continue');
    const fields = await tab.evaluate(fieldVisibility);
    await tab.screenshot({path: artifact('demo-two-step-payment.png'), fullPage: true});
    for (const field of fields)
        assert.equal(field.visible, field.step === '2', field.name);
    await tab.close();
});

test('demo checkout: a post reaches /submissions', async () => {
    const tab = await browser.newPage();
    await tab.goto(demo.shopUrl + 'checkout.html');
    const typed = {
        full_name: 'Ada Lovelace', email: 'ada@example.org', ship_line1: '12 Example Street',
        ship_city: 'London', ship_postcode: 'SW1A 1AA', card_number: '4242 4242 4242 4242',
        card_exp: '12 / 30', card_csc: '123',
    };
    for (const [name, value] of Object.entries(typed))
        await tab.fill(`[name="${name}"]`, value);
    await tab.selectOption('[name="ship_country"]', 'GB');
    await Promise.all([tab.waitForURL(/\/submit$/), tab.click('button[type="submit"]')]);
    assert.equal(await tab.textContent('h1'), 'Order received');

    const response = await fetch(demo.shopUrl + 'submissions');
    const [latest] = await response.json();
    assert.equal(latest.origin, 'shop');
    for (const [name, value] of Object.entries(typed))
        assert.equal(latest.fields[name], value, name);
    assert.equal(latest.fields.ship_country, 'GB');
    await tab.close();
});

test('demo react-checkout.html: the shop receives React state, not bare DOM writes', async () => {
    const tab = await browser.newPage();
    await tab.goto(demo.shopUrl + 'react-checkout.html');
    await tab.waitForSelector('#checkout');
    const typed = {givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.org',
        phone: '+447700900123', line1: '12 Example Street', city: 'London',
        postalCode: 'SW1A 1AA', cardNumber: '4242424242424242', cardExpiry: '12/30'};
    for (const [name, value] of Object.entries(typed))
        await tab.fill(`[name="${name}"]`, value);
    await tab.evaluate(() => {
        /* A naive fill: the DOM changes, React never hears of it. */
        document.querySelector('[name="postalCode"]').value = 'NAIVE';
        /* The way a filler must do it: the native setter, then the events. */
        const set = (element, value, event) => {
            const prototype = Object.getPrototypeOf(element);
            Object.getOwnPropertyDescriptor(prototype, 'value').set.call(element, value);
            element.dispatchEvent(new Event(event, {bubbles: true}));
        };
        set(document.querySelector('[name="city"]'), 'Paris', 'input');
        set(document.querySelector('[name="country"]'), 'FR', 'change');
    });
    await tab.screenshot({path: artifact('demo-react-checkout.png'), fullPage: true});
    await tab.click('button[type="submit"]');
    await tab.waitForSelector('#order-status');
    assert.equal(await tab.textContent('#order-status'), 'Order received');

    const [latest] = await (await fetch(demo.shopUrl + 'submissions')).json();
    assert.deepEqual(latest.fields, {...typed, city: 'Paris', country: 'FR', cardCsc: ''});
    await tab.close();
});

test('demo server: nothing outside its folders, posts bounded', async () => {
    const outside = await fetch(demo.shopUrl + '..%2F..%2Fpackage.json');
    assert.equal(outside.status, 404);
    const huge = await fetch(demo.shopUrl + 'submit', {method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: 'a=' + 'x'.repeat(128 * 1024)}).catch((error) => ({status: 'reset', error}));
    assert.notEqual(huge.status, 200);
    const payments = await fetch(demo.paymentsUrl + 'checkout.html');
    assert.equal(payments.status, 404, 'shop pages must not be served from the payments origin');
});
