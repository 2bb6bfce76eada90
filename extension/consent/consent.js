/*
 * consent.js — the consent window: what a site asks for, and the user's
 * answer.
 *
 * Shows the host's question (site origin, receiving frames when they differ
 * from the site, the data groups with MASKED values, the persona and card
 * used) with a checkbox per group, and sends Allow once / Always allow /
 * Deny to the background, which answers the host and fills. Or, when the
 * fill could not start, the problem and the next step.
 *
 * Must never: talk to the host itself, show an unmasked value (the question
 * carries masked values only), or take the site from anything but the
 * question (which the host built from the origin the browser reported).
 */
'use strict';

const $ = (id) => document.getElementById(id);
const key = new URLSearchParams(location.search).get('key') ?? '';
/* Chromium suspends an idle service worker after 30 s; the question lives
 * there, so the window keeps it awake while it is open. */
const KEEPALIVE_MS = 20000;

const {GROUP_NAMES} = KeyfillPage;

let shown = null;

function send(message) {
    return ext.runtime.sendMessage({...message, key}).then(
        (reply) => reply ?? {ok: false, error: {code: 'extension_error',
            message: "The extension's background sent no answer.", fix: null}},
        (thrown) => ({ok: false, error: {code: 'extension_error', message: thrown.message, fix: null}}));
}

function groupName(group, personas) {
    if (Object.hasOwn(GROUP_NAMES, group))
        return GROUP_NAMES[group];
    if (group.startsWith('card:')) {
        const id = group.slice(5);
        for (const persona of personas) {
            const card = persona.cards.find((c) => c.id === id);
            if (card)
                return `Card ${card.network} ${card.number_masked}`.replace(/\s+/g, ' ');
        }
        return 'Card';
    }
    return group;
}

function showProblem(error) {
    $('consent').dataset.state = 'problem';
    $('consent').dataset.code = error.code;
    $('loading').hidden = true;
    $('question').hidden = true;
    $('problem-message').textContent = error.message;
    $('problem-code').textContent = `Error code: ${error.code}`;
    $('fix').hidden = !error.fix;
    $('fix-command').value = error.fix ?? '';
    $('problem').hidden = false;
    $('close').focus();
}

function showDone(text) {
    $('consent').dataset.state = 'done';
    $('question').hidden = true;
    $('done').textContent = text;
    $('done').hidden = false;
    setTimeout(() => window.close(), 600);
}

function option(value, text, selected) {
    const element = document.createElement('option');
    element.value = value;
    element.textContent = text;
    element.selected = selected;
    return element;
}

function showChoosers(question, personas, choice) {
    const personaId = question.persona?.id ?? choice.persona ?? '';
    $('persona').replaceChildren(...personas.map((p) =>
        option(p.id, `${p.label || p.name || 'Persona'}${p.is_default ? ' (default)' : ''}`,
            p.id === personaId)));
    $('persona').disabled = personas.length < 2;
    const persona = personas.find((p) => p.id === personaId);
    const cards = persona?.cards ?? [];
    const asked = question.groups.find((g) => g.group.startsWith('card:'))?.group.slice(5) ??
        choice.card ?? '';
    const showCards = cards.length > 1;
    $('card').hidden = !showCards;
    $('card-label').hidden = !showCards;
    $('card').replaceChildren(...cards.map((c) =>
        option(c.id, `${c.nickname || c.network} ${c.number_masked}`, c.id === asked)));
}

function showQuestion(reply) {
    const {question, personas, choice} = reply;
    shown = question;
    $('consent').dataset.state = 'question';
    $('loading').hidden = true;
    $('site').textContent = question.site;
    document.title = `Keyfill: share your details with ${question.site}?`;
    const others = (question.frames ?? []).filter((f) => f.origin !== question.site);
    $('frames').replaceChildren(...others.map((f) => {
        const item = document.createElement('li');
        item.textContent = `${f.origin}${f.role === 'payment_provider' ? ' (payment provider)' : ''}`;
        return item;
    }));
    $('frames-box').hidden = others.length === 0;
    showChoosers(question, personas, choice);

    $('groups').replaceChildren(...question.groups.map((group, i) => {
        const item = document.createElement('li');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.id = `group-${i}`;
        box.checked = true;
        box.dataset.group = group.group;
        const label = document.createElement('label');
        label.htmlFor = box.id;
        label.textContent = ` ${groupName(group.group, personas)}`;
        const values = document.createElement('span');
        values.className = 'values';
        values.textContent = Object.values(group.values ?? {}).join(' · ');
        item.append(box, label, values);
        return item;
    }));
    const already = (question.already_allowed ?? []).map((g) => groupName(g.group, personas));
    $('already').hidden = already.length === 0;
    $('already').textContent = `Already allowed for this site: ${already.join(', ')}.`;
    $('expires').textContent = question.expires
        ? `This question expires at ${new Date(question.expires).toLocaleTimeString()}.` : '';
    $('question').hidden = false;
    $('allow-once').focus();
}

let unreached = [];

/* Frames of other origins (a payment provider's card form) Keyfill could
 * not read: the user may let it in; the browser asks them too. */
function showAccess(list) {
    unreached = list ?? [];
    $('access-origins').replaceChildren(...unreached.map(({origin}) => {
        const item = document.createElement('li');
        item.textContent = origin;
        return item;
    }));
    $('access').hidden = unreached.length === 0;
}

async function load() {
    const reply = await send({kind: 'consent.show'});
    if (reply.ok !== true)
        return showProblem(reply.error);
    if (reply.result.problem)
        return showProblem(reply.result.problem);
    showAccess(reply.result.unreached);
    if (!reply.result.question) {
        $('consent').dataset.state = 'access';
        $('loading').hidden = true;
        $('question').hidden = true;
        $('grant').focus();
        return undefined;
    }
    return showQuestion(reply.result);
}

async function grant() {
    /* Inside the click: the browser shows the user these origins. */
    const granted = await ext.permissions.request({origins: unreached.map((u) => u.pattern)})
        .catch(() => false);
    if (!granted)
        return;
    const reply = await send({kind: 'consent.rescan'});
    if (reply.ok !== true)
        return showProblem(reply.error);
    if (reply.result.filled !== undefined)
        return showDone(`Filled ${reply.result.filled} fields.`);
    return load();
}

async function answer(decision) {
    shown = null; /* answered once: Escape now only closes the window */
    const choices = [...document.querySelectorAll('#groups input[type=checkbox]')].map((box) => ({
        group: box.dataset.group,
        decision: box.checked && decision !== 'deny' ? decision : 'deny',
    }));
    for (const button of document.querySelectorAll('button'))
        button.disabled = true;
    const reply = await send({kind: 'consent.answer', choices, refused: decision === 'deny'});
    if (reply.ok !== true)
        return showProblem(reply.error);
    const filled = reply.result.filled;
    return showDone(filled > 0 ? `Filled ${filled} field${filled === 1 ? '' : 's'}.`
        : 'Nothing was filled.');
}

async function choose() {
    const reply = await send({kind: 'consent.choose', persona: $('persona').value,
        card: $('card').hidden ? '' : $('card').value});
    if (reply.ok !== true)
        return showProblem(reply.error);
    if (reply.result.filled !== undefined)
        return showDone(`Filled ${reply.result.filled} fields.`);
    return load();
}

$('question').addEventListener('submit', (event) => {
    event.preventDefault();
    answer(event.submitter?.value === 'always_allow' ? 'always_allow' : 'allow_once');
});
$('deny').addEventListener('click', () => answer('deny'));
$('persona').addEventListener('change', choose);
$('card').addEventListener('change', choose);
$('close').addEventListener('click', () => window.close());
$('grant').addEventListener('click', grant);
/* Escape: Deny when a question is shown (nothing is filled), else just
 * close (a problem, or the offer to let Keyfill into another site). */
document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape')
        return;
    if (shown !== null)
        answer('deny');
    else
        window.close();
});
setInterval(() => send({kind: 'consent.alive'}), KEEPALIVE_MS);
load();
