/*
 * scan.js — one frame's answer to a scan, injected last (after compat.js,
 * descriptors.js and fill.js) in the same executeScript call, so that a scan
 * costs the page one script run. Its completion value, {fields, embedded},
 * is what the browser hands back to background.js as this frame's result.
 *
 * Owns: telling the background which frame this is (the browser, not the
 * page, attaches the frame's URL to the message) before the frame is
 * described. The message is not awaited: the background waits for it, so
 * its trip overlaps the scan and the result's way back.
 *
 * Must never: hold state, talk to the host, or add a global.
 */
'use strict';
globalThis.ext.runtime.sendMessage({kind: 'fill.frame'}).catch(() => {});
({fields: globalThis.KeyfillFiller.scan(), embedded: globalThis.KeyfillFiller.embeddedOrigins()});
