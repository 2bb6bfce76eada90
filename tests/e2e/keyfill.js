/*
 * keyfill.js — the real Keyfill programs, as the end-to-end tests use them.
 *
 * Finds the built keyfill-host and keyfill tool (meson passes their paths in
 * KEYFILL_HOST and KEYFILL_CLI; by hand they default to build/host/), makes
 * throwaway HOME folders, registers the host with `keyfill install-browser`
 * exactly as a user would, and talks to keyfill-host directly (the answer the
 * browser tests compare the extension's page against).
 *
 * Never touches the real HOME: every folder it makes lives under the
 * with-keyring session (or the system temp folder) and is removed by cleanup.
 */
'use strict';

const {execFileSync, spawn} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const sourceRoot = process.env.KEYFILL_SOURCE_ROOT ?? path.resolve(__dirname, '..', '..');
const hostPath = process.env.KEYFILL_HOST ?? path.join(sourceRoot, 'build', 'host', 'keyfill-host');
const cliPath = process.env.KEYFILL_CLI ?? path.join(sourceRoot, 'build', 'host', 'keyfill');
const extensionPath = path.join(sourceRoot, 'extension');
const artifactsPath = path.join(sourceRoot, 'tests', 'e2e', 'artifacts');

const CHROMIUM_EXTENSION_ID = 'iceljohmipnjghdnlgkldoicbgkapcab';
const FIREFOX_EXTENSION_ID = 'keyfill@keyfill.org';
const HOST_REPLY_TIMEOUT_MS = 10000;

/* A new empty HOME for one browser run; removed by the returned cleanup. */
function makeHome(prefix) {
    const base = process.env.KEYFILL_TEST_SESSION ?? os.tmpdir();
    const home = fs.mkdtempSync(path.join(base, `e2e-${prefix}-`));
    return {home, cleanup: () => fs.rmSync(home, {recursive: true, force: true})};
}

/* The host's config file for browsers started with @home ($KEYFILL_CONFIG). */
function configPath(home) {
    return path.join(home, 'keyfill-config.ini');
}

/* Runs `keyfill <args>` with HOME=@home; returns its stdout, throws with the
 * output on a non-zero exit. */
function runCli(home, args, extraEnv = {}) {
    return execFileSync(cliPath, args, {
        env: {...process.env, HOME: home, ...extraEnv},
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
    });
}

/* Adds the demo persona (the one the demo shop's data-kf-expect describe)
 * with the real CLI, to the store of @env (KEYFILL_DB) in @home. */
function addDemoPersona(home, env) {
    const cli = (args) => runCli(home, args, env);
    cli(['persona', 'add', '--label', 'Home', '--given', 'Ada', '--family', 'Lovelace',
        '--birthday', '1815-12-10', '--default']);
    cli(['email', 'add', '--label', 'personal', '--address', 'ada@example.org']);
    cli(['phone', 'add', '--label', 'mobile', '--number', '+447700900123']);
    cli(['address', 'add', '--label', 'shipping', '--line', '12 Example Street', '--line', 'Flat 2',
        '--city', 'London', '--postal-code', 'SW1A 1AA', '--country', 'GB']);
    cli(['card', 'add', '--nickname', 'Everyday', '--number', '4242424242424242', '--exp', '12/30',
        '--holder', 'Ada Lovelace']);
}

/* What a fill of the demo checkout (tests/demo/shop/checkout.html) puts in
 * its fields from the demo persona, by field name, where the value is
 * spelled one way only (the phone and card number are checked apart). */
const DEMO_CHECKOUT_VALUES = Object.freeze({
    full_name: 'Ada Lovelace',
    email: 'ada@example.org',
    ship_line1: '12 Example Street',
    ship_line2: 'Flat 2',
    ship_city: 'London',
    ship_postcode: 'SW1A 1AA',
    ship_country: 'GB',
    card_holder: 'Ada Lovelace',
    card_exp: '12 / 30',
});

/* Registers the host for @browser ("chromium" or "firefox") in @home with the
 * real tool, and returns the manifest path it reports. */
function installBrowser(home, browser) {
    const output = runCli(home, ['install-browser', browser]);
    const match = /registered: (.+)$/m.exec(output);
    if (match === null)
        throw new Error(`keyfill install-browser ${browser} printed no path: ${output}`);
    return match[1].trim();
}

function frame(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const header = Buffer.alloc(4);
    header.writeUInt32LE(body.length); /* native order; every supported machine is little-endian */
    return Buffer.concat([header, body]);
}

/* Sends one request to a fresh keyfill-host started the way @browser starts
 * it (with @extraEnv added to its environment), and resolves with the
 * parsed reply. */
function askHost(request, browser = 'chromium', extraEnv = {}) {
    const argv = browser === 'firefox'
        ? [path.join(os.tmpdir(), 'org.keyfill.host.json'), FIREFOX_EXTENSION_ID]
        : [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`];
    return new Promise((resolve, reject) => {
        const child = spawn(hostPath, argv, {stdio: ['pipe', 'pipe', 'inherit'],
            env: {...process.env, ...extraEnv}});
        const chunks = [];
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error('keyfill-host did not answer'));
        }, HOST_REPLY_TIMEOUT_MS);
        child.stdout.on('data', (chunk) => chunks.push(chunk));
        child.on('error', reject);
        child.on('close', (code) => {
            clearTimeout(timer);
            const data = Buffer.concat(chunks);
            if (code !== 0 || data.length < 4)
                return reject(new Error(`keyfill-host exited ${code} with ${data.length} bytes`));
            const length = data.readUInt32LE(0);
            resolve(JSON.parse(data.subarray(4, 4 + length).toString('utf8')));
        });
        child.stdin.end(frame({id: 1, ...request}));
    });
}

/* A host process kept open, as the extension's port keeps it:
 * {call(request) -> Promise of the parsed reply, close()}. Requests are
 * answered in order; @extraEnv is added to its environment. */
function openHost(extraEnv = {}) {
    const child = spawn(hostPath, [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`],
        {stdio: ['pipe', 'pipe', 'inherit'], env: {...process.env, ...extraEnv}});
    let buffered = Buffer.alloc(0);
    const waiting = [];
    child.stdout.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
            const length = buffered.readUInt32LE(0);
            const reply = JSON.parse(buffered.subarray(4, 4 + length).toString('utf8'));
            buffered = buffered.subarray(4 + length);
            waiting.shift()?.resolve(reply);
        }
    });
    child.on('close', (code) => {
        for (const waiter of waiting.splice(0))
            waiter.reject(new Error(`keyfill-host exited ${code}`));
    });
    let nextId = 1;
    return {
        call(request) {
            return new Promise((resolve, reject) => {
                waiting.push({resolve, reject});
                child.stdin.write(frame({id: nextId++, ...request}));
            });
        },
        close() {
            return new Promise((resolve) => {
                child.on('close', resolve);
                child.stdin.end();
            });
        },
    };
}

function artifact(name) {
    fs.mkdirSync(artifactsPath, {recursive: true});
    return path.join(artifactsPath, name);
}

module.exports = {
    CHROMIUM_EXTENSION_ID,
    DEMO_CHECKOUT_VALUES,
    FIREFOX_EXTENSION_ID,
    addDemoPersona,
    artifact,
    askHost,
    cliPath,
    configPath,
    extensionPath,
    hostPath,
    installBrowser,
    makeHome,
    openHost,
    runCli,
    sourceRoot,
};
