/*
 * forms.js — the personal data page's forms, as data: for a persona and each
 * kind of item (email, phone, address, card), the fields a person edits,
 * each named by its path in the canonical persona JSON (docs/protocol.md,
 * "Persona JSON"), so the host's error "field" ("phones[0].number") finds
 * the input it belongs to. Also the editor that builds a form from a table,
 * reads it back into JSON, and puts each error message next to its field.
 *
 * Must never: ask for a card security code (there is no such field), put a
 * stored card number into a form (a card is edited without its number;
 * leaving the number empty keeps the stored one), or log.
 */
'use strict';

globalThis.KeyfillForms = (() => {
    const {el} = KeyfillPage;

    /* One field: path (in the item or persona), label, input type
     * ('text', 'email', 'tel', 'date', 'lines' = one line each in a
     * textarea, 'month', 'year'), and a hint. */
    const LABEL = {path: 'label', label: 'Label', hint: 'e.g. home, work'};
    const KINDS = {
        persona: {
            title: 'persona',
            fields: [
                {path: 'label', label: 'Label', hint: 'e.g. Home, Work', required: true},
                {path: 'name.prefix', label: 'Title', hint: 'e.g. Dr.'},
                {path: 'name.given', label: 'Given name', autocomplete: 'off'},
                {path: 'name.additional', label: 'Middle names'},
                {path: 'name.family', label: 'Family name'},
                {path: 'organization', label: 'Organization'},
                {path: 'birthday', label: 'Birthday', type: 'date'},
            ],
        },
        email: {
            title: 'email address', array: 'emails',
            fields: [LABEL, {path: 'address', label: 'Email address', type: 'email'}],
        },
        phone: {
            title: 'phone number', array: 'phones',
            fields: [
                LABEL,
                {path: 'number', label: 'Number', type: 'tel',
                    hint: 'with + and the country code, or give the country'},
                {path: 'country', label: 'Country', hint: 'two letters: GB, US, DE…', size: 4},
            ],
        },
        address: {
            title: 'address', array: 'addresses',
            fields: [
                LABEL,
                {path: 'lines', label: 'Street', type: 'lines', hint: 'one line each'},
                {path: 'city', label: 'City'},
                {path: 'region', label: 'Region', hint: 'state, county or province'},
                {path: 'postal_code', label: 'Postal code', size: 12},
                {path: 'country', label: 'Country', hint: 'two letters: GB, US, DE…', size: 4},
            ],
        },
        card: {
            title: 'card', array: 'cards',
            fields: [
                {path: 'nickname', label: 'Nickname', hint: 'e.g. Everyday'},
                {path: 'holder', label: 'Name on card'},
                {path: 'number', label: 'Card number', type: 'card-number'},
                {path: 'exp_month', label: 'Expiry month', type: 'month'},
                {path: 'exp_year', label: 'Expiry year', type: 'year'},
            ],
        },
    };
    /* The new-persona form: the persona, then one of each of these
     * (optional; a section left empty is not sent). */
    const FIRST_ITEMS = ['email', 'phone', 'address'];

    let nextId = 1;

    /* The value at @path ("name.given", "lines") of @object. */
    function get(object, path) {
        return path.split('.').reduce((o, key) => (o === undefined || o === null ? undefined : o[key]),
            object);
    }

    function set(object, path, value) {
        const keys = path.split('.');
        let target = object;
        for (const key of keys.slice(0, -1))
            target = target[key] ??= {};
        target[keys.at(-1)] = value;
    }

    function input(field, value, existing) {
        const props = {id: `f${nextId++}`, name: field.path, autocomplete: 'off'};
        if (field.type === 'lines')
            return el('textarea', {...props, rows: 2, value: (value ?? []).join('\n')});
        if (field.type === 'month') {
            const select = el('select', props, el('option', {value: '', textContent: '—'}));
            for (let month = 1; month <= 12; month++) {
                select.append(el('option', {value: String(month), selected: value === month,
                    textContent: String(month).padStart(2, '0')}));
            }
            return select;
        }
        if (field.type === 'year')
            return el('input', {...props, type: 'text', inputMode: 'numeric', size: 6,
                value: value === undefined ? '' : String(value), placeholder: 'YYYY'});
        if (field.type === 'card-number') {
            /* Never filled in from the store: editing a card keeps its
             * number unless a new one is typed. */
            return el('input', {...props, type: 'text', inputMode: 'numeric', spellcheck: false,
                value: '', placeholder: existing ? `${existing.number_masked} (leave empty to keep)` : ''});
        }
        return el('input', {...props, type: field.type ?? 'text', spellcheck: false,
            value: value ?? '', size: field.size});
    }

    /* One labelled field named by @path (the full path in the request),
     * with its hint and a place for its error. */
    function fieldRow(field, path, value, existing) {
        const control = input(field, value, existing);
        control.dataset.path = path;
        const error = el('p', {id: `${control.id}-error`, className: 'field-error', hidden: true});
        const hint = field.hint ? el('p', {id: `${control.id}-hint`, className: 'hint', textContent: field.hint}) : null;
        control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
        if (field.required)
            control.required = true;
        return el('div', {className: 'field'},
            el('label', {htmlFor: control.id, textContent: field.label}), control, hint, error);
    }

    /* The fields of @kind for @item (null to add), paths prefixed by
     * @prefix ('' or 'phones[0].'). */
    function fields(kind, item, prefix = '') {
        return KINDS[kind].fields.map((field) =>
            fieldRow(field, prefix + field.path, item === null ? undefined : get(item, field.path), item));
    }

    /* The editor's content: a persona (new: with a first email, phone and
     * address), or one item. */
    function build(kind, item) {
        const rows = fields(kind, item);
        if (kind === 'persona' && item === null) {
            for (const first of FIRST_ITEMS) {
                const {array, title} = KINDS[first];
                rows.push(el('fieldset', {dataset: {array}},
                    el('legend', {textContent: `${title[0].toUpperCase()}${title.slice(1)} (optional)`}),
                    ...fields(first, null, `${array}[0].`)));
            }
        }
        return rows;
    }

    /* The value of @control as JSON, or undefined when empty. */
    function read(control) {
        const text = control.value.trim();
        if (text === '')
            return undefined;
        if (control.tagName === 'TEXTAREA')
            return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
        if (control.name === 'exp_month' || control.name === 'exp_year')
            return /^[0-9]+$/.test(text) ? Number(text) : text;
        return text;
    }

    /* The JSON of the editor in @container: the item or persona fields
     * (paths without a prefix) merged over @base, and each optional
     * section that was filled in as the first of its array. */
    function collect(container, base) {
        const out = structuredClone(base ?? {});
        const sections = new Map();
        for (const control of container.querySelectorAll('[data-path]')) {
            const path = control.dataset.path;
            const value = read(control);
            const match = /^([a-z]+)\[0\]\.(.+)$/.exec(path);
            if (match !== null) {
                if (!sections.has(match[1]))
                    sections.set(match[1], {});
                if (value !== undefined)
                    set(sections.get(match[1]), match[2], value);
                continue;
            }
            /* A cleared field is removed; a card's empty number keeps the
             * stored one (the host keeps it when "number" is absent). */
            const keys = path.split('.');
            const parent = keys.length > 1 ? get(out, keys.slice(0, -1).join('.')) : out;
            if (value === undefined) {
                if (parent !== undefined && parent !== null)
                    delete parent[keys.at(-1)];
            } else {
                set(out, path, value);
            }
        }
        for (const [array, item] of sections) {
            if (Object.keys(item).length > 0)
                out[array] = [item];
        }
        return out;
    }

    /* Shows @error (from the host: {code, message, field}) next to the
     * field it names, or at the top of the form (@general) when no field
     * of the form matches; an item's error names its place in the persona
     * ("phones[3].number"), which @prefix ("phones") strips. */
    function showError(container, general, error, array) {
        clearErrors(container, general);
        let path = error.field ?? null;
        if (path !== null && array !== undefined) {
            const own = new RegExp(`^${array}\\[[0-9]+\\]\\.`);
            path = own.test(path) ? path.replace(own, '') : null;
        }
        /* The field whose path is the error's, or its start
         * ("lines" for "addresses[0].lines[1]"). */
        const control = path === null ? null : [...container.querySelectorAll('[data-path]')].find((c) =>
            path === c.dataset.path || path.startsWith(`${c.dataset.path}[`) ||
            path.startsWith(`${c.dataset.path}.`));
        if (control === undefined || control === null) {
            general.textContent = error.message;
            general.hidden = false;
            return;
        }
        /* The host's message starts with the path; next to the field it
         * would only repeat it. */
        const message = error.field && error.message.startsWith(`${error.field}: `)
            ? error.message.slice(error.field.length + 2) : error.message;
        const line = document.getElementById(`${control.id}-error`);
        line.textContent = message.charAt(0).toUpperCase() + message.slice(1);
        line.hidden = false;
        control.setAttribute('aria-invalid', 'true');
        control.closest('.field').dataset.error = error.code;
        control.focus();
    }

    function clearErrors(container, general) {
        general.hidden = true;
        general.textContent = '';
        for (const line of container.querySelectorAll('.field-error')) {
            line.hidden = true;
            line.textContent = '';
        }
        for (const control of container.querySelectorAll('[aria-invalid]'))
            control.removeAttribute('aria-invalid');
        for (const row of container.querySelectorAll('.field[data-error]'))
            delete row.dataset.error;
    }

    return {KINDS, build, collect, showError, clearErrors};
})();
