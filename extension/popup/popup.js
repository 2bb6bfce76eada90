/*
 * popup.js — the status page (options page): does the Keyfill host answer?
 *
 * Asks the background (the one door to the host) for a hello and shows the
 * host's version, protocol and store state (with the next step when the
 * keyring is not usable or there is no data yet), or what went wrong and the
 * exact command that fixes it. Never talks to the host itself and never shows a
 * personal value (hello carries none).
 */
'use strict';

const $ = (id) => document.getElementById(id);
const {KEYRING_STATES, CONNECTION_FAILURES} = KeyfillPage;
const ADD_DATA_COMMAND = 'keyfill persona add';

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
            next = 'No personal data yet. Add yours on the Personal data page, or in a ' +
                `terminal: ${ADD_DATA_COMMAND}`;
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
    KeyfillPage.showProblem(null);
}

function showProblem(error) {
    $('status').dataset.state = 'error';
    $('status').dataset.code = error.code;
    $('summary').textContent = CONNECTION_FAILURES.has(error.code)
        ? 'The Keyfill host did not answer.' : 'The Keyfill host reported a problem.';
    $('details').hidden = true;
    $('store').hidden = true;
    $('store-next').hidden = true;
    KeyfillPage.showProblem(error, check, null, {title: false});
}

async function check() {
    $('status').dataset.state = 'checking';
    delete $('status').dataset.code;
    delete $('status').dataset.keyring;
    $('summary').textContent = 'Contacting the Keyfill host…';
    const reply = await KeyfillPage.ask({kind: 'host.hello'});
    if (reply.ok === true)
        showReady(reply.result);
    else
        showProblem(reply.error);
}

KeyfillPage.problemArea();
KeyfillPage.navigation('popup/popup.html');
check();
