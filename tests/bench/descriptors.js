#!/usr/bin/env node
/*
 * descriptors.js (bench) — how long extension/content/descriptors.js takes on
 * a 1,000-field checkout-like page and on a page of thousands of hidden
 * inputs, in headless Debian Chromium. Target: under ~50 ms per
 * describeDocument call. Prints the best, median and worst of RUNS calls;
 * exits 0 (a benchmark reports, it does not judge).
 *
 *   node tests/bench/descriptors.js [FIELDS]
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { launch } = require('../corpus/lib/pages.js');

const RUNS = 15;
const fields = Number.parseInt(process.argv[2] || '1000', 10);
const source = fs.readFileSync(
  path.join(__dirname, '..', '..', 'extension', 'content', 'descriptors.js'), 'utf8');

// A checkout-like page: fieldsets with legends, labels of every kind, a
// table, selects with a country-sized option list, some hidden fields.
function page(n) {
  const options = Array.from({ length: 250 }, (_, i) => `<option value="c${i}">Country ${i}</option>`).join('');
  const rows = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 10;
    if (kind === 0) {
      rows.push(`<fieldset><legend>Block ${i}</legend><label for="f${i}">First name ${i}</label><input id="f${i}" name="first${i}" maxlength="40">`);
    } else if (kind === 1) {
      rows.push(`<label>Last name <input name="last${i}"></label>`);
    } else if (kind === 2) {
      rows.push(`<span id="l${i}">Postcode</span><input aria-labelledby="l${i}" name="zip${i}" pattern="[0-9]{5}">`);
    } else if (kind === 3) {
      rows.push(`<div><p>Street and number</p><div><input name="street${i}" placeholder="Street"></div></div>`);
    } else if (kind === 4) {
      rows.push(`<select name="country${i}">${options}</select>`);
    } else if (kind === 5) {
      rows.push(`<table><thead><tr><th>Card</th><th>CVC</th></tr></thead><tr><td><input name="cc${i}"></td><td><input name="cvc${i}"></td></tr></table>`);
      i++;
    } else if (kind === 7) {
      rows.push(`<input type="hidden" name="token${i}" value="x">`);
    } else if (kind === 8) {
      rows.push(`<input name="ghost${i}" style="position:absolute;left:-9999px">`);
    } else {
      rows.push(`<div>Phone</div><input type="tel" name="tel${i}" aria-label="Phone"></fieldset>`);
    }
  }
  return `<!DOCTYPE html><html><body><form>${rows.join('\n')}</form></body></html>`;
}

// What some sign-up pages really ship: thousands of type=hidden inputs
// around a handful of visible fields.
function hiddenPage(n) {
  const hidden = Array.from({ length: n }, (_, i) => `<input type="hidden" name="h${i}" value="${i}">`).join('');
  const visible = Array.from({ length: 10 }, (_, i) => `<label for="v${i}">Field ${i}</label><input id="v${i}">`).join('');
  return `<!DOCTYPE html><html><body><form>${hidden}${visible}${hidden}</form></body></html>`;
}

/* Times RUNS describeDocument calls on @html; prints one line. */
async function measure(tab, what, html) {
  await tab.setContent(html);
  const result = await tab.evaluate(`(() => {
    ${source}
    const times = [];
    let count = 0;
    for (let r = 0; r < ${RUNS}; r++) {
      const t = performance.now();
      count = KeyfillDescriptors.describeDocument(document, { shadowRoots: true }).length; // as the extension scans
      times.push(performance.now() - t);
    }
    return { count, times };
  })()`);
  const sorted = result.times.slice().sort((a, b) => a - b);
  process.stdout.write(`descriptors, ${what}: ${result.count} controls, best ${sorted[0].toFixed(1)} ms, ` +
    `median ${sorted[RUNS >> 1].toFixed(1)} ms, worst ${sorted[RUNS - 1].toFixed(1)} ms over ${RUNS} runs\n`);
}

(async () => {
  const browser = await launch();
  try {
    const tab = await browser.newPage();
    await measure(tab, 'checkout-like page', page(fields));
    await measure(tab, 'hidden inputs page', hiddenPage(fields * 2));
  } finally {
    await browser.close();
  }
})();
