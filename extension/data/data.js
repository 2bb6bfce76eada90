/*
 * data.js — the personal data page: the personas (persona.list) with their
 * emails, phones, addresses and cards; add, edit and remove each through
 * the host (persona.put/delete/set_default, <kind>.put/delete). The host
 * validates every value; its message is shown next to the field it names
 * (forms.js). Cards are listed by nickname, network, masked number and
 * expiry only.
 *
 * Must never: talk to the host itself (KeyfillPage.host asks the
 * background), show a full card number (persona.list masks them, and the
 * background does not serve persona.get to pages), ask for a security
 * code, or log.
 */
'use strict';

const {el, host} = KeyfillPage;
const {KINDS} = KeyfillForms;
const $ = (id) => document.getElementById(id);

const ITEM_KINDS = ['email', 'phone', 'address', 'card'];
const HEADINGS = {email: 'Emails', phone: 'Phones', address: 'Addresses', card: 'Cards'};

/* What the open editor saves: {kind, persona (id or null), item (or
 * null to add)}. */
let editing = null;
let personas = [];

/* One line of text for an item of @kind (no full card number exists
 * here: persona.list masks it). */
function describe(kind, item) {
    switch (kind) {
    case 'email':
        return [item.address];
    case 'phone':
        return [item.number, item.country ? ` (${item.country})` : ''];
    case 'address':
        return [[...(item.lines ?? []), [item.postal_code, item.city].filter(Boolean).join(' '),
            item.region, item.country].filter(Boolean).join(', ')];
    case 'card': {
        const expiry = item.exp_month ? ` · expires ${String(item.exp_month).padStart(2, '0')}/${item.exp_year}` : '';
        return [`${item.nickname ? `${item.nickname} · ` : ''}${item.network ?? 'card'} `,
            el('span', {className: 'masked', textContent: item.number_masked ?? ''}),
            `${item.holder ? ` · ${item.holder}` : ''}${expiry}`];
    }
    default:
        return [];
    }
}

function itemRow(kind, persona, item) {
    const edit = el('button', {type: 'button', className: 'edit', textContent: 'Edit'});
    const remove = el('button', {type: 'button', className: 'remove danger', textContent: 'Remove'});
    const label = item.label ?? '';
    edit.setAttribute('aria-label', `Edit ${KINDS[kind].title} ${label}`.trim());
    remove.setAttribute('aria-label', `Remove ${KINDS[kind].title} ${label}`.trim());
    edit.addEventListener('click', () => openEditor(kind, persona, item));
    remove.addEventListener('click', () => removeItem(kind, persona, item));
    return el('li', {dataset: {kind, item: item.id}},
        el('span', {className: 'value'}, label ? el('span', {className: 'label', textContent: label}) : null,
            ...describe(kind, item)),
        edit, remove);
}

function personaSection(persona) {
    const facts = [
        ['Name', persona.name?.full],
        ['Organization', persona.organization],
        ['Birthday', persona.birthday],
    ].filter(([, value]) => value);
    const head = el('div', {className: 'persona-head'},
        el('h2', {}, persona.label, persona.is_default ? el('span', {className: 'badge', textContent: 'default'}) : null));
    const edit = el('button', {type: 'button', className: 'edit', textContent: 'Edit'});
    edit.setAttribute('aria-label', `Edit persona ${persona.label}`);
    edit.addEventListener('click', () => openEditor('persona', persona, persona));
    head.append(edit);
    if (!persona.is_default) {
        const makeDefault = el('button', {type: 'button', className: 'make-default', textContent: 'Make default'});
        makeDefault.addEventListener('click', () => change({type: 'persona.set_default', persona: persona.id},
            `${persona.label} is the default persona now.`));
        head.append(makeDefault);
    }
    const remove = el('button', {type: 'button', className: 'remove danger', textContent: 'Remove'});
    remove.setAttribute('aria-label', `Remove persona ${persona.label}`);
    remove.addEventListener('click', () => removePersona(persona));
    head.append(remove);

    const section = el('section', {className: 'persona', dataset: {persona: persona.id}}, head,
        facts.length > 0 ? el('dl', {className: 'facts'},
            ...facts.flatMap(([term, value]) => [el('dt', {textContent: term}), el('dd', {textContent: value})])) : null);
    const kinds = el('div', {className: 'kinds'});
    for (const kind of ITEM_KINDS) {
        const items = persona[KINDS[kind].array] ?? [];
        const add = el('button', {type: 'button', className: 'add', textContent: `+ Add ${KINDS[kind].title}`});
        add.addEventListener('click', () => openEditor(kind, persona, null));
        kinds.append(el('div', {className: 'kind', dataset: {kind}},
            el('h3', {textContent: HEADINGS[kind]}),
            items.length > 0 ? el('ul', {className: 'items'}, ...items.map((item) => itemRow(kind, persona, item)))
                : null,
            add));
    }
    section.append(kinds);
    return section;
}

async function load() {
    let result;
    try {
        result = await host({type: 'persona.list'});
    } catch (error) {
        KeyfillPage.showProblem(error, load, $('content'));
        return;
    }
    KeyfillPage.showProblem(null, null, $('content'));
    personas = result.personas;
    $('personas').replaceChildren(...personas.map(personaSection));
    $('empty').hidden = personas.length > 0;
    $('count').textContent = personas.length === 0 ? ''
        : `${personas.length} persona${personas.length === 1 ? '' : 's'}.`;
    document.body.dataset.state = 'ready';
}

/* A change that needs no form; reloads the list after it. */
async function change(request, done) {
    try {
        await host(request);
        KeyfillPage.notice(done);
    } catch (error) {
        KeyfillPage.showProblem(error, load, $('content'));
        return;
    }
    await load();
}

async function removePersona(persona) {
    const ok = await KeyfillPage.confirmAction(`Remove the persona ${persona.label} with its emails, ` +
        'phones, addresses and cards? This cannot be undone.', 'Remove');
    if (ok)
        await change({type: 'persona.delete', persona: persona.id}, `Removed ${persona.label}.`);
}

function removeItem(kind, persona, item) {
    return change({type: `${kind}.delete`, persona: persona.id, item_id: item.id},
        `Removed the ${KINDS[kind].title}.`);
}

function openEditor(kind, persona, item) {
    editing = {kind, persona: persona?.id ?? null, item};
    const adding = item === null;
    $('editor-title').textContent = kind === 'persona'
        ? (adding ? 'Add a persona' : `Edit ${persona.label}`)
        : `${adding ? 'Add' : 'Edit'} ${KINDS[kind].title}${persona ? ` of ${persona.label}` : ''}`;
    $('editor-fields').replaceChildren(...KeyfillForms.build(kind, item));
    KeyfillForms.clearErrors($('editor-fields'), $('editor-error'));
    $('editor').dataset.kind = kind;
    $('editor').showModal();
    $('editor-fields').querySelector('[data-path]')?.focus();
}

/* Closes the editor and forgets what was typed (a card number among it). */
function closeEditor() {
    editing = null;
    $('editor').close();
    $('editor-fields').replaceChildren();
}

async function save() {
    const {kind, persona, item} = editing;
    const value = KeyfillForms.collect($('editor-fields'), item);
    const request = kind === 'persona'
        ? {type: 'persona.put', persona: value}
        : {type: `${kind}.put`, persona, item: value};
    $('editor-save').disabled = true;
    let result;
    try {
        result = await host(request);
    } catch (error) {
        /* No host, or no store: the page's problem box, with the fix. */
        if (KeyfillPage.CONNECTION_FAILURES.has(error.code) || /^(keyring_|key_missing$|wrong_key$)/.test(error.code)) {
            closeEditor();
            KeyfillPage.showProblem(error, load, $('content'));
            return;
        }
        /* Next to the field the host names, or at the top of the form. */
        KeyfillForms.showError($('editor-fields'), $('editor-error'), error, KINDS[kind].array);
        return;
    } finally {
        $('editor-save').disabled = false;
    }
    closeEditor();
    const warnings = result.warnings ?? [];
    KeyfillPage.notice(warnings.length > 0 ? `Saved. Note: ${warnings.join('; ')}` : 'Saved.');
    await load();
}

$('editor-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save();
});
$('editor-cancel').addEventListener('click', closeEditor);
$('editor').addEventListener('cancel', (event) => {
    event.preventDefault();
    closeEditor();
});
$('add-persona').addEventListener('click', () => openEditor('persona', null, null));
KeyfillPage.navigation('data/data.html');
load();
