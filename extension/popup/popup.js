/*
 * popup.js — the toolbar popup: does the Keyfill host answer?
 *
 * Asks the background (the one door to the host) for a hello and shows the
 * host's version, protocol and store state (with the next step when the
 * keyring is not usable or there is no data yet), or what went wrong and the
 * exact command that fixes it. Never talks to the host itself and never shows a
 * personal value (hello carries none).
 */
'use strict';

const $ = (id) => document.getElementById(id);

/* What each keyring state from hello means to the user, and the next step
 * (docs/protocol.md, hello and the keyring error codes). */
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
const ADD_DATA_COMMAND = 'keyfill persona add';
/* Error codes of background.js meaning no host answered at all; any other
 * code is the host's own answer. */
const CONNECTION_FAILURES = new Set(['host_not_installed', 'host_forbidden', 'host_exited',
    'host_timeout', 'bad_reply', 'extension_error']);

function addRow(list, label, value) {
    const term = document.createElement('dt');
    term.textContent = label;
    const detail = document.createElement('dd');
    detail.textContent = value;
    list.append(term, detail);
}

/* hello's "store": keyring state, how many personas, where it lives; and
 * the one next step when something is missing. */
function showStore(store) {
    const list = $('store');
    list.replaceChildren();
    const notice = $('store-next');
    notice.hidden = true;
    if (store === null || typeof store !== 'object') {
        list.hidden = true;
        return;
    }
    const keyring = KEYRING_STATES[store.keyring] ??
        {text: String(store.keyring ?? 'unknown'), next: 'Run keyfill doctor.'};
    addRow(list, 'Keyring', keyring.text);
    $('status').dataset.keyring = String(store.keyring);
    let next = keyring.next;
    if (typeof store.personas === 'number') {
        addRow(list, 'Personas', String(store.personas));
        if (store.personas === 0 && next === null)
            next = `No personal data yet. Add yours in a terminal: ${ADD_DATA_COMMAND}`;
    } else {
        addRow(list, 'Personas', 'cannot be read');
    }
    if (typeof store.path === 'string')
        addRow(list, 'Store', store.path);
    list.hidden = false;
    if (next !== null) {
        notice.textContent = next;
        notice.hidden = false;
    }
}

function showReady(hello) {
    $('status').dataset.state = 'ready';
    $('summary').textContent = 'Connected to the Keyfill host.';
    $('host-version').textContent = String(hello.version ?? 'unknown');
    $('host-protocol').textContent = String(hello.protocol ?? 'unknown');
    $('details').hidden = false;
    showStore(hello.store);
    $('problem').hidden = true;
    $('retry').hidden = true;
}

function showProblem(error) {
    $('status').dataset.state = 'error';
    $('status').dataset.code = error.code;
    $('summary').textContent = CONNECTION_FAILURES.has(error.code)
        ? 'The Keyfill host did not answer.' : 'The Keyfill host reported a problem.';
    $('details').hidden = true;
    $('store').hidden = true;
    $('store-next').hidden = true;
    $('problem-message').textContent = error.message;
    $('problem-code').textContent = `Error code: ${error.code}`;
    $('fix').hidden = !error.fix;
    $('fix-command').value = error.fix ?? '';
    $('problem').hidden = false;
    $('retry').hidden = false;
}

async function check() {
    $('status').dataset.state = 'checking';
    delete $('status').dataset.code;
    delete $('status').dataset.keyring;
    $('summary').textContent = 'Contacting the Keyfill host…';
    let reply;
    try {
        reply = await ext.runtime.sendMessage({kind: 'host.hello'});
    } catch (thrown) {
        reply = {ok: false, error: {code: 'extension_error',
            message: `The extension's background did not answer: ${thrown.message}`, fix: null}};
    }
    if (reply?.ok === true)
        showReady(reply.result);
    else
        showProblem(reply?.error ?? {code: 'extension_error',
            message: "The extension's background sent no answer. Reload the extension.", fix: null});
}

$('retry').addEventListener('click', check);
$('copy').addEventListener('click', async () => {
    const field = $('fix-command');
    field.select();
    try {
        await navigator.clipboard.writeText(field.value);
        $('copy').textContent = 'Copied';
    } catch {
        /* No clipboard access: the command stays selected for Ctrl+C. */
        field.focus();
    }
});
check();
