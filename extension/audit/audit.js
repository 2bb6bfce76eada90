/*
 * audit.js — the audit log page: the host's audit entries newest first, a
 * page at a time (audit.list pages by keyset: "Load more" passes the
 * next_cursor on), filtered by site, kind and time; the details of one
 * entry; an export the user saves as a file (audit.export, every page of
 * the current filters, oldest first); and, at the top, whether the chain
 * verifies (audit.verify), and if not, where it breaks and what to do.
 *
 * Must never: talk to the host itself (KeyfillPage.host asks the
 * background), or show a personal value (entries hold none: kinds, times,
 * origins, data groups, field types; a card group is shown by the card's
 * masked number from persona.list).
 */
'use strict';

const {el, host, localTime} = KeyfillPage;
const $ = (id) => document.getElementById(id);

const PAGE_SIZE = 50;
/* An export walks every page of the filters; this bounds it (500 entries a
 * page, so 100,000 entries). */
const EXPORT_MAX_PAGES = 200;

/* docs/protocol.md, "The audit log": each kind, as a user reads it. */
const KINDS = {
    release: 'Filled',
    denial: 'Refused',
    consent_grant: 'Allowed',
    consent_change: 'Permission changed',
    consent_revoke: 'Permission revoked',
    consent_expire: 'Permission expired',
    import: 'Imported',
    export: 'Exported',
    key_rotation: 'Key replaced',
    purge: 'Old entries removed',
};
const DECISIONS = {
    allow_once: 'allowed once',
    always_allow: 'always allowed',
    deny: 'refused',
    always_deny: 'always refused',
};
/* Notes the host writes (host/consent.c, consentrequest.c, audit.c), in
 * words; others are shown as written. */
const NOTES = {
    card_asks_each_time: 'card asks each time',
    card_asks_once: 'card no longer asks each time',
    default_persona_set: 'default persona set for the site',
    default_persona_cleared: 'default persona cleared',
    automatic: 'by a stored decision',
    retention: 'older than the retention',
    user: 'by you',
};

/* audit.verify's problems, in words, each with what to do. */
const PROBLEMS = {
    changed: 'it was edited, replaced or moved',
    missing: 'it was deleted',
    truncated: 'it and every newer entry were deleted',
    head_changed: 'the log’s end mark was altered',
    anchor_changed: 'the mark of the last purge was altered',
    key_missing: 'the key that checks the log is gone',
    out_of_order: 'the entries are out of order',
};
const BROKEN_NEXT = 'Something outside Keyfill changed the log. Keep this store as it is for ' +
    'inspection, run keyfill audit verify in a terminal to see the same result, and restore ' +
    'the store from a backup you trust.';

/* Persona labels and masked cards by id (KeyfillPage.loadNames). */
let names = {personas: new Map(), cards: new Map()};
let filters = {};
let cursor = null;
/* The entry audit.verify found broken, marked in the table. */
let brokenSeq = null;
let selected = null;

const groupName = (group) => KeyfillPage.groupName(group, names);
const personaName = (id) => names.personas.get(id) ?? id;

async function verify() {
    const box = $('verify');
    box.dataset.state = 'checking';
    $('verify-next').hidden = true;
    const result = await host({type: 'audit.verify'});
    box.dataset.badSeq = result.bad_seq ?? '';
    if (result.intact) {
        box.dataset.state = 'intact';
        $('verify-title').textContent = '✓ Verified: the log is intact';
        $('verify-detail').textContent = result.entries === 0 ? 'No entries yet.'
            : `All ${result.entries} entries (#${result.first_seq} to #${result.last_seq}) are ` +
              'as Keyfill wrote them: none changed, removed or reordered.';
        return;
    }
    box.dataset.state = 'broken';
    $('verify-title').textContent = `✗ Broken at entry #${result.bad_seq}`;
    brokenSeq = result.bad_seq;
    $('verify-detail').textContent = `Entry #${result.bad_seq} failed its check: ` +
        `${PROBLEMS[result.problem] ?? result.problem}. The entries before it are intact; ` +
        'from it on, the log cannot be trusted.';
    $('verify-next').textContent = BROKEN_NEXT;
    $('verify-next').hidden = false;
}

/* The filters as the host's fields; dates are the user's local days. */
function readFilters() {
    const out = {};
    const site = $('filter-site').value.trim().replace(/\/+$/, '');
    if (site !== '')
        out.site = site;
    if ($('filter-kind').value !== '')
        out.kind = $('filter-kind').value;
    const since = $('filter-since').value;
    const until = $('filter-until').value;
    if (since !== '')
        out.since = new Date(`${since}T00:00:00`).toISOString();
    if (until !== '') {
        const end = new Date(`${until}T00:00:00`);
        end.setDate(end.getDate() + 1); /* "to" includes that day */
        out.until = end.toISOString();
    }
    return out;
}

function tags(list, name = (x) => x) {
    return (list ?? []).map((item) => el('span', {className: 'tag', textContent: name(item)}));
}

function noteText(note) {
    if (Object.hasOwn(NOTES, note))
        return NOTES[note];
    const previous = /^was_(.+)$/.exec(note);
    return previous !== null ? `was ${DECISIONS[previous[1]] ?? previous[1]}` : note;
}

function summary(entry) {
    const parts = tags(entry.groups, groupName);
    if (entry.decision)
        parts.push(el('span', {className: 'muted decision-note', textContent: DECISIONS[entry.decision] ?? entry.decision}));
    if (entry.note && entry.kind === 'consent_change')
        parts.push(el('span', {className: 'muted decision-note', textContent: noteText(entry.note)}));
    if (entry.count !== undefined && entry.kind !== 'release')
        parts.push(el('span', {className: 'muted', textContent: ` ${entry.count} item${entry.count === 1 ? '' : 's'}`}));
    return parts;
}

function row(entry) {
    const details = el('button', {type: 'button', textContent: 'Details'});
    details.setAttribute('aria-label', `Details of entry ${entry.seq}`);
    details.setAttribute('aria-expanded', 'false');
    const tr = el('tr', {className: entry.seq === brokenSeq ? 'broken' : '',
        dataset: {seq: String(entry.seq), kind: entry.kind}},
        el('td', {className: 'num', textContent: String(entry.seq)}),
        el('td', {className: 'time', textContent: localTime(entry.time)}),
        el('td', {}, el('span', {className: 'kind', dataset: {kind: entry.kind},
            textContent: KINDS[entry.kind] ?? entry.kind})),
        el('td', {className: 'origin site', textContent: entry.site ?? ''}),
        el('td', {className: 'groups'}, ...summary(entry)),
        el('td', {}, details));
    details.addEventListener('click', () => showDetail(entry, tr));
    return tr;
}

/* The details of @entry in a row under its own (@tr); one at a time. */
function showDetail(entry, tr) {
    const open = selected === tr;
    closeDetail();
    if (open)
        return; /* the second click closes it */
    selected = tr;
    tr.setAttribute('aria-selected', 'true');
    tr.querySelector('button').setAttribute('aria-expanded', 'true');
    const rows = [
        ['Entry', `#${entry.seq}`],
        ['Time', `${localTime(entry.time)} (${entry.time})`],
        ['What', KINDS[entry.kind] ?? entry.kind],
        ['Site', entry.site],
        ['Sent to', (entry.frames ?? []).join(', ')],
        ['Persona', entry.persona && personaName(entry.persona)],
        ['Data', (entry.groups ?? []).map(groupName).join(', ')],
        ['Fields', (entry.fields ?? []).join(', ')],
        ['Decision', entry.decision && (DECISIONS[entry.decision] ?? entry.decision)],
        ['Note', entry.note && noteText(entry.note)],
        ['Count', entry.count?.toString()],
    ].filter(([, value]) => value !== undefined && value !== null && value !== '');
    const close = el('button', {type: 'button', id: 'detail-close', textContent: 'Close'});
    close.addEventListener('click', closeDetail);
    const list = el('dl', {id: 'detail-list'}, ...rows.flatMap(([term, value]) =>
        [el('dt', {textContent: term}), el('dd', {textContent: value,
            className: term === 'Site' || term === 'Sent to' ? 'origin' : ''})]));
    const box = el('div', {className: 'detail-box'},
        el('h2', {id: 'detail-title', textContent: `Entry #${entry.seq}: details`}), list, close);
    box.setAttribute('role', 'region');
    box.setAttribute('aria-labelledby', 'detail-title');
    tr.after(el('tr', {id: 'detail'}, el('td', {colSpan: 6}, box)));
    close.focus();
}

function closeDetail() {
    $('detail')?.remove();
    if (selected !== null) {
        selected.removeAttribute('aria-selected');
        const button = selected.querySelector('button');
        button.setAttribute('aria-expanded', 'false');
        button.focus();
        selected = null;
    }
}

/* The first page for the current filters (@fresh), or the next one. */
let generation = 0;
async function load(fresh) {
    if (fresh) {
        cursor = null;
        closeDetail();
        $('entries').querySelector('tbody').replaceChildren();
    }
    /* Only the latest load shows: new filters make older answers stale. */
    const own = ++generation;
    $('more').disabled = true;
    let page;
    try {
        page = await host({type: 'audit.list', ...filters, limit: PAGE_SIZE,
            ...(cursor !== null ? {cursor} : {})});
        if (own !== generation)
            return;
    } catch (error) {
        if (own !== generation)
            return;
        if (error.code === 'bad_origin' || error.code === 'invalid_argument') {
            $('filter-error').textContent = error.message;
            $('filter-error').hidden = false;
            return;
        }
        showProblem(error);
        return;
    }
    $('filter-error').hidden = true;
    const body = $('entries').querySelector('tbody');
    body.append(...page.entries.map(row));
    for (const entry of page.entries) {
        if (entry.site && ![...$('sites').options].some((o) => o.value === entry.site))
            $('sites').append(el('option', {value: entry.site}));
    }
    cursor = page.next_cursor;
    $('more').hidden = cursor === null;
    $('more').disabled = false;
    const shown = body.childElementCount;
    const filtered = Object.keys(filters).length > 0;
    $('entries').hidden = shown === 0;
    $('empty').hidden = shown > 0;
    $('empty').replaceChildren(filtered
        ? el('span', {textContent: 'No entries match these filters.'})
        : el('span', {}, el('strong', {textContent: 'No entries yet. '}),
            'Fill a form with the Keyfill button: what it sends, and to which site, shows here.'));
    document.body.dataset.state = 'ready';
    $('count').textContent = shown === 0 ? '' :
        `${shown} entr${shown === 1 ? 'y' : 'ies'} shown${cursor !== null ? ', more available' : ''}` +
        `${filtered ? ' (filtered)' : ''}.`;
}

/* Every page of the current filters in @format, oldest first, saved by
 * the user as a file. */
async function exportLog() {
    const format = $('export-format').value;
    $('export').disabled = true;
    try {
        const parts = [];
        let next = null;
        for (let pages = 0; pages < EXPORT_MAX_PAGES; pages++) {
            const page = await host({type: 'audit.export', format, ...filters, limit: 500,
                ...(next !== null ? {cursor: next} : {})});
            parts.push(format === 'csv' ? page.csv : page.entries);
            next = page.next_cursor;
            if (next === null)
                break;
        }
        const text = format === 'csv' ? parts.join('')
            : `${JSON.stringify({entries: parts.flat()}, null, 1)}\n`;
        const blob = new Blob([text], {type: format === 'csv' ? 'text/csv' : 'application/json'});
        const url = URL.createObjectURL(blob);
        const day = new Date().toISOString().slice(0, 10);
        const link = el('a', {href: url, download: `keyfill-audit-${day}.${format}`, hidden: true});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        KeyfillPage.notice(`Exported as keyfill-audit-${day}.${format}.`);
    } catch (error) {
        showProblem(error);
    } finally {
        $('export').disabled = false;
    }
}

/* A problem with the host or the store hides the log and its check. */
function showProblem(error) {
    $('verify').hidden = true;
    KeyfillPage.showProblem(error, start, $('content'));
}

async function start() {
    try {
        await verify();
    } catch (error) {
        showProblem(error);
        return;
    }
    $('verify').hidden = false;
    KeyfillPage.showProblem(null, null, $('content'));
    names = await KeyfillPage.loadNames();
    await load(true);
}

for (const [kind, text] of Object.entries(KINDS))
    $('filter-kind').append(el('option', {value: kind, textContent: text}));
/* A link may name a site: audit.html?site=https://shop.example */
$('filter-site').value = new URLSearchParams(location.search).get('site') ?? '';
filters = readFilters();
$('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    filters = readFilters();
    load(true);
});
$('clear').addEventListener('click', () => {
    $('filters').reset();
    filters = {};
    load(true);
});
$('more').addEventListener('click', () => load(false));
$('export').addEventListener('click', exportLog);
document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && $('detail') !== null)
        closeDetail();
});
KeyfillPage.navigation('audit/audit.html');
start();
