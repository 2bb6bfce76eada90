/*
 * background.js — the one door between the extension and keyfill-host.
 *
 * Owns the native-messaging port to "org.keyfill.host": every request to the
 * host goes through callHost() below, which gives it an id, matches the reply,
 * bounds its time and size, and turns every failure (host not installed, not
 * allowed, crashed, too slow, answered with an error) into one KeyfillError
 * shape with a message for the user and the exact command that fixes it.
 *
 * Pages (status, audit log, consents, personal data, consent window) and
 * content scripts never talk to the host: they send a runtime message here,
 * and only the message kinds in `handlers` are served, each to the senders
 * it names; pages get only the host commands in PAGE_COMMANDS. The fill
 * flow (the toolbar button and the shortcut) lives in fillflow.js.
 *
 * Must never: log a request or a reply (they may carry personal values),
 * keep a reply after handing it back, or serve a message from a sender that
 * is not this extension.
 *
 * Runs as a service worker in Chromium and as an event page in Firefox (the
 * manifest lists both; each browser ignores the form it does not use).
 */
'use strict';

if (typeof globalThis.ext === 'undefined' && typeof importScripts === 'function')
    importScripts('compat.js', 'fillflow.js'); /* Chromium service worker; Firefox lists them in the manifest */

const HOST_NAME = 'org.keyfill.host';
/* The command that registers the host with every browser found. */
const INSTALL_COMMAND = 'keyfill install-browser';
const DOCTOR_COMMAND = 'keyfill doctor';
/* The host refuses incoming messages over 1 MiB (host/framing.h); refuse
 * them here first, with a clearer message. */
const MAX_REQUEST_BYTES = 1024 * 1024;
/* A hello answers in milliseconds; a fill plan may wait for the keyring to
 * unlock. Past this the host is presumed stuck and the port is closed. */
const REQUEST_TIMEOUT_MS = 20000;
/* An open port keeps the host process (and in Chromium the service worker)
 * alive, so the next fill finds the host started and its keyring session
 * open (~25 ms instead of a new host's ~150-300 ms). The host itself forgets
 * the store key after a minute without a request (key-idle-seconds in its
 * config). Past this long without a request, the port is closed. */
const IDLE_DISCONNECT_MS = 10 * 60 * 1000;

/*
 * How the browsers word a port that failed, and what it means for the user.
 * Chromium: runtime.lastError.message; Firefox: port.error.message.
 */
const DISCONNECT_REASONS = [
    {
        pattern: /not found|no such native application|manifest.*(missing|not found)/i,
        code: 'host_not_installed',
        /* Firefox says "No such native application" for every registration
         * problem (missing, invalid, or for another extension). */
        message: 'The Keyfill host is not registered with this browser, or its registration is broken.',
        fix: INSTALL_COMMAND,
    },
    {
        pattern: /forbidden|not allowed|allowed_extensions|allowed_origins/i,
        code: 'host_forbidden',
        message: 'The Keyfill host is registered, but not for this extension.',
        fix: INSTALL_COMMAND,
    },
    {
        pattern: /failed to start|error when communicating|exited|invalid|disconnected/i,
        code: 'host_exited',
        message: 'The Keyfill host stopped before it answered.',
        fix: DOCTOR_COMMAND,
    },
];

/* An error with a stable code, a message for the user and, when one exists,
 * the command that fixes it. Plain data, so it crosses runtime messages. */
function keyfillError(code, message, fix) {
    const error = new Error(message);
    error.code = code;
    error.fix = fix ?? null;
    return error;
}

function errorToWire(error) {
    return {
        code: error.code ?? 'extension_error',
        message: error.message,
        fix: error.fix ?? null,
        field: error.field ?? null,
    };
}

function disconnectError(browserMessage) {
    const text = browserMessage ?? '';
    for (const reason of DISCONNECT_REASONS) {
        if (reason.pattern.test(text))
            return keyfillError(reason.code, reason.message, reason.fix);
    }
    return keyfillError('host_exited',
        'The connection to the Keyfill host closed unexpectedly.', DOCTOR_COMMAND);
}

/* The connection: one port at a time, opened on the first request and after
 * any failure, closed when idle. */
const connection = {
    port: null,
    nextId: 1,
    pending: new Map(), /* id -> {resolve, reject, timer} */
    idleTimer: null,
};

function rejectAll(error) {
    for (const [, waiter] of connection.pending) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
    }
    connection.pending.clear();
}

function closePort(error) {
    const port = connection.port;
    connection.port = null;
    clearTimeout(connection.idleTimer);
    connection.idleTimer = null;
    if (port !== null)
        port.disconnect();
    rejectAll(error);
}

function armIdleTimer() {
    clearTimeout(connection.idleTimer);
    connection.idleTimer = null;
    if (connection.pending.size === 0 && connection.port !== null) {
        connection.idleTimer = setTimeout(
            () => closePort(keyfillError('host_idle', 'The idle host connection was closed.')),
            IDLE_DISCONNECT_MS);
    }
}

/* An error reply without one of our ids: the host could not read a request
 * (a broken frame; it exits next) or refuses this caller or its own config
 * outright. The host answers in order, so it answers the oldest request. That
 * host will not change its mind: drop the port, so the next request starts a
 * new one (which reads its config and registration afresh). */
function onStreamError(reply) {
    if (reply.ok !== false || reply.error === null || typeof reply.error !== 'object')
        return; /* a stray success: nobody asked */
    const error = keyfillError(String(reply.error.code), String(reply.error.message),
        DOCTOR_COMMAND);
    const oldest = connection.pending.keys().next().value;
    if (oldest !== undefined) {
        const waiter = connection.pending.get(oldest);
        connection.pending.delete(oldest);
        clearTimeout(waiter.timer);
        waiter.reject(error);
    }
    closePort(error);
}

function onHostMessage(reply) {
    if (reply === null || typeof reply !== 'object')
        return;
    if (!connection.pending.has(reply.id)) {
        onStreamError(reply);
        return;
    }
    const id = reply.id;
    const waiter = connection.pending.get(id);
    connection.pending.delete(id);
    clearTimeout(waiter.timer);
    if (reply.ok === true && reply.result !== null && typeof reply.result === 'object') {
        waiter.resolve(reply.result);
    } else if (reply.ok === false && reply.error !== null && typeof reply.error === 'object') {
        const error = keyfillError(String(reply.error.code), String(reply.error.message),
            reply.error.code === 'caller_refused' ? DOCTOR_COMMAND : null);
        if (typeof reply.error.field === 'string')
            error.field = reply.error.field;
        waiter.reject(error);
    } else {
        /* Whatever answers does not speak the protocol: drop it, so the
         * next request starts the registered host anew. */
        waiter.reject(keyfillError('bad_reply',
            'The Keyfill host sent a reply this extension does not understand. ' +
            'Update the extension and the host to the same version.', DOCTOR_COMMAND));
        closePort(keyfillError('bad_reply', 'The host connection was reset.', DOCTOR_COMMAND));
        return;
    }
    armIdleTimer();
}

function onHostDisconnect(port) {
    if (port !== connection.port)
        return; /* an old port we already gave up on */
    /* Chromium reports why in runtime.lastError (reading it also silences
     * the "unchecked lastError" warning); Firefox in port.error. */
    const browserMessage = port.error?.message ?? ext.runtime.lastError?.message;
    const error = disconnectError(browserMessage);
    connection.port = null;
    clearTimeout(connection.idleTimer);
    connection.idleTimer = null;
    rejectAll(error);
}

function openPort() {
    let port;
    try {
        port = ext.runtime.connectNative(HOST_NAME);
    } catch (thrown) {
        throw disconnectError(thrown?.message);
    }
    port.onMessage.addListener(onHostMessage);
    port.onDisconnect.addListener(onHostDisconnect);
    connection.port = port;
    return port;
}

/*
 * callHost(request) — sends one request to keyfill-host and resolves with its
 * "result" object, or rejects with an Error carrying .code (the host's wire
 * name, or one of host_not_installed, host_forbidden, host_exited,
 * host_timeout, too_large, bad_reply), .message (for the user) and .fix (a
 * command to run, or null). `request` must be a plain object with a string
 * "type"; its "id" is assigned here. Every native message goes through here.
 */
async function callHost(request) {
    if (request === null || typeof request !== 'object' || typeof request.type !== 'string')
        throw keyfillError('bad_request', 'A host request needs a string "type".');
    const id = connection.nextId++;
    const message = {...request, id};
    const size = new TextEncoder().encode(JSON.stringify(message)).length;
    if (size > MAX_REQUEST_BYTES)
        throw keyfillError('too_large',
            `The request is ${size} bytes; the host reads at most ${MAX_REQUEST_BYTES}.`);

    const port = connection.port ?? openPort();
    clearTimeout(connection.idleTimer);
    connection.idleTimer = null;
    return new Promise((resolve, reject) => {
        /* A stuck host may be in the middle of the stream: every request
         * waiting on it fails, and the next one starts a new host. */
        const timer = setTimeout(() => closePort(keyfillError('host_timeout',
            `The Keyfill host did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds.`,
            DOCTOR_COMMAND)), REQUEST_TIMEOUT_MS);
        connection.pending.set(id, {resolve, reject, timer});
        try {
            port.postMessage(message);
        } catch (thrown) {
            /* The port died between our check and the send. */
            connection.pending.delete(id);
            clearTimeout(timer);
            if (connection.port === port)
                connection.port = null;
            reject(disconnectError(thrown?.message));
        }
    });
}

/* Who may send a runtime message: this extension's own pages, shown as a
 * popup, a window or in a tab (content scripts have their own kinds below,
 * and never reach host commands directly). */
function fromExtensionPage(sender) {
    return sender.id === ext.runtime.id && typeof sender.url === 'string' &&
        sender.url.startsWith(ext.runtime.getURL(''));
}

/* Host commands the pages (audit log, consents, personal data) may send,
 * and no other: no fill, no consent answer, no card number revealed
 * (persona.get is not here; persona.list masks every card). */
const PAGE_COMMANDS = new Set([
    'persona.list', 'persona.put', 'persona.delete', 'persona.set_default',
    'email.put', 'email.delete', 'phone.put', 'phone.delete',
    'address.put', 'address.delete', 'card.put', 'card.delete',
    'consent.list', 'consent.revoke',
    'audit.list', 'audit.export', 'audit.verify',
]);

/* page.host: one of PAGE_COMMANDS for a page. The reply's error keeps the
 * host's "field" (the persona field a validation error names). */
async function pageCommand(message) {
    const request = message.request;
    if (request === null || typeof request !== 'object' || !PAGE_COMMANDS.has(request.type))
        throw keyfillError('not_for_pages', 'Extension pages may not send that command.');
    const {id, ...fields} = request; /* callHost assigns the id */
    return callHost(fields);
}

/* Runtime message kinds served here: what each answers and who may ask. */
const handlers = {
    /* The status page's first breath: does the host answer hello? */
    'host.hello': {
        allowed: fromExtensionPage,
        run: () => callHost({type: 'hello'}),
    },
    /* The audit log, consents and personal data pages. */
    'page.host': {allowed: fromExtensionPage, run: pageCommand},
    /* The consent window: the question, the user's answer, another
     * persona or card (fillflow.js). */
    'consent.show': {allowed: fromExtensionPage, run: consentShow},
    'consent.answer': {allowed: fromExtensionPage, run: consentAnswer},
    'consent.choose': {allowed: fromExtensionPage, run: consentChoose},
    'consent.rescan': {allowed: fromExtensionPage, run: consentRescan},
    'consent.alive': {allowed: fromExtensionPage, run: () => Promise.resolve({})},
    /* A content script says which frame it is in (the browser reports the
     * frame's URL in the sender), and the page notice's Undo. */
    'fill.frame': {allowed: fromContentScript, run: recordFrame},
    'fill.undo': {allowed: fromContentScript, run: (message, sender) => undoTab(sender.tab.id)},
};

/* The toolbar button and the keyboard shortcuts act on the tab the user is
 * looking at: the click (or key) grants activeTab for it. */
const COMMANDS = {
    'fill-form': (tab) => fillTab(tab),
    'undo-fill': (tab) => undoTab(tab.id).catch(showProblem),
};
ext.action.onClicked.addListener((tab) => {
    fillTab(tab);
});

/* The pages, one click away: the toolbar button's context menu (right
 * click) opens each in a tab (the same pages as the navigation bar of
 * shared/page.js). Menus outlive the service worker / event page, so they
 * are made once, at install or update. */
const PAGE_MENU = [
    {id: 'page-audit', title: 'Audit log', path: 'audit/audit.html'},
    {id: 'page-consents', title: 'Consents', path: 'consents/consents.html'},
    {id: 'page-data', title: 'Personal data', path: 'data/data.html'},
    {id: 'page-status', title: 'Status', path: 'popup/popup.html'},
];
ext.runtime.onInstalled.addListener(async () => {
    await ext.contextMenus.removeAll();
    for (const {id, title} of PAGE_MENU)
        ext.contextMenus.create({id, title, contexts: ['action']});
});
ext.contextMenus.onClicked.addListener((info) => {
    const page = PAGE_MENU.find((p) => p.id === info.menuItemId);
    if (page !== undefined)
        ext.tabs.create({url: ext.runtime.getURL(page.path)});
});

/* Named, so the browser tests can check it is the registered listener and
 * call it as the key press does (tests/e2e/browsers.js, pressShortcut). */
function onCommand(command, tab) {
    if (Object.hasOwn(COMMANDS, command) && tab !== undefined)
        COMMANDS[command](tab);
}
ext.commands.onCommand.addListener(onCommand);

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const kind = message?.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(handlers, kind))
        return false;
    const handler = handlers[kind];
    if (!handler.allowed(sender))
        return false; /* not ours to answer */
    handler.run(message, sender).then(
        (result) => sendResponse({ok: true, result}),
        (error) => sendResponse({ok: false, error: errorToWire(error)}));
    return true; /* the answer comes asynchronously */
});
