/*
 * extension-manifest.test.js — extension/manifest.json agrees with the host
 * and keeps its promises: the "key" yields the Chromium id the host serves,
 * the gecko id is the Firefox id the host serves (both given by meson from
 * the top-level meson.build), permissions stay least, the content security
 * policy stays strict, and every file it names exists.
 *
 *   node --test extension-manifest.test.js <chromium id> <firefox id>
 *
 * Node built-ins only: runs before `npm ci`.
 */
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const {test} = require('node:test');

const [chromiumId, firefoxId] = process.argv.slice(2);
const extensionDir = path.resolve(__dirname, '..', 'extension');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));

/* Permissions the extension may ever ask for at install time; each is
 * justified in extension/README.md. Anything else needs a README entry
 * and a row here. */
const ALLOWED_PERMISSIONS = ['nativeMessaging', 'activeTab', 'scripting', 'storage', 'contextMenus'];
/* Directives the extension pages' policy must contain, exactly. */
const REQUIRED_CSP = {
    'script-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
};

/* Chromium's id: the first 128 bits of SHA-256 of the DER public key, each
 * hex digit 0-f written as a letter a-p. */
function chromiumIdFromKey(base64Key) {
    const digest = crypto.createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex');
    return [...digest.slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

function parseCsp(policy) {
    const directives = {};
    for (const part of policy.split(';')) {
        const [name, ...values] = part.trim().split(/\s+/);
        if (name)
            directives[name] = values;
    }
    return directives;
}

test('arguments name both ids', () => {
    assert.match(chromiumId ?? '', /^[a-p]{32}$/);
    assert.ok(firefoxId, 'the Firefox id argument is missing');
});

test('the "key" produces the Chromium id in meson.build', () => {
    assert.equal(typeof manifest.key, 'string');
    assert.equal(chromiumIdFromKey(manifest.key), chromiumId);
});

test('the gecko id is the Firefox id in meson.build, for Firefox ESR 128 and later', () => {
    const gecko = manifest.browser_specific_settings?.gecko;
    assert.equal(gecko?.id, firefoxId);
    assert.equal(gecko?.strict_min_version, '128.0');
});

test('Manifest V3 with a background both browsers run', () => {
    assert.equal(manifest.manifest_version, 3);
    const background = manifest.background;
    assert.equal(background.service_worker, 'background.js');
    /* Firefox runs "scripts" (an event page): the same worker file, last,
     * after the shims a service worker pulls in with importScripts. */
    assert.ok(Array.isArray(background.scripts));
    assert.equal(background.scripts.at(-1), background.service_worker);
});

test('permissions are least', () => {
    for (const permission of manifest.permissions ?? [])
        assert.ok(ALLOWED_PERMISSIONS.includes(permission), `unexpected permission ${permission}`);
    assert.ok(manifest.permissions.includes('nativeMessaging'));
    /* No standing access to sites: wider access is optional and asked for. */
    assert.equal(manifest.host_permissions, undefined);
    assert.equal(manifest.content_scripts, undefined);
    assert.equal(manifest.web_accessible_resources, undefined);
});

test('the extension pages have a strict content security policy', () => {
    const policy = manifest.content_security_policy?.extension_pages;
    assert.equal(typeof policy, 'string');
    const directives = parseCsp(policy);
    for (const [name, values] of Object.entries(REQUIRED_CSP))
        assert.deepEqual(directives[name], values, name);
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.doesNotMatch(policy, /unsafe-|https?:|\*/);
});

test('the toolbar button and the shortcuts fill on the user\'s action', () => {
    /* No default popup: a click is the fill (action.onClicked grants
     * activeTab); the shortcuts are commands, which grant it too. */
    assert.equal(manifest.action?.default_popup, undefined);
    assert.deepEqual(Object.keys(manifest.commands ?? {}).sort(), ['fill-form', 'undo-fill']);
    for (const command of Object.values(manifest.commands))
        assert.match(command.suggested_key?.default ?? '', /^Alt\+Shift\+[A-Z]$/);
    assert.ok(manifest.permissions.includes('activeTab'));
    assert.ok(manifest.permissions.includes('scripting'));
});

test('every file the manifest names exists', () => {
    const files = [
        manifest.background.service_worker,
        ...manifest.background.scripts,
        manifest.action?.default_popup,
        manifest.options_ui?.page,
        ...Object.values(manifest.icons ?? {}),
    ].filter(Boolean);
    for (const file of files)
        assert.ok(fs.existsSync(path.join(extensionDir, file)), `${file} is missing`);
});
