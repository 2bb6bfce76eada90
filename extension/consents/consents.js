/*
 * consents.js — the consents page: the stored decisions (consent.list:
 * always allow / always deny, per site, data group and persona), grouped by
 * site; revoke one, every one of a site, or everything (after a confirm).
 * A revoked site asks again at the next fill; each revoke is audited by the
 * host (consent_revoke).
 *
 * Must never: talk to the host itself (KeyfillPage.host asks the
 * background), or show a personal value (a consent holds ids and groups;
 * cards are named by their masked number).
 */
'use strict';

const {el, host, localTime} = KeyfillPage;
const $ = (id) => document.getElementById(id);

/* consent.list pages; this bounds the walk (500 a page). */
const LIST_MAX_PAGES = 40;
const DECISIONS = {
    always_allow: 'Always allow',
    always_deny: 'Never',
};

let names = {personas: new Map(), cards: new Map()};

async function listAll() {
    const consents = [];
    let cursor = null;
    for (let page = 0; page < LIST_MAX_PAGES; page++) {
        const result = await host({type: 'consent.list', limit: 500,
            ...(cursor !== null ? {cursor} : {})});
        consents.push(...result.consents);
        cursor = result.next_cursor;
        if (cursor === null)
            break;
    }
    return consents;
}

async function revoke(request, what) {
    try {
        const {revoked} = await host({type: 'consent.revoke', ...request});
        KeyfillPage.notice(`Revoked ${revoked} permission${revoked === 1 ? '' : 's'} ${what}. ` +
            'Keyfill asks again next time.');
    } catch (error) {
        if (error.code !== 'consent_not_found') {
            KeyfillPage.showProblem(error, load, $('content'));
            return;
        }
    }
    await load();
}

function consentRow(consent) {
    const button = el('button', {type: 'button', className: 'revoke', textContent: 'Revoke'});
    const group = KeyfillPage.groupName(consent.group, names);
    button.setAttribute('aria-label', `Revoke ${group} for ${consent.site}`);
    button.addEventListener('click', () => revoke({consent_id: consent.id}, `for ${consent.site}`));
    return el('tr', {dataset: {consent: String(consent.id), group: consent.group,
        decision: consent.decision}},
    el('td', {className: 'group', textContent: group}),
    el('td', {}, el('span', {className: 'decision', dataset: {decision: consent.decision},
        textContent: DECISIONS[consent.decision] ?? consent.decision})),
    el('td', {className: 'persona', textContent: names.personas.get(consent.persona) ?? consent.persona}),
    el('td', {className: 'time', textContent: localTime(consent.created)}),
    el('td', {className: 'time', textContent: consent.expires ? localTime(consent.expires) : 'never'}),
    el('td', {}, button));
}

function siteSection(site, consents) {
    const all = el('button', {type: 'button', className: 'revoke-site danger',
        textContent: 'Revoke all for this site'});
    all.addEventListener('click', () => revoke({site, all: true}, `for ${site}`));
    const audit = el('a', {href: `${ext.runtime.getURL('audit/audit.html')}?site=${encodeURIComponent(site)}`,
        textContent: 'Audit log of this site'});
    const heading = el('h2', {className: 'origin', textContent: site});
    return el('section', {className: 'site', dataset: {site}},
        el('div', {className: 'site-head'}, heading, audit, all),
        el('table', {},
            el('thead', {}, el('tr', {},
                ...['Data', 'Decision', 'Persona', 'Since', 'Expires'].map((h) =>
                    el('th', {scope: 'col', textContent: h})),
                el('th', {scope: 'col'}, el('span', {className: 'visually-hidden', textContent: 'Revoke'})))),
            el('tbody', {}, ...consents.map(consentRow))));
}

async function revokeEverything(sites) {
    const ok = await KeyfillPage.confirmAction(
        `Revoke every stored permission of ${sites.length} site${sites.length === 1 ? '' : 's'}? ` +
        'Each of them asks you again the next time you fill a form there.', 'Revoke everything');
    if (!ok)
        return;
    let revoked = 0;
    try {
        for (const site of sites)
            revoked += (await host({type: 'consent.revoke', site, all: true})).revoked;
    } catch (error) {
        KeyfillPage.showProblem(error, load, $('content'));
        return;
    }
    KeyfillPage.notice(`Revoked ${revoked} permission${revoked === 1 ? '' : 's'}. ` +
        'Every site asks again next time.');
    await load();
}

let sites = [];

async function load() {
    let consents;
    try {
        consents = await listAll();
    } catch (error) {
        KeyfillPage.showProblem(error, load, $('content'));
        return;
    }
    names = await KeyfillPage.loadNames();
    KeyfillPage.showProblem(null, null, $('content'));
    const bySite = new Map();
    for (const consent of consents) {
        if (!bySite.has(consent.site))
            bySite.set(consent.site, []);
        bySite.get(consent.site).push(consent);
    }
    sites = [...bySite.keys()].sort();
    $('sites').replaceChildren(...sites.map((site) => siteSection(site, bySite.get(site))));
    $('empty').hidden = sites.length > 0;
    $('revoke-everything').hidden = sites.length === 0;
    $('count').textContent = sites.length === 0 ? '' :
        `${consents.length} permission${consents.length === 1 ? '' : 's'} for ` +
        `${sites.length} site${sites.length === 1 ? '' : 's'}.`;
    document.body.dataset.state = 'ready';
}

$('revoke-everything').addEventListener('click', () => revokeEverything(sites));
KeyfillPage.navigation('consents/consents.html');
load();
