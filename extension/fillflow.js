/*
 * fillflow.js — the fill flow of the background: from the user's click (or
 * shortcut) on a tab to filled fields, through the host and, when the host
 * asks, the consent window. Loaded before background.js, which registers
 * the listeners and serves the runtime messages named here; every host
 * request still goes through callHost() there.
 *
 * Owns: injecting the content scripts into every frame the extension may
 * reach, numbering the fields of all frames tab-wide, the frame map (frame
 * number -> origin) from what the BROWSER reports for each frame (the
 * sender of its message, and tab.url for the site), the pending fills
 * waiting for the user's answer, handing each frame only the values the
 * host's plan names for that frame, undo, and fill.report.
 *
 * Must never: take an origin from page content, fill a frame the plan does
 * not name, keep a released value after handing it to its frame, or log.
 */
'use strict';

/* Injected into each frame at a scan, in this order, in one script run
 * (compat.js gives content scripts `ext` too; the others define their one
 * global once and keep it; scan.js, last, describes the frame and is the
 * run's result). */
const SCAN_FILES = ['compat.js', 'content/descriptors.js', 'content/fill.js', 'content/scan.js'];
/* A question unanswered this long is dropped (the host's expires too). */
const PENDING_TTL_MS = 5 * 60 * 1000;
const CONSENT_WINDOW = {width: 480, height: 640};
/* fill.report takes at most this many reports (docs/protocol.md). */
const MAX_REPORTS = 500;
const CSC_TYPE = 'cc-csc';

/* Chromium grants activeTab at the click in the browser process and tells
 * the tab's renderer a moment later; an injection that arrives first is
 * refused ("Cannot access contents of the page") although the grant holds.
 * Seen with Chromium 156 on the first click after the extension started:
 * refused 17 ms after the click, the same injection accepted 25 ms later.
 * So a refused injection is tried again after these pauses (0.8 s in all)
 * before the page counts as out of reach. */
const INJECT_RETRY_DELAYS_MS = [25, 50, 100, 200, 400];

/* Pending fills, by a random key the consent window is opened with. */
const pendingFills = new Map();
/* Per tab: the frames filled last, for undo. */
const lastFills = new Map();
/* Scans in progress: tab id -> FrameReports. */
const frameReports = new Map();
/* How long a scanned frame's report may lag behind its scan result (both
 * leave the frame together; the report usually arrives first). A frame
 * whose report does not come is not filled. */
const FRAME_REPORT_WAIT_MS = 2000;

function randomKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/* The web origin of @url, or null for anything but http(s) (about:blank,
 * data:, extension pages): such frames are never described nor filled. */
function webOrigin(url) {
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
    } catch {
        return null;
    }
}

/* The origins the browser reported for the frames of one scan, and the
 * waits for reports still on their way. */
class FrameReports {
    constructor() {
        this.origins = new Map(); /* frameId -> origin (null: not a web page) */
        this.waiters = new Map(); /* frameId -> resolve */
    }

    record(frameId, origin) {
        this.origins.set(frameId, origin);
        this.waiters.get(frameId)?.();
        this.waiters.delete(frameId);
    }

    /* originOf(frameId) -> the reported origin, waiting up to
     * FRAME_REPORT_WAIT_MS for it; null when none came. */
    async originOf(frameId) {
        if (!this.origins.has(frameId)) {
            let timer;
            await new Promise((resolve) => {
                this.waiters.set(frameId, resolve);
                timer = setTimeout(resolve, FRAME_REPORT_WAIT_MS);
            });
            clearTimeout(timer);
            this.waiters.delete(frameId);
        }
        return this.origins.get(frameId) ?? null;
    }
}

/* A content script in a tab tells which frame it runs in: the browser, not
 * the page, says the frame's URL (sender.url) and id. */
function recordFrame(message, sender) {
    frameReports.get(sender.tab.id)?.record(sender.frameId, webOrigin(sender.url));
    return Promise.resolve({});
}

/* Our content scripts, in a web page's frame (an extension page in a tab
 * has a tab and a frame too, but no web origin). */
function fromContentScript(sender) {
    return sender.id === ext.runtime.id && sender.tab !== undefined &&
        Number.isInteger(sender.tab.id) && Number.isInteger(sender.frameId) &&
        webOrigin(sender.url ?? '') !== null;
}

/* Injects the content scripts into every frame of @tabId the extension may
 * reach and resolves with each frame's scan (content/scan.js), trying again
 * while a fresh activeTab grant is on its way. */
async function injectAndScan(tabId) {
    for (let attempt = 0; ; attempt++) {
        try {
            return await ext.scripting.executeScript({target: {tabId, allFrames: true},
                files: SCAN_FILES});
        } catch (thrown) {
            if (attempt >= INJECT_RETRY_DELAYS_MS.length)
                throw thrown;
            await new Promise((resolve) => setTimeout(resolve, INJECT_RETRY_DELAYS_MS[attempt]));
        }
    }
}

/*
 * scanTab(tab) -> {site, frames, fields, where} — every frame the extension
 * may reach (activeTab: the tab's own origin; other origins only with a
 * granted host permission), described. frames: [{frame, origin, frameId}];
 * fields: descriptors numbered tab-wide; where: tab-wide index ->
 * {frameId, local}.
 */
async function scanTab(tab) {
    const site = webOrigin(tab.url ?? '');
    if (site === null)
        throw keyfillError('not_a_web_page', 'Keyfill fills forms on web pages (http or https) only.');
    const reports = new FrameReports();
    frameReports.set(tab.id, reports);
    const origins = new Map();
    let results;
    try {
        results = await injectAndScan(tab.id);
        /* The top frame, and every frame that has fields to fill. */
        const needed = results.filter((r) => r.frameId === 0 || (r.result?.fields?.length ?? 0) > 0);
        const reported = await Promise.all(needed.map((r) => reports.originOf(r.frameId)));
        needed.forEach((r, i) => origins.set(r.frameId, reported[i]));
    } catch (thrown) {
        throw keyfillError('no_access', `Keyfill cannot read this page: ${thrown.message}`);
    } finally {
        if (frameReports.get(tab.id) === reports)
            frameReports.delete(tab.id);
    }
    if (origins.get(0) !== site)
        throw keyfillError('page_changed', 'The page changed while Keyfill read it. Try again.');
    const frames = [];
    const fields = [];
    const where = new Map();
    /* The top frame first, so it is frame 0 and its fields come first. */
    const ordered = [...results].sort((a, b) => (a.frameId === 0 ? -1 : b.frameId === 0 ? 1 : 0));
    let nextNumber = 1;
    const embedded = new Set();
    for (const result of ordered) {
        const origin = origins.get(result.frameId) ?? null;
        for (const other of result.result?.embedded ?? [])
            embedded.add(other);
        const described = result.result?.fields;
        if (origin === null || !Array.isArray(described) || described.length === 0)
            continue;
        const number = result.frameId === 0 ? 0 : nextNumber++;
        frames.push({frame: number, origin, frameId: result.frameId});
        for (const descriptor of described) {
            const index = fields.length;
            where.set(index, {frameId: result.frameId, frame: number, local: descriptor.index});
            fields.push({...descriptor, index, frame: number});
        }
    }
    /* Frames of other origins the extension could not reach: the user may
     * let it in (the consent window asks the browser, which shows them). */
    const reached = new Set([...reports.origins.values()]);
    const unreached = [...embedded].filter((o) => !reached.has(o) && webOrigin(o) === o);
    return {site, frames, fields, where, unreached};
}

/* The host permission pattern that lets Keyfill into frames of @origin
 * (match patterns carry no port). */
function originPattern(origin) {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}/*`;
}

/* The fill.plan / consent.answer inputs of @scan (no values in them). */
function planInputs(scan, classified, choice) {
    const inputs = {
        origin: scan.site,
        fields: scan.fields,
        frames: scan.frames.map(({frame, origin}) => ({frame, origin})),
    };
    if (classified !== null)
        inputs.classified = classified;
    for (const key of ['persona', 'card']) {
        if (typeof choice[key] === 'string' && choice[key] !== '')
            inputs[key] = choice[key];
    }
    return inputs;
}

/* Asks the host for the plan of @pending; resolves with what happened:
 * {filled} when values came, {asked: true} when a question was opened. */
async function planAndFill(pending) {
    const result = await callHost({type: 'fill.plan', ...planInputs(pending.scan,
        pending.classified, pending.choice), preview: false});
    keepClassified(pending, result);
    if (result.consent !== undefined && result.consent !== null) {
        pending.question = result.consent;
        pending.skipped = result.skipped ?? [];
        return {asked: true};
    }
    return {filled: await applyFill(pending, result)};
}

/* The descriptor of a field a person can type in now. */
function isFocusable(descriptor) {
    return descriptor.visible === true && descriptor.disabled !== true && descriptor.readonly !== true;
}

/*
 * applyFill(pending, result) -> number of fields filled. @result is a
 * released fill ({fill, formats, fill_frames, …}). Each frame gets only its
 * own fields, and only when the plan names that frame with the origin the
 * browser reported for it; the values are not kept.
 */
async function applyFill(pending, result) {
    const {scan, types} = pending;
    const named = new Set((result.fill_frames ?? []).map((f) => `${f.frame} ${f.origin}`));
    const perFrame = new Map();
    for (const [key, value] of Object.entries(result.fill ?? {})) {
        const place = scan.where.get(Number(key));
        if (place === undefined)
            continue;
        const frame = scan.frames.find((f) => f.frameId === place.frameId);
        if (!named.has(`${frame.frame} ${frame.origin}`))
            continue;
        if (!perFrame.has(place.frameId))
            perFrame.set(place.frameId, {values: {}, types: {}, formats: {}, focus: null, global: {}});
        const plan = perFrame.get(place.frameId);
        plan.values[place.local] = value;
        plan.types[place.local] = types.get(Number(key)) ?? '';
        plan.formats[place.local] = result.formats?.[key] ?? '';
        plan.global[place.local] = Number(key);
    }
    /* The security code is never stored: it is focused for the user to type,
     * in a frame that just got card values. */
    for (const [index, type] of types) {
        const place = scan.where.get(index);
        const plan = place && perFrame.get(place.frameId);
        if (type === CSC_TYPE && plan !== undefined && plan.focus === null &&
            Object.values(plan.types).some((t) => t.startsWith('cc-')) &&
            isFocusable(scan.fields[index]))
            plan.focus = place.local;
    }
    /* Known before the values go in: an undo pressed while a frame still
     * reads its values back must find this fill, not the one before. */
    lastFills.set(pending.tabId, [...perFrame.keys()]);
    let filled = 0;
    const reports = [];
    for (const [frameId, plan] of perFrame) {
        const {global, ...forFrame} = plan;
        const [injection] = await ext.scripting.executeScript({
            target: {tabId: pending.tabId, frameIds: [frameId]},
            func: (framePlan) => globalThis.KeyfillFiller.fill(framePlan),
            args: [forFrame],
        });
        const outcome = injection?.result;
        if (outcome === undefined || outcome === null)
            continue;
        filled += outcome.filled;
        for (const report of outcome.reports)
            reports.push({...report, index: global[report.index]});
    }
    /* The values are in: the badge and the notice are a courtesy, and the
     * page may have navigated away already (then activeTab is gone). */
    await ext.action.setBadgeText({tabId: pending.tabId, text: filled > 0 ? String(filled) : ''})
        .catch(() => {});
    if (filled > 0)
        await showUndo(pending.tabId, filled).catch(() => {});
    if (reports.length > 0) {
        /* Learning the page's spellings is a bonus: a failure here must not
         * turn a good fill into an error. */
        await callHost({type: 'fill.report', origin: scan.site,
            reports: reports.filter((r) => r.format_used !== '').slice(0, MAX_REPORTS)})
            .catch(() => {});
    }
    return filled;
}

/* A small notice in the page's top frame, in a closed shadow root: how
 * many fields were filled, and Undo. */
async function showUndo(tabId, count) {
    await ext.scripting.executeScript({target: {tabId, frameIds: [0]}, args: [count],
        func: (filledCount) => {
            const old = document.getElementById('keyfill-notice');
            old?.remove();
            const host = document.createElement('div');
            host.id = 'keyfill-notice';
            const shadow = host.attachShadow({mode: 'closed'});
            host.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483647';
            const box = document.createElement('div');
            box.setAttribute('role', 'status');
            box.style.cssText = 'background:#1a7f37;color:#fff;font:14px system-ui,sans-serif;padding:8px 12px;' +
                'border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.3);display:flex;gap:12px;align-items:center';
            const text = document.createElement('span');
            text.textContent = `Keyfill filled ${filledCount} field${filledCount === 1 ? '' : 's'}.`;
            const undo = document.createElement('button');
            undo.type = 'button';
            undo.textContent = 'Undo';
            undo.style.cssText = 'font:inherit;background:#fff;color:#1a7f37;border:0;border-radius:4px;padding:2px 10px;cursor:pointer';
            undo.addEventListener('click', (event) => {
                if (event.isTrusted)
                    globalThis.ext.runtime.sendMessage({kind: 'fill.undo'});
            });
            box.append(text, undo);
            shadow.append(box);
            document.documentElement.append(host);
            setTimeout(() => host.remove(), 15000);
        }});
}

/* undoTab(tabId) -> fields restored in every frame of the last fill. */
async function undoTab(tabId) {
    const frameIds = lastFills.get(tabId) ?? [];
    lastFills.delete(tabId);
    let restored = 0;
    for (const frameId of frameIds) {
        const [injection] = await ext.scripting.executeScript({target: {tabId, frameIds: [frameId]},
            func: () => globalThis.KeyfillFiller.undo()});
        restored += injection?.result ?? 0;
    }
    await ext.scripting.executeScript({target: {tabId, frameIds: [0]},
        func: () => document.getElementById('keyfill-notice')?.remove()}).catch(() => {});
    await ext.action.setBadgeText({tabId, text: ''});
    return {restored};
}

function openFillWindow(key) {
    return ext.windows.create({url: ext.runtime.getURL(`consent/consent.html?key=${key}`),
        type: 'popup', ...CONSENT_WINDOW});
}

/* Scans @tab into @pending; the host classifies the fields with the first
 * plan of this scan (keepClassified). */
async function readTab(pending, tab) {
    pending.scan = await scanTab(tab);
    if (pending.scan.fields.length === 0)
        throw keyfillError('no_fields', 'This page has no form fields Keyfill can fill.');
    pending.classified = null;
    pending.types = new Map();
}

/* Keeps the classification a plan of unclassified fields came with: it is
 * resent with later plans and the answer, and names the security code. */
function keepClassified(pending, result) {
    if (!Array.isArray(result.classified))
        return;
    pending.classified = result.classified.map(({index, type, section}) => ({index, type, section}));
    pending.types = new Map(pending.classified.map((c) => [c.index, c.type]));
}

/*
 * fillTab(tab) — the toolbar button and the shortcut: scan, plan (the
 * host classifies), and fill or ask. Problems open the same window, which shows them
 * with the next step.
 */
async function fillTab(tab) {
    const key = randomKey();
    const pending = {key, tabId: tab.id, choice: {}, created: Date.now(), question: null,
        problem: null, outcome: null};
    pendingFills.set(key, pending);
    setTimeout(() => pendingFills.delete(key), PENDING_TTL_MS);
    try {
        await readTab(pending, tab);
        pending.outcome = await planAndFill(pending);
    } catch (error) {
        pending.problem = errorToWire(error);
    }
    if (pending.question !== null || pending.problem !== null || (pending.scan?.unreached.length ?? 0) > 0)
        await openFillWindow(key);
    else
        pendingFills.delete(key);
    return pending.outcome;
}

/* showProblem(error) — the fill window, showing what went wrong. */
async function showProblem(error) {
    const key = randomKey();
    pendingFills.set(key, {key, problem: errorToWire(error), question: null});
    setTimeout(() => pendingFills.delete(key), PENDING_TTL_MS);
    await openFillWindow(key);
}

function pendingOf(message) {
    const pending = typeof message.key === 'string' ? pendingFills.get(message.key) : undefined;
    if (pending === undefined)
        throw keyfillError('consent_gone',
            'This question is no longer open. Press the Keyfill button on the page again.');
    return pending;
}

/* consent.show: what the consent window shows: the question (masked values)
 * and the personas to choose from, or the problem. */
async function consentShow(message) {
    const pending = pendingOf(message);
    if (pending.problem !== null)
        return {problem: pending.problem};
    const {personas} = await callHost({type: 'persona.list'});
    return {
        question: pending.question,
        unreached: pending.scan.unreached.map((origin) => ({origin, pattern: originPattern(origin)})),
        skipped: pending.skipped,
        personas: personas.map((p) => ({id: p.id, label: p.label, is_default: p.is_default,
            name: p.name?.full ?? '',
            cards: (p.cards ?? []).map((c) => ({id: c.id, nickname: c.nickname ?? '',
                network: c.network ?? '', number_masked: c.number_masked ?? ''}))})),
        choice: pending.choice,
    };
}

/* consent.choose: another persona or card: plan again (a new question, or
 * a fill when everything is already allowed). */
async function consentChoose(message) {
    const pending = pendingOf(message);
    pending.choice = {persona: message.persona, card: message.card};
    pending.question = null;
    const outcome = await planAndFill(pending);
    if (outcome.filled !== undefined)
        pendingFills.delete(pending.key);
    return outcome;
}

/* consent.rescan: the user let Keyfill into more frames (a granted host
 * permission): read the tab again and plan again. activeTab still holds
 * for the tab until it navigates. */
async function consentRescan(message) {
    const pending = pendingOf(message);
    await readTab(pending, await ext.tabs.get(pending.tabId));
    pending.question = null;
    const outcome = await planAndFill(pending);
    if (outcome.filled !== undefined && pending.scan.unreached.length === 0)
        pendingFills.delete(pending.key);
    return outcome;
}

/* consent.answer: the user's choices go to the host with the fill inputs
 * resent; what comes back is exactly what was allowed, and it is filled. */
async function consentAnswer(message, sender) {
    const pending = pendingOf(message);
    if (pending.question === null)
        throw keyfillError('consent_gone', 'This question was already answered.');
    const choices = (Array.isArray(message.choices) ? message.choices : [])
        .filter((c) => typeof c?.group === 'string' && typeof c?.decision === 'string')
        .map(({group, decision}) => ({group, decision}));
    pendingFills.delete(pending.key);
    /* Deny (or Escape) refuses this fill: the answer is only recorded (no
     * fill inputs, so no values come back), and nothing is filled, not even
     * the groups a stored decision allows. */
    const inputs = message.refused === true ? {origin: pending.scan.site}
        : planInputs(pending.scan, pending.classified, pending.choice);
    const result = await callHost({type: 'consent.answer', request_id: pending.question.request_id,
        choices, ...inputs});
    const filled = result.fill !== undefined ? await applyFill(pending, result) : 0;
    /* Answered: the window has done its job (the page's notice says what
     * was filled). */
    if (Number.isInteger(sender.tab?.windowId))
        ext.windows.remove(sender.tab.windowId).catch(() => {});
    return {filled, denied: result.denied ?? []};
}
