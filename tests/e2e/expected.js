/*
 * expected.js — what a demo page field must hold after a fill, from the
 * persona the test added and the field's own markup.
 *
 * Every demo field a fill should touch names its datum in data-kf-expect:
 * a path into the canonical persona JSON (docs/browser-tests.md), or one of
 * the derived parts below. The value it must hold is that datum written the
 * way the FIELD asks: its placeholder ("MM / YY", "MM/YYYY", card number
 * groups), its type (date, month), or for a select the one option that
 * means the datum. This is the test's own, deliberately small reading of
 * the page, independent of the host's planner: if the two disagree, the
 * page did not get what it asked for.
 *
 * Derived parts (not stored, but what a page asks for):
 *   cards.N.exp                 the expiry in the field's format
 *   phones.N.country_code       "+44"
 *   phones.N.nsn                the national significant number: no
 *                               calling code, no trunk prefix (next to a
 *                               calling-code box)
 *   phones.N.area_code, .local_prefix, .local_suffix
 *                               the 3/3/4 parts of a North American number
 *   addresses.N.street          every line of the street address, in the one
 *                               street field of a form that has no second
 *                               line (", " between lines; a newline in a
 *                               textarea): no line is dropped
 * "focus-only" (the security code: empty, focused) and "never" (empty) are
 * not values; expectedValue returns null for them.
 */
'use strict';

/* Calling codes of the countries the test personas live in. */
const CALLING_CODES = ['1', '44'];
/* English names, for country selects that show and send names. */
const COUNTRY_NAMES = {GB: 'United Kingdom', US: 'United States'};

function two(n) {
    return String(n).padStart(2, '0');
}

/* The phone parts of the E.164 @number. */
function phoneParts(number) {
    const code = CALLING_CODES.find((c) => number.startsWith(`+${c}`));
    if (code === undefined)
        throw new Error(`expected.js knows no calling code of ${number}`);
    const national = number.slice(code.length + 1);
    return {
        country_code: `+${code}`,
        nsn: national,
        area_code: national.slice(0, 3),
        local_prefix: national.slice(3, 6),
        local_suffix: national.slice(6),
    };
}

/* The datum @path names in @persona (derived parts included). */
function datum(persona, path) {
    const parts = path.split('.');
    const last = parts.at(-1);
    if (parts[0] === 'phones' && parts.length === 3 && last !== 'number')
        return phoneParts(persona.phones[Number(parts[1])].number)[last];
    if (parts[0] === 'addresses' && last === 'street')
        return persona.addresses[Number(parts[1])].lines; /* joined per field below */
    if (parts[0] === 'cards' && last === 'exp')
        return persona.cards[Number(parts[1])]; /* formatted per field below */
    let parent = persona;
    for (const part of parts.slice(0, -1)) {
        parent = parent?.[/^\d+$/.test(part) ? Number(part) : part];
        if (parent === null || typeof parent !== 'object')
            throw new Error(`data-kf-expect="${path}" names nothing in the test persona`);
    }
    /* A datum the persona does not have (the store leaves empty ones out):
     * the field must stay empty. */
    return parent[/^\d+$/.test(last) ? Number(last) : last] ?? '';
}

/* @template with its MM, YYYY and YY slots filled from @card. */
function expiryFromTemplate(template, card) {
    return template.replace(/YYYY|JJJJ|AAAA/, String(card.exp_year))
        .replace(/YY|JJ|AA/, two(card.exp_year % 100))
        .replace(/MM/, two(card.exp_month));
}

/* @number grouped like the digit groups of @placeholder ("1234 5678 …"),
 * or as is when the placeholder shows no groups. */
function groupedLike(number, placeholder) {
    const groups = (placeholder ?? '').match(/\d+/g);
    if (groups === null || groups.length < 2 || groups.join('').length !== number.length)
        return number;
    let at = 0;
    return groups.map((g) => number.slice(at, (at += g.length))).join(' ');
}

/*
 * expectedValue(persona, field) -> the value @field must hold, or null for
 * a field that must stay empty (never, focus-only). @field: {expect, tag,
 * type, placeholder, options: [{value, text}]} as read from the page.
 * For a select, the value of the one option whose value or text is the
 * datum (a number compared as a number; a country code also by its English
 * name); none or several is an error in the page.
 */
function expectedValue(persona, field) {
    if (field.expect === 'never' || field.expect === 'focus-only')
        return null;
    const value = datum(persona, field.expect);
    if (value === '')
        return '';
    if (field.tag === 'select') {
        const wanted = [String(value)];
        if (typeof value === 'string' && COUNTRY_NAMES[value] !== undefined)
            wanted.push(COUNTRY_NAMES[value]);
        const means = (text) => wanted.includes(text.trim()) ||
            (typeof value === 'number' && /^\d+$/.test(text.trim()) && Number(text) === value);
        const options = [...new Set(field.options.filter((o) => o.value !== '' &&
            (means(o.value) || means(o.text))).map((o) => o.value))];
        if (options.length !== 1)
            throw new Error(`${field.name}: ${options.length} options mean ${value}`);
        return options[0];
    }
    if (field.expect.endsWith('.exp')) {
        if (field.type === 'month')
            return `${value.exp_year}-${two(value.exp_month)}`;
        if (!/MM/.test(field.placeholder ?? ''))
            throw new Error(`${field.name}: an expiry field in a demo page needs a placeholder`);
        return expiryFromTemplate(field.placeholder, value);
    }
    if (field.expect.endsWith('.street'))
        return value.join(field.tag === 'textarea' ? '\n' : ', ');
    if (/^cards\.\d+\.number$/.test(field.expect))
        return groupedLike(value, field.placeholder);
    return String(value);
}

/* In a page or frame: every field with data-kf-expect, read for
 * expectedValue, with what it holds now. */
function readExpectFields() {
    return [...document.querySelectorAll('[data-kf-expect]')].map((field) => ({
        name: field.name || field.id,
        expect: field.dataset.kfExpect,
        step: field.dataset.kfStep ?? null,
        tag: field.tagName.toLowerCase(),
        /* What the page asked for: Firefox shows type=month as a text box,
         * the form still wants YYYY-MM. */
        type: (field.getAttribute('type') || field.type).toLowerCase(),
        placeholder: field.placeholder ?? '',
        options: field.tagName === 'SELECT'
            ? [...field.options].map((o) => ({value: o.value, text: o.textContent})) : [],
        value: field.value,
        focused: document.activeElement === field,
    }));
}

module.exports = {expectedValue, readExpectFields};
