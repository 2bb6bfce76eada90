/*
 * compat.js — one name, `ext`, for the WebExtension API in Firefox and Chromium.
 *
 * Firefox offers the promise-based `browser.*`; Chromium offers `chrome.*`,
 * which returns promises in Manifest V3 when no callback is given. Every
 * Keyfill script uses `ext.*` with promises and never a callback, so the same
 * line works in both. This file must stay free of any other logic.
 */
'use strict';
globalThis.ext = globalThis.browser ?? globalThis.chrome;
