/*
 * popup.js — the toolbar popup: does the Keyfill host answer?
 *
 * Asks the background (the one door to the host) for a hello and shows the
 * host's version, protocol and store state, or what went wrong and the exact
 * command that fixes it. Never talks to the host itself and never shows a
 * personal value (hello carries none).
 */
'use strict';

const $ = (id) => document.getElementById(id);

/* A store field in hello's "store" object, shown as "Label: value". Values
 * are counts, booleans or short state words; anything else is skipped. */
function storeRow(key, value) {
    if (typeof value === 'boolean')
        value = value ? 'yes' : 'no';
    if (typeof value !== 'string' && typeof value !== 'number')
        return null;
    const label = key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
    return [label, String(value)];
}

function showStore(store) {
    const list = $('store');
    list.replaceChildren();
    if (store === null || typeof store !== 'object')
        return;
    for (const [key, value] of Object.entries(store)) {
        const row = storeRow(key, value);
        if (row === null)
            continue;
        const term = document.createElement('dt');
        term.textContent = row[0];
        const detail = document.createElement('dd');
        detail.textContent = row[1];
        list.append(term, detail);
    }
    list.hidden = list.childElementCount === 0;
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
    $('summary').textContent = 'The Keyfill host did not answer.';
    $('details').hidden = true;
    $('store').hidden = true;
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
