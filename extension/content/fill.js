/*
 * fill.js — the filler: runs in every frame of the tab the user acted on,
 * next to descriptors.js, and does only what background.js tells it.
 *
 * Owns, for ONE frame: the list of controls described by the last scan (so a
 * field index names the same element at fill time), putting values in them
 * the way a person's typing would reach the page's framework, the highlight
 * of filled fields, undo, reading values back after the page's scripts ran,
 * and focusing the security code field for the user to type.
 *
 * Must never: talk to the host, decide what to fill (the host's plan does,
 * and background.js hands each frame only its own fields), fill a field that
 * is not fillable now (hidden, disabled, read-only, a button-like input), send
 * a value anywhere (read-back reports a match flag and a shape only), or add
 * more than the one global `KeyfillFiller`.
 *
 * Design: values are written with the native value setter of the element's
 * own prototype (HTMLInputElement / HTMLTextAreaElement / HTMLSelectElement),
 * because React and similar libraries wrap the instance's `value` property
 * and would not see a plain assignment; then `input` and `change` bubble and
 * the field gets `blur`/`focusout`, the events frameworks (React, Vue,
 * Angular) and validation scripts listen to.
 */
(function (root) {
  'use strict';

  if (root.KeyfillFiller) {
    return;
  }

  const HIGHLIGHT = Object.freeze({
    outline: '2px solid #1a7f37',
    'outline-offset': '1px',
    'background-color': '#e6f4ea',
  });
  // Read-back waits one animation frame and this long, so the page's own
  // formatters (masks, re-renders) have run.
  const READ_BACK_DELAY_MS = 150;
  const MAX_SHAPE_CHARS = 32;
  // Web components' forms count: the controls of shadow roots are scanned too.
  const SCAN_OPTIONS = Object.freeze({ shadowRoots: true });

  const state = {
    controls: [],     // the elements of the last scan, in descriptor order
    filled: [],       // {element, previous, style} of the last fill, for undo
    generation: 0,    // bumped by every fill and undo: a read-back after either is void
  };

  function setNative(element, value) {
    const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype
      : element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
        : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value').set.call(element, value);
  }

  function announce(element) {
    // composed: a typed character's input event leaves a shadow root too
    element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
    element.dispatchEvent(new FocusEvent('blur'));
    element.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  }

  /* The shape of a value the page rewrote: digits 9, letters A, the
   * separators docs/protocol.md (fill.report) accepts kept, nothing else. */
  function shapeOf(value) {
    let shape = '';
    for (const c of value) {
      if (/\p{N}/u.test(c)) {
        shape += '9';
      } else if (/\p{L}/u.test(c)) {
        shape += 'A';
      } else if ('/.-()+ '.includes(c)) {
        shape += c;
      } else {
        return null;
      }
    }
    return shape.length > 0 && shape.length <= MAX_SHAPE_CHARS ? shape : null;
  }

  function highlight(element) {
    const style = element.getAttribute('style');
    for (const [name, value] of Object.entries(HIGHLIGHT)) {
      element.style.setProperty(name, value, 'important');
    }
    return style;
  }

  function restoreStyle(element, style) {
    if (style === null) {
      element.removeAttribute('style');
    } else {
      element.setAttribute('style', style);
    }
  }

  /*
   * scan() -> the descriptors of this document (index = position among its
   * controls; background.js renumbers them tab-wide). Remembers the controls
   * for fill().
   */
  function scan() {
    const { controls, descriptors } = root.KeyfillDescriptors.scanDocument(document, SCAN_OPTIONS);
    state.controls = controls;
    return descriptors;
  }

  /* The indexes among @locals (of the last scan) whose element is still
   * in place (the same element at the same position) and fillable now. */
  function fillableOfLastScan(locals) {
    const current = root.KeyfillDescriptors.controlsOf(document, SCAN_OPTIONS);
    const placed = locals.filter((local) =>
      state.controls[local] !== undefined && state.controls[local] === current[local]);
    const now = root.KeyfillDescriptors.fillableNow(document, placed.map((local) => state.controls[local]));
    return new Set(placed.filter((local, i) => now[i]));
  }

  /*
   * embeddedOrigins() -> the web origins of the visible iframes of this
   * document that are not its own. Page content: used only to know which
   * origins to ASK the user to let Keyfill into (the browser's prompt shows
   * them); what is filled there is decided by the origin the browser
   * reports once the frame is reached.
   */
  function embeddedOrigins() {
    const origins = new Set();
    for (const frame of document.querySelectorAll('iframe')) {
      const box = frame.getBoundingClientRect();
      if (box.width < 2 || box.height < 2 || !frame.checkVisibility()) {
        continue;
      }
      try {
        const url = new URL(frame.src, document.baseURI);
        if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== location.origin) {
          origins.add(url.origin);
        }
      } catch (e) {
        // not a URL: nothing to ask for
      }
    }
    return [...origins];
  }

  /*
   * fill({values, types, formats, focus}) -> {filled, reports}
   * @values: index of the last scan (string) -> value, only this frame's
   * fields; @types and @formats keyed the same way.
   * Skips (and does not report) a field that is gone or no longer
   * fillable. After the page's scripts ran, reads each value back:
   * reports [{index, type, format_used, read_back_matches,
   * rewritten_to_format?}] for fill.report. @focus: an index to focus
   * afterwards (the security code), or null. When the user undid the fill
   * (or a new fill began) before the read-back, the values are gone
   * because of Keyfill, not the page: nothing is reported, or the host
   * would learn that the page refuses those spellings.
   */
  async function fill(plan) {
    undoHighlightOnly();
    state.filled = [];
    const generation = ++state.generation;
    const asked = Object.keys(plan.values).map(Number);
    const focus = plan.focus === null || plan.focus === undefined ? null : Number(plan.focus);
    const fillable = fillableOfLastScan(focus === null ? asked : [...asked, focus]);
    const done = [];
    for (const [key, value] of Object.entries(plan.values)) {
      const local = Number(key);
      const element = state.controls[local];
      if (!fillable.has(local)) {
        continue;
      }
      const previous = element.value;
      if (element instanceof HTMLSelectElement &&
          ![...element.options].some((option) => option.value === value)) {
        continue;
      }
      setNative(element, value);
      announce(element);
      state.filled.push({ element, previous, style: highlight(element) });
      done.push({ key, element, value });
    }
    if (focus !== null && fillable.has(focus)) {
      state.controls[focus].focus({ preventScroll: false });
    }
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, READ_BACK_DELAY_MS)));
    if (state.generation !== generation) {
      return { filled: done.length, reports: [] };
    }
    const reports = [];
    for (const { key, element, value } of done) {
      const kept = element.value === value;
      const report = {
        index: Number(key),
        type: plan.types[key] ?? '',
        format_used: plan.formats[key] ?? '',
        read_back_matches: kept,
      };
      if (!kept && element.value !== '') {
        const shape = shapeOf(element.value);
        if (shape !== null) {
          report.rewritten_to_format = shape;
        }
      }
      reports.push(report);
    }
    return { filled: done.length, reports };
  }

  function undoHighlightOnly() {
    for (const { element, style } of state.filled) {
      restoreStyle(element, style);
    }
  }

  /* undo() -> number of fields put back to what they held before the last
   * fill (through the same setter and events), highlight removed. */
  function undo() {
    state.generation++;
    let restored = 0;
    for (const { element, previous, style } of state.filled.reverse()) {
      if (!element.isConnected) {
        continue;
      }
      setNative(element, previous);
      announce(element);
      restoreStyle(element, style);
      restored++;
    }
    state.filled = [];
    return restored;
  }

  Object.defineProperty(root, 'KeyfillFiller', {
    value: Object.freeze({ scan, embeddedOrigins, fill, undo }),
    configurable: false,
    enumerable: false,
    writable: false,
  });
})(globalThis);
