/*
 * page.js — what every Keyfill page shares (status, audit log, consents,
 * personal data): asking the background, the one door to the host; the
 * navigation between the pages; and the problem box, which says what went
 * wrong and the exact next step (the command that fixes a missing host, how
 * to unlock the keyring).
 *
 * Loaded by each page after compat.js; it defines one global, KeyfillPage.
 *
 * Must never: talk to the host itself (only the background does, and serves
 * pages only the commands they need), log anything, or keep a personal
 * value beyond the element that shows it.
 */
'use strict';

globalThis.KeyfillPage = (() => {
    /* The pages, in the order of the navigation bar (and of the toolbar
     * button's context menu in background.js). */
    const PAGES = [
        {path: 'popup/popup.html', title: 'Status'},
        {path: 'audit/audit.html', title: 'Audit log'},
        {path: 'consents/consents.html', title: 'Consents'},
        {path: 'data/data.html', title: 'Personal data'},
    ];

    /* What each keyring state in hello's store.keyring means, and the next
     * step (docs/protocol.md, the keyring and store codes). */
    const KEYRING_STATES = {
        unlocked: {text: 'unlocked', next: null},
        locked: {text: 'locked',
            next: 'Unlock your keyring (Passwords and Keys, or log in again), then try again.'},
        unavailable: {text: 'not reachable',
            next: 'Log in to a desktop session with GNOME Keyring (or another Secret Service) running.'},
        key_missing: {text: 'Keyfill key missing',
            next: 'Restore the keyring item from a backup, or move the store aside and import your last Keyfill export.'},
        wrong_key: {text: 'key does not match the store',
            next: 'Try again; if it stays so, run keyfill doctor.'},
    };
    /* Headlines for the host's keyring error codes (its message says
     * what to do). */
    const KEYRING_HEADLINES = {
        keyring_locked: 'Keyfill cannot open your data: your keyring is locked',
        keyring_unavailable: 'Keyfill cannot open your data: no keyring is reachable',
        key_missing: 'Keyfill cannot open your data: its key is missing from your keyring',
        wrong_key: 'Keyfill cannot open your data: the keyring’s key does not match',
    };
    /* Error codes of background.js meaning no host answered at all; any
     * other code is the host's own answer. */
    const CONNECTION_FAILURES = new Set(['host_not_installed', 'host_forbidden', 'host_exited',
        'host_timeout', 'bad_reply', 'extension_error']);

    const NO_ANSWER = {code: 'extension_error',
        message: "The extension's background sent no answer. Reload the extension.", fix: null};

    /* Sends @message to the background; resolves with its reply
     * ({ok: true, result} or {ok: false, error: {code, message, fix}}),
     * never rejects. */
    async function ask(message) {
        try {
            return (await ext.runtime.sendMessage(message)) ?? {ok: false, error: NO_ANSWER};
        } catch (thrown) {
            return {ok: false, error: {code: 'extension_error',
                message: `The extension's background did not answer: ${thrown.message}`, fix: null}};
        }
    }

    /* One host command for a page (the background serves only the page
     * commands): resolves with the result, rejects with {code, message,
     * fix, field}. */
    async function host(request) {
        const reply = await ask({kind: 'page.host', request});
        if (reply.ok === true)
            return reply.result;
        throw reply.error ?? NO_ANSWER;
    }

    /* A new element: @props are properties (className, textContent, type,
     * dataset entries as {dataset: {...}}), @children elements or text. */
    function el(tag, props = {}, ...children) {
        const element = document.createElement(tag);
        for (const [key, value] of Object.entries(props)) {
            if (key === 'dataset')
                Object.assign(element.dataset, value);
            else if (value !== undefined && value !== null)
                element[key] = value;
        }
        element.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
        return element;
    }

    function openPage(path) {
        return ext.tabs.create({url: ext.runtime.getURL(path)});
    }

    /* Fills <nav id="pages"> with a link to every page; @current is this
     * page's path. The status page may be shown inside the browser's
     * add-ons page, so its links open a tab; the others are tabs already
     * and navigate in place. */
    function navigation(current) {
        const nav = document.getElementById('pages');
        if (nav === null)
            return;
        const list = el('ul');
        for (const page of PAGES) {
            const link = el('a', {href: ext.runtime.getURL(page.path), textContent: page.title});
            if (page.path === current)
                link.setAttribute('aria-current', 'page');
            else if (current === PAGES[0].path)
                link.addEventListener('click', (event) => {
                    event.preventDefault();
                    openPage(page.path);
                });
            list.append(el('li', {}, link));
        }
        nav.replaceChildren(list);
    }

    /* The problem box's headline for @error. */
    function headline(error) {
        if (Object.hasOwn(KEYRING_HEADLINES, error.code))
            return KEYRING_HEADLINES[error.code];
        return CONNECTION_FAILURES.has(error.code)
            ? 'The Keyfill host did not answer' : 'The Keyfill host reported a problem';
    }

    /* The problem area, <div id="problem">, built once: a title, the
     * message (the host's says what to do), the command that fixes it
     * (with Copy), the error code and Try again. Ids are fixed
     * (problem-message, fix, fix-command, problem-code, retry): tests read
     * them. */
    let retryAction = null;
    function problemArea() {
        const area = document.getElementById('problem');
        if (area.childElementCount > 0)
            return area;
        const field = el('input', {id: 'fix-command', type: 'text', readOnly: true,
            spellcheck: false, className: 'command-text'});
        const copy = el('button', {id: 'copy', type: 'button', textContent: 'Copy'});
        copy.addEventListener('click', async () => {
            field.select();
            try {
                await navigator.clipboard.writeText(field.value);
                copy.textContent = 'Copied';
            } catch {
                field.focus(); /* no clipboard access: selected for Ctrl+C */
            }
        });
        const retry = el('button', {id: 'retry', type: 'button', textContent: 'Try again'});
        retry.addEventListener('click', () => retryAction?.());
        area.classList.add('problem');
        area.append(
            el('h2', {id: 'problem-title'}),
            el('p', {id: 'problem-message'}),
            el('div', {id: 'fix', className: 'fix', hidden: true},
                el('label', {htmlFor: 'fix-command',
                    textContent: 'Run this in a terminal, then press Try again:'}),
                el('div', {className: 'command'}, field, copy)),
            el('p', {id: 'problem-code', className: 'code-line'}),
            retry);
        return area;
    }

    /* Shows @error ({code, message, fix}) in the problem area, and hides
     * @content (an element, optional); Try again runs
     * @retry. showProblem(null) hides the area and shows @content. With
     * @options.title false the page has its own headline. */
    function showProblem(error, retry, content, options = {}) {
        const area = problemArea();
        if (error === null) {
            area.hidden = true;
            if (content)
                content.hidden = false;
            return;
        }
        retryAction = retry;
        const title = document.getElementById('problem-title');
        title.hidden = options.title === false;
        title.textContent = headline(error);
        area.dataset.code = String(error.code);
        document.getElementById('problem-message').textContent = error.message;
        document.getElementById('fix').hidden = !error.fix;
        document.getElementById('fix-command').value = error.fix ?? '';
        document.getElementById('problem-code').textContent = `Error code: ${error.code}`;
        document.getElementById('retry').hidden = typeof retry !== 'function';
        area.setAttribute('role', 'alert');
        area.hidden = false;
        if (content)
            content.hidden = true;
    }

    /* A short status line in <p id="notice"> that goes away by itself. */
    let noticeTimer = null;
    function notice(text) {
        const line = document.getElementById('notice');
        if (line === null)
            return;
        line.textContent = text;
        line.hidden = false;
        clearTimeout(noticeTimer);
        noticeTimer = setTimeout(() => {
            line.hidden = true;
        }, 6000);
    }

    /* Asks "are you sure?" in the page's own <dialog> (no window.confirm:
     * it blocks, and tests cannot answer it the same way in both
     * browsers); resolves true when the user confirms. */
    function confirmAction(question, action) {
        const dialog = el('dialog', {className: 'confirm'});
        const yes = el('button', {type: 'button', className: 'danger', textContent: action});
        const no = el('button', {type: 'button', textContent: 'Cancel'});
        dialog.append(el('p', {textContent: question}), el('div', {className: 'actions'}, yes, no));
        document.body.append(dialog);
        return new Promise((resolve) => {
            const finish = (answer) => {
                dialog.close();
                dialog.remove();
                resolve(answer);
            };
            yes.addEventListener('click', () => finish(true));
            no.addEventListener('click', () => finish(false));
            dialog.addEventListener('cancel', (event) => {
                event.preventDefault();
                finish(false);
            });
            dialog.showModal();
            no.focus();
        });
    }

    /* The data groups of consent and audit (docs/protocol.md, "Consent
     * and audit"), as a user reads them; card:<id> is a card. */
    const GROUP_NAMES = {
        name: 'Name',
        email: 'Email address',
        phone: 'Phone number',
        shipping_address: 'Shipping address',
        billing_address: 'Billing address',
        birthday: 'Birthday',
    };

    /* Persona labels and masked cards by id, from persona.list, to name
     * the ids consents and audit entries hold. Empty maps when the list
     * cannot be read: ids are shown instead. */
    async function loadNames() {
        const names = {personas: new Map(), cards: new Map()};
        try {
            const {personas} = await host({type: 'persona.list'});
            for (const persona of personas) {
                names.personas.set(persona.id, persona.label || persona.name?.full || persona.id);
                for (const card of persona.cards ?? []) {
                    names.cards.set(card.id,
                        `${card.nickname || card.network || ''} ${card.number_masked ?? ''}`.trim());
                }
            }
        } catch {
            /* a courtesy only */
        }
        return names;
    }

    /* @group in words; @names from loadNames() for cards. */
    function groupName(group, names) {
        if (Object.hasOwn(GROUP_NAMES, group))
            return GROUP_NAMES[group];
        if (group.startsWith('card:')) {
            const card = names?.cards.get(group.slice(5));
            return card ? `Card ${card}` : 'Card';
        }
        return group;
    }

    /* A time from the host (ISO 8601 UTC) in the user's local form. */
    function localTime(iso) {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
    }

    return {PAGES, KEYRING_STATES, CONNECTION_FAILURES, ask, host, el, navigation, openPage,
        problemArea, showProblem, notice, confirmAction, localTime, GROUP_NAMES, loadNames,
        groupName};
})();
