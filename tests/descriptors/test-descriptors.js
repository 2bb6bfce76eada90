/*
 * test-descriptors.js — extension/content/descriptors.js in real browsers.
 *
 * Loads tests/descriptors/fixture.html from 127.0.0.1 in headless Debian
 * Chromium (playwright-core) and in Firefox ESR (puppeteer-core over WebDriver
 * BiDi), injects the extension's module exactly as the corpus tool does, and
 * checks each fixture control (found by its data-case attribute) against one
 * row of CASES: labels from every source, visibility cases, option capping,
 * form index, document-order index. Run:
 *   node --test tests/descriptors/test-descriptors.js
 */
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const { launch, serve } = require('../corpus/lib/pages.js');

const FIREFOX = process.env.KEYFILL_FIREFOX || '/usr/bin/firefox-esr';

// Each browser: open(url) -> {evaluate(expression), close()}.
const BROWSERS = {
  chromium: async (url) => {
    const browser = await launch();
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return { evaluate: (expr) => page.evaluate(expr), close: () => browser.close() };
  },
  firefox: async (url) => {
    const puppeteer = require('puppeteer-core');
    const browser = await puppeteer.launch({
      browser: 'firefox', protocol: 'webDriverBiDi', executablePath: FIREFOX, headless: true,
    });
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return { evaluate: (expr) => page.evaluate(expr), close: () => browser.close() };
  },
};

const SOURCE = fs.readFileSync(
  path.join(__dirname, '..', '..', 'extension', 'content', 'descriptors.js'), 'utf8');

// data-case -> expected descriptor members (a dotted key reaches into labels;
// undefined means "must be absent").
const CASES = [
  ['label-for', {
    form: 0, tag: 'input', type: 'text', name: 'ship_first', id: 'fn',
    autocomplete: 'shipping given-name', label: 'First name', 'labels.for': 'First name',
    'labels.legend': 'Shipping address', maxlength: 35, minlength: 2, size: 20, visible: true,
  }],
  ['label-enclosing', { label: 'Last name', 'labels.enclosing': 'Last name', 'labels.for': undefined,
    maxlength: undefined, size: undefined }],
  ['aria-labelledby', { label: 'Postcode (5 digits)', 'labels.aria_labelledby': 'Postcode (5 digits)',
    pattern: '[0-9]{5}', inputmode: 'numeric' }],
  ['aria-label', { type: 'tel', label: 'Mobile phone', 'labels.aria_label': 'Mobile phone' }],
  ['placeholder-title', { type: 'email', label: undefined, placeholder: 'e.g. jane@example.org',
    'labels.placeholder': 'e.g. jane@example.org', 'labels.title': 'Your email' }],
  ['preceding', { label: undefined, 'labels.preceding': 'Street and house number' }],
  ['icon-img-label', { label: 'E-mail address', 'labels.enclosing': 'E-mail address' }],
  ['icon-role-img-preceding', { label: undefined, 'labels.preceding': 'Phone number' }],
  ['icon-svg-title-preceding', { label: undefined, 'labels.preceding': 'Postal code' }],
  ['icon-empty-alt', { label: 'City', 'labels.enclosing': 'City' }],
  ['select-small', { tag: 'select', type: 'select-one', options_total: 3, value_present: true,
    options: [{ value: '', text: 'Choose…' }, { value: 'CA', text: 'California' },
      { value: 'NY', text: 'New York' }] }],
  ['column-1', { form: 1, 'labels.column': 'Card number' }],
  ['column-2', { 'labels.column': 'Expiry' }],
  ['column-3', { 'labels.column': 'CVC' }],
  ['layout-table', { 'labels.column': undefined, 'labels.preceding': 'City' }],
  ['no-form', { form: -1, value_present: true, 'labels.preceding': 'Outside any form' }],
  ['hidden-type', { type: 'hidden', visible: false }],
  ['display-none', { visible: false }],
  ['ancestor-display-none', { visible: false }],
  ['visibility-hidden', { visible: false }],
  ['off-screen', { visible: false }],
  ['zero-size', { visible: false }],
  ['opacity-0', { visible: false }],
  ['ancestor-opacity-0', { visible: false }],
  ['styled-select', { tag: 'select', visible: true }],
  ['styled-select-faded-panel', { visible: false }],
  ['styled-select-untabbable', { visible: false }],
  ['styled-select-aria-hidden', { visible: false }],
  ['styled-select-tiny', { visible: false }],
  ['styled-select-display-none', { visible: false }],
  ['styled-select-off-screen', { visible: false }],
  ['closed-details', { visible: false }],
  ['open-details', { visible: true }],
  ['hidden-attribute', { visible: false }],
  ['disabled', { visible: true, disabled: true, readonly: false }],
  ['disabled-fieldset', { disabled: true }],
  ['readonly', { visible: true, disabled: false, readonly: true }],
  ['checkbox', { type: 'checkbox', value_present: true }],
  ['submit', { type: 'submit' }],
  ['textarea', { tag: 'textarea', type: 'textarea', value_present: true }],
  ['form-attribute', { form: 0, label: 'Coupon' }],
];

// data-case -> KeyfillDescriptors.isFillable
const FILLABLE = {
  'label-for': true, 'select-small': true, textarea: true, 'no-form': true,
  'hidden-type': false, 'display-none': false, 'off-screen': false, 'opacity-0': false,
  'styled-select': true, 'styled-select-faded-panel': false,
  disabled: false, 'disabled-fieldset': false, readonly: false, checkbox: false, submit: false,
};

function member(d, key) {
  return key.split('.').reduce((o, k) => (o === undefined ? undefined : o[k]), d);
}

/* The whole suite against one browser. */
function suite(open) {
  let server;
  let page;
  let result;

  before(async () => {
    const served = await serve(__dirname);
    server = served.server;
    page = await open(`${served.origin}/fixture.html`);
    result = await page.evaluate(`(() => {
      const before = new Set(Object.getOwnPropertyNames(window));
      ${SOURCE}
      ;${SOURCE}
      const added = Object.getOwnPropertyNames(window).filter((k) => !before.has(k));
      const controls = document.querySelectorAll('input, select, textarea');
      const fields = KeyfillDescriptors.describeDocument(document);
      return {
        added,
        cases: Array.from(controls, (c) => c.getAttribute('data-case')),
        fields,
        fillable: fields.map(KeyfillDescriptors.isFillable),
        fillableNow: KeyfillDescriptors.fillableNow(document, Array.from(controls)),
        limits: KeyfillDescriptors.LIMITS,
      };
    })()`);
  });

  after(async () => {
    await page?.close();
    server?.close();
  });

  function byCase(name) {
    const i = result.cases.indexOf(name);
    assert.notEqual(i, -1, `fixture has no control with data-case="${name}"`);
    return { d: result.fields[i], i };
  }

  test('one descriptor per control, index = document order, frame 0', () => {
    assert.equal(result.fields.length, result.cases.length);
    result.fields.forEach((d, i) => {
      assert.equal(d.index, i);
      assert.equal(d.frame, 0);
    });
  });

  test('adds exactly one global, KeyfillDescriptors, even when injected twice', () => {
    assert.deepEqual(result.added, ['KeyfillDescriptors']);
  });

  for (const [name, expected] of CASES) {
    test(`case ${name}`, () => {
      const { d } = byCase(name);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(member(d, key), value, `${name}: ${key} in ${JSON.stringify(d)}`);
      }
    });
  }

  test('hidden text inside a label is not read', () => {
    const { d } = byCase('label-for');
    assert.ok(!JSON.stringify(d).includes('Please enter'), JSON.stringify(d));
  });

  test('never carries a value, only whether one is present', () => {
    const text = JSON.stringify(result.fields);
    assert.ok(!text.includes('prefilled'));
    assert.ok(!text.includes('some text'));
  });

  test('options are capped at LIMITS.OPTIONS, the total is kept', () => {
    const { d } = byCase('select-many');
    assert.equal(result.limits.OPTIONS, 300);
    assert.equal(d.options.length, 300);
    assert.equal(d.options_total, 400);
    assert.deepEqual(d.options[0], { value: 'v0', text: 'Option 0' });
    assert.deepEqual(d.options[299], { value: 'v299', text: 'Option 299' });
  });

  test('isFillable follows visibility, state and input type', () => {
    for (const [name, fillable] of Object.entries(FILLABLE)) {
      const { i } = byCase(name);
      assert.equal(result.fillable[i], fillable, name);
    }
  });

  test('fillableNow, which the filler checks before writing, agrees with isFillable of a full scan', () => {
    assert.deepEqual(result.fillableNow, result.fillable);
    for (const [name, fillable] of Object.entries(FILLABLE)) {
      assert.equal(result.fillableNow[byCase(name).i], fillable, name);
    }
  });

  test('shadow roots: numbered after the document\'s own controls, only when asked, labels read inside', async () => {
    const shadow = await page.evaluate(`(() => {
      const own = KeyfillDescriptors.describeDocument(document).length;
      const all = KeyfillDescriptors.describeDocument(document, { shadowRoots: true });
      const controls = KeyfillDescriptors.controlsOf(document, { shadowRoots: true });
      return { own, all: all.slice(own), total: all.length, controls: controls.length,
        names: controls.slice(own).map((c) => c.name) };
    })()`);
    assert.equal(shadow.own, result.fields.length);
    assert.equal(shadow.total, shadow.controls);
    assert.deepEqual(shadow.names, ['shadow_email', 'shadow_phone', 'nested_city']);
    const [email, phone, city] = shadow.all;
    assert.equal(email.index, shadow.own);
    assert.equal(email.labels.for, 'Shadow e-mail');
    assert.equal(phone.labels.preceding, 'Shadow phone');
    assert.equal(city.labels.enclosing, 'Nested city');
    for (const field of shadow.all) {
      assert.equal(field.visible, true, field.name);
    }
  });

  test('every label source is capped at LIMITS.TEXT_CHARS', async () => {
    const long = await page.evaluate(`(() => {
      const label = document.createElement('label');
      label.textContent = 'Name '.repeat(200);
      const input = document.createElement('input');
      label.append(input);
      document.body.append(label);
      const fields = KeyfillDescriptors.describeDocument(document);
      label.remove();
      return fields[fields.length - 1];
    })()`);
    assert.equal(long.labels.enclosing.length <= result.limits.TEXT_CHARS, true);
    assert.ok(long.labels.enclosing.startsWith('Name Name'));
  });
}

for (const [name, open] of Object.entries(BROWSERS)) {
  describe(name, () => suite(open));
}
