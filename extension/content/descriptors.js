/*
 * descriptors.js — what each form control of a document looks like to a person.
 *
 * Owns: turning every input, select and textarea of ONE document (frame) into a
 * field descriptor in the shape agreed in the descriptor contract (see
 * docs/protocol.md, "classify"): tag, type, name, id, autocomplete, the labels a
 * person reads (label[for], enclosing label, aria-label, aria-labelledby,
 * placeholder, title, nearest preceding text, table column header, fieldset
 * legend), length/pattern hints, visibility, select options, owning form and
 * the document-order index.
 *
 * Must never: read or send a field's value (only whether one is present),
 * change the page (no DOM writes, no focus, no scrolling, no events), or add
 * more than the one global `KeyfillDescriptors`. It runs unchanged as a classic
 * content script (Chromium and Firefox MV3) and injected into a page by the
 * corpus tool (tests/corpus/scan), so both see exactly the same descriptors.
 *
 * Design: one pass over querySelectorAll('input, select, textarea'); index i is
 * the i-th element of that list (the numbering of the corpus labels); the
 * extension adds the controls of shadow roots after them (controlsOf). Layout
 * is read once per control (one getBoundingClientRect) and rendering decisions
 * for text are cached per element for the whole pass, so a 1,000-field page
 * costs tens of milliseconds. Every string is whitespace-collapsed and capped
 * (LIMITS) before it leaves; the host bounds everything again.
 */
(function (root) {
  'use strict';

  if (root.KeyfillDescriptors) {
    return;
  }

  const LIMITS = Object.freeze({
    TEXT_CHARS: 200,          // each label source, name, id, pattern, ...
    OPTIONS: 300,             // options sent per select (first ones)
    OPTION_CHARS: 200,        // value and text of one option
    PRECEDING_NODES: 1000,    // nodes looked at (skipped ones too) walking back for preceding text
    PRECEDING_CHUNKS: 4,      // text nodes with letters or digits gathered at most
    STYLED_SELECT_PX: 10,     // least width and height of a transparent select over a facade
  });

  const CONTROL_SELECTOR = 'input, select, textarea';

  // Subtrees whose text a person never reads as a label.
  const SKIP_TEXT_TAGS = new Set([
    'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'OPTION', 'OPTGROUP',
    'TEXTAREA', 'DATALIST', 'IFRAME', 'OBJECT', 'SVG', 'CANVAS', 'HEAD',
  ]);

  // Input types the extension never fills, whatever the host says.
  const UNFILLABLE_INPUT_TYPES = new Set([
    'hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio',
    'file', 'range', 'color',
  ]);

  const HAS_WORD = /[\p{L}\p{N}]/u;

  // Overflow values with which an ancestor cuts off what lies outside it.
  const CLIPPING = new Set(['hidden', 'clip']);

  // Thrown by the preceding-text walk's filter to end a walk over budget.
  const OUT_OF_BUDGET = Object.freeze({ reason: 'preceding-text walk over budget' });

  const NEEDS_COLLAPSE = /\s\s|[\t\n\r\f\v\u00a0]|^\s|\s$/;

  function clean(text, limit) {
    if (text == null || text === '') {
      return '';
    }
    const raw = String(text);
    const collapsed = NEEDS_COLLAPSE.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw;
    return collapsed.length > limit ? collapsed.slice(0, limit).trimEnd() : collapsed;
  }

  // Keeps the END of over-long text: for preceding text the words nearest to
  // the control matter most.
  function cleanTail(text, limit) {
    const collapsed = String(text).replace(/\s+/g, ' ').trim();
    return collapsed.length > limit ? collapsed.slice(collapsed.length - limit).trimStart() : collapsed;
  }

  /* The words an image stands for, as a screen reader says them: an <img>'s
   * alt, or the aria-label (or, for <svg>, the <title>) of an element with
   * role="img" or an <svg>. Labels drawn as icons ("✉" images, a phone
   * glyph) carry their word this way; '' for anything else. */
  function imageText(element) {
    const tag = element.nodeName.toUpperCase();
    if (tag === 'IMG') {
      return element.getAttribute('alt') || '';
    }
    if (tag !== 'SVG' && element.getAttribute('role') !== 'img') {
      return '';
    }
    const named = element.getAttribute('aria-label');
    if (named) {
      return named;
    }
    const title = tag === 'SVG' ? element.querySelector(':scope > title') : null;
    return title ? title.textContent : '';
  }

  function isInsideImage(node) {
    const parent = node.parentElement;
    return parent !== null && imageText(parent) !== '';
  }

  /* The shadow root @element renders, or null. Open roots are public;
   * closed ones are reachable only through the extension APIs of a content
   * script (Chromium's chrome.dom.openOrClosedShadowRoot, Firefox's
   * element.openOrClosedShadowRoot), and are looked for on custom elements
   * (a name with a hyphen), where web-component forms put them. */
  function shadowRootOf(element) {
    if (element.shadowRoot) {
      return element.shadowRoot;
    }
    if (!element.localName.includes('-')) {
      return null;
    }
    const chromeDom = root.chrome && root.chrome.dom;
    if (chromeDom && typeof chromeDom.openOrClosedShadowRoot === 'function') {
      return chromeDom.openOrClosedShadowRoot(element) || null;
    }
    return element.openOrClosedShadowRoot || null;
  }

  /* The shadow roots inside @scope (a document or a shadow root), nested
   * ones too, in document order of their hosts. */
  function shadowRootsIn(scope) {
    const found = [];
    for (const element of scope.querySelectorAll('*')) {
      const shadow = shadowRootOf(element);
      if (shadow) {
        found.push(shadow, ...shadowRootsIn(shadow));
      }
    }
    return found;
  }

  /*
   * controlsOf(doc, options) -> Array of the controls a scan numbers, index i
   * being the i-th: doc.querySelectorAll('input, select, textarea') first
   * (the corpus numbering), then, with options.shadowRoots, the controls of
   * every shadow root (the forms of web components), root by root.
   */
  function controlsOf(doc, options) {
    return controlsIn(doc, options && options.shadowRoots ? shadowRootsIn(doc) : []);
  }

  function controlsIn(doc, shadowRoots) {
    const controls = Array.from(doc.querySelectorAll(CONTROL_SELECTOR));
    for (const shadow of shadowRoots) {
      controls.push(...shadow.querySelectorAll(CONTROL_SELECTOR));
    }
    return controls;
  }

  /* The element @node is drawn inside: its parent, or across a shadow
   * root's edge its host. */
  function composedParent(node) {
    if (node.parentElement) {
      return node.parentElement;
    }
    const top = node.parentNode;
    return top && top.host ? top.host : null;
  }

  function isControl(node) {
    const tag = node.nodeName;
    return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
  }

  /*
   * One pass over one document. Holds the per-pass caches; nothing survives
   * the call, so a later pass sees a changed page afresh.
   */
  class Pass {
    constructor(doc) {
      this.doc = doc;
      const view = doc.defaultView;
      this.rendered = new Map();   // Element -> boolean: its box and text show
      this.clips = new Map();      // Element -> boolean: its overflow is clipped
      this.texts = new Map();      // Element -> textOf() (legends, headers, labels shared by fields)
      this.stopper = null;         // first visible control met by the preceding-text walk
      this.budget = 0;             // nodes that walk may still look at
      this.backWalkers = new Map(); // document or shadow root -> that walk's TreeWalker
      this.formIndexes = null;     // HTMLFormElement -> index in document.forms, made on first use
      this.labelsByControl = null; // control -> its <label>s, made on first use
      this.shadowRoots = [];       // the shadow roots whose controls are described too
      this.scrollX = view ? view.scrollX : 0;
      this.scrollY = view ? view.scrollY : 0;
    }

    formIndex(form) {
      if (this.formIndexes === null) {
        this.formIndexes = new Map();
        const forms = this.doc.forms;
        for (let i = 0; i < forms.length; i++) {
          this.formIndexes.set(forms[i], i);
        }
      }
      return form && this.formIndexes.has(form) ? this.formIndexes.get(form) : -1;
    }

    /* Built once from label.control: reading control.labels walks the whole
     * document per call (seconds on a 1,000-field page). */
    labelsFor(control) {
      if (this.labelsByControl === null) {
        this.labelsByControl = new Map();
        const scopes = [this.doc, ...this.shadowRoots];
        const labels = scopes.flatMap((scope) => Array.from(scope.querySelectorAll('label')));
        for (const label of labels) {
          const target = label.control;
          if (target) {
            const list = this.labelsByControl.get(target);
            if (list) {
              list.push(label);
            } else {
              this.labelsByControl.set(target, [label]);
            }
          }
        }
      }
      return this.labelsByControl.get(control) || [];
    }

    /* True when @element and its ancestors are rendered and not
     * visibility:hidden / opacity 0 (cached per element). Element.checkVisibility
     * exists in every browser that runs MV3 extensions (Chromium 105+,
     * Firefox 106+); both spellings of its options are passed. */
    isRendered(element) {
      const known = this.rendered.get(element);
      if (known !== undefined) {
        return known;
      }
      const shown = element.checkVisibility({
        checkOpacity: true, checkVisibilityCSS: true,       // first spelling
        opacityProperty: true, visibilityProperty: true,    // current spelling
      });
      this.rendered.set(element, shown);
      return shown;
    }

    /* Visible text of @element as a person reads it: skips scripts, styles,
     * select options and (when @element itself is shown) hidden descendants. */
    textOf(element) {
      if (!element) {
        return '';
      }
      const known = this.texts.get(element);
      if (known !== undefined) {
        return known;
      }
      const text = this.readText(element, LIMITS.TEXT_CHARS);
      this.texts.set(element, text);
      return text;
    }

    readText(element, limit) {
      const skipHidden = this.isRendered(element);
      const pass = this;
      const walker = this.doc.createTreeWalker(element, 5 /* SHOW_ELEMENT | SHOW_TEXT */, {
        acceptNode(node) {
          if (node.parentElement !== element && isInsideImage(node)) {
            return 2; // an image's insides: its words were taken whole
          }
          if (node.nodeType === 3) {
            return 1; // FILTER_ACCEPT
          }
          if (skipHidden && !pass.isRendered(node)) {
            return 2; // FILTER_REJECT: skip the subtree
          }
          if (imageText(node) !== '') {
            return 1; // its words, not its insides
          }
          if (SKIP_TEXT_TAGS.has(node.nodeName.toUpperCase())) {
            return 2;
          }
          return 3; // FILTER_SKIP: look inside
        },
      });
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        text += ' ' + (node.nodeType === 3 ? node.nodeValue : imageText(node));
        if (text.length > limit * 4) {
          break;
        }
      }
      return clean(text, limit);
    }

    /* Text of the visible text nodes before @control in document order, up to
     * the previous visible control, nearest last. */
    precedingText(control) {
      const chunks = [];
      let words = 0;
      let length = 0;
      const scope = control.getRootNode();
      let walker = this.backWalkers.get(scope);
      if (!walker) {
        walker = this.makeBackWalker(scope === this.doc ? this.doc.body || this.doc.documentElement : scope);
        this.backWalkers.set(scope, walker);
      }
      this.stopper = null;
      walker.currentNode = control;
      this.budget = LIMITS.PRECEDING_NODES;
      for (;;) {
        let node;
        try {
          node = walker.previousNode();
        } catch (e) {
          if (e === OUT_OF_BUDGET) {
            break;
          }
          throw e;
        }
        if (!node || this.stopper !== null) {
          break;
        }
        const value = node.nodeType === 3 ? node.nodeValue : imageText(node);
        if (!HAS_WORD.test(value) && value.trim() === '') {
          continue;
        }
        const shown = node.nodeType === 3 ? node.parentElement : node;
        if (!shown || !this.isRendered(shown)) {
          continue;
        }
        chunks.push(value);
        length += value.length;
        if (HAS_WORD.test(value)) {
          words++;
        }
        if (words >= LIMITS.PRECEDING_CHUNKS || length >= LIMITS.TEXT_CHARS) {
          break;
        }
      }
      return cleanTail(chunks.reverse().join(' '), LIMITS.TEXT_CHARS);
    }

    /* A walker over the elements and text of @top (the document's body or a
     * shadow root) that skips unreadable subtrees and records (in
     * this.stopper) the first control a person sees. */
    makeBackWalker(top) {
      const pass = this;
      return this.doc.createTreeWalker(top, 5 /* SHOW_ELEMENT | SHOW_TEXT */, {
          acceptNode(node) {
            // Thousands of hidden inputs in a row must not make the page
            // quadratic: each walk looks at a bounded number of nodes.
            if (--pass.budget < 0) {
              throw OUT_OF_BUDGET;
            }
            if (isInsideImage(node)) {
              return 2;
            }
            if (node.nodeType === 3) {
              return 1;
            }
            if (imageText(node) !== '') {
              return 1;
            }
            if (isControl(node)) {
              // Seen while walking back: the first one a person sees ends the
              // text that belongs to the control being described.
              if (pass.stopper === null && pass.stopsPreceding(node)) {
                pass.stopper = node;
              }
              return 2;
            }
            return SKIP_TEXT_TAGS.has(node.nodeName.toUpperCase()) ? 2 : 3;
          },
        });
    }

    // A control a person sees ends the text that belongs to the next one.
    stopsPreceding(node) {
      if (node.nodeName === 'INPUT' && String(node.type).toLowerCase() === 'hidden') {
        return false;
      }
      return this.isRendered(node);
    }

    /* Header cell text of @control's column when it sits in a table whose
     * header row is made of <th> cells (or lives in <thead>). */
    columnHeader(control) {
      const cell = control.closest('td, th');
      if (!cell) {
        return '';
      }
      const row = cell.parentElement;
      const table = cell.closest('table');
      if (!row || !table || row.nodeName !== 'TR') {
        return '';
      }
      let column = 0;
      for (let c = row.firstElementChild; c && c !== cell; c = c.nextElementSibling) {
        column += c.colSpan || 1;
      }
      const header = this.headerRow(table, row);
      if (!header) {
        return '';
      }
      let at = 0;
      for (let c = header.firstElementChild; c; c = c.nextElementSibling) {
        const span = c.colSpan || 1;
        if (column >= at && column < at + span) {
          return c.nodeName === 'TH' || header.parentElement.nodeName === 'THEAD'
            ? this.textOf(c) : '';
        }
        at += span;
      }
      return '';
    }

    headerRow(table, ownRow) {
      if (table.tHead && table.tHead.rows.length > 0) {
        const rows = table.tHead.rows;
        const last = rows[rows.length - 1];
        return last === ownRow ? null : last;
      }
      const first = table.rows[0];
      if (!first || first === ownRow) {
        return null;
      }
      for (let c = first.firstElementChild; c; c = c.nextElementSibling) {
        if (c.nodeName !== 'TH') {
          return null;
        }
      }
      return first;
    }

    labelsOf(control, hiddenType) {
      const sources = {};
      const add = (key, value) => {
        if (value) {
          sources[key] = value;
        }
      };
      let forText = '';
      let enclosingText = '';
      const labels = this.labelsFor(control);
      for (const label of labels) {
        const text = this.textOf(label);
        if (!text) {
          continue;
        }
        if (label.contains(control)) {
          enclosingText = enclosingText || text;
        } else {
          forText = forText ? clean(forText + ' ' + text, LIMITS.TEXT_CHARS) : text;
        }
      }
      add('for', forText);
      add('enclosing', enclosingText);
      add('aria_label', clean(control.getAttribute('aria-label'), LIMITS.TEXT_CHARS));
      const labelledby = control.getAttribute('aria-labelledby');
      if (labelledby) {
        const rootNode = control.getRootNode();
        const parts = [];
        for (const ref of labelledby.trim().split(/\s+/)) {
          const target = rootNode.getElementById ? rootNode.getElementById(ref) : this.doc.getElementById(ref);
          if (target && target !== control) {
            parts.push(this.textOf(target));
          }
        }
        add('aria_labelledby', clean(parts.join(' '), LIMITS.TEXT_CHARS));
      }
      add('placeholder', clean(control.getAttribute('placeholder'), LIMITS.TEXT_CHARS));
      add('title', clean(control.getAttribute('title'), LIMITS.TEXT_CHARS));
      // Text a person reads near a control only exists for one they can see:
      // type=hidden inputs (often thousands per page) get no nearby text.
      if (!hiddenType) {
        add('preceding', this.precedingText(control));
        add('column', this.columnHeader(control));
      }
      const fieldset = control.closest('fieldset');
      if (fieldset) {
        for (let c = fieldset.firstElementChild; c; c = c.nextElementSibling) {
          if (c.nodeName === 'LEGEND') {
            add('legend', this.textOf(c));
            break;
          }
        }
      }
      return sources;
    }

    /* A <select> made transparent itself and stacked over a styled facade:
     * the standard custom-dropdown pattern. The user sees the facade and
     * clicks through it into the select, so it is a field they use. Only
     * the select's own opacity may be 0 (a faded-out panel hides everything
     * in it), it must be rendered otherwise, of a clickable size, in the
     * tab order and not aria-hidden: a trap made this way is still hidden. */
    isStyledSelect(control) {
      if (control.nodeName !== 'SELECT' || control.getAttribute('tabindex') === '-1' ||
          control.closest('[aria-hidden="true"]')) {
        return false;
      }
      const view = control.ownerDocument.defaultView;
      if (!view || Number(view.getComputedStyle(control).opacity) !== 0) {
        return false;
      }
      const parent = control.parentElement;
      if (!parent || !this.isRendered(parent) || !control.checkVisibility({
        checkVisibilityCSS: true, visibilityProperty: true,
      })) {
        return false;
      }
      const rect = control.getBoundingClientRect();
      return rect.width >= LIMITS.STYLED_SELECT_PX && rect.height >= LIMITS.STYLED_SELECT_PX;
    }

    /* Rendered, at least 2x2 CSS pixels, not hidden, not opacity 0 (but see
     * isStyledSelect), not placed entirely above or left of the page (the
     * usual off-screen trick) and not cut away by an ancestor that clips its
     * overflow. */
    isVisible(control, type) {
      if (type === 'hidden' || control.hidden) {
        return false;
      }
      if (!this.isRendered(control) && !this.isStyledSelect(control)) {
        return false;
      }
      const rect = control.getBoundingClientRect();
      if (rect.width < 2 || rect.height < 2) {
        return false;
      }
      if (rect.right + this.scrollX <= 0 || rect.bottom + this.scrollY <= 0) {
        return false;
      }
      return !this.isClippedAway(control, rect);
    }

    /* True when an ancestor that clips its overflow leaves less than 2x2
     * CSS pixels of @rect showing (a field inside a collapsed box). Only
     * ancestors with overflow hidden or clip are measured: a scrolling box
     * shows its fields when scrolled, a hiding one never does. */
    isClippedAway(control, rect) {
      const view = this.doc.defaultView;
      let left = rect.left;
      let top = rect.top;
      let right = rect.right;
      let bottom = rect.bottom;
      for (let node = composedParent(control); node && node !== this.doc.documentElement; node = composedParent(node)) {
        let clips = this.clips.get(node);
        if (clips === undefined) {
          const style = view ? view.getComputedStyle(node) : null;
          clips = style !== null && (CLIPPING.has(style.overflowX) || CLIPPING.has(style.overflowY));
          this.clips.set(node, clips);
        }
        if (!clips) {
          continue;
        }
        const box = node.getBoundingClientRect();
        left = Math.max(left, box.left);
        top = Math.max(top, box.top);
        right = Math.min(right, box.right);
        bottom = Math.min(bottom, box.bottom);
        if (right - left < 2 || bottom - top < 2) {
          return true;
        }
      }
      return false;
    }

    /* What decides whether @control may take a value now (isFillable):
     * {tag, type, visible, disabled, readonly}. */
    fillState(control) {
      const tag = control.nodeName.toLowerCase();
      let type;
      if (tag === 'input') {
        type = clean(control.getAttribute('type'), LIMITS.TEXT_CHARS).toLowerCase() || 'text';
      } else if (tag === 'select') {
        type = control.multiple ? 'select-multiple' : 'select-one';
      } else {
        type = 'textarea';
      }
      return {
        tag,
        type,
        visible: this.isVisible(control, tag === 'input' ? control.type : type),
        disabled: control.disabled === true || control.matches(':disabled'),
        readonly: tag !== 'select' && control.readOnly === true,
      };
    }

    describe(control, index, frame) {
      const state = this.fillState(control);
      const tag = state.tag;
      const canonicalType = tag === 'input' ? control.type : state.type;
      const d = {
        index,
        frame,
        form: this.formIndex(control.form),
        tag,
        type: state.type,
      };
      const name = clean(control.getAttribute('name'), LIMITS.TEXT_CHARS);
      const id = clean(control.id, LIMITS.TEXT_CHARS);
      const autocomplete = clean(control.getAttribute('autocomplete'), LIMITS.TEXT_CHARS);
      if (name) {
        d.name = name;
      }
      if (id) {
        d.id = id;
      }
      if (autocomplete) {
        d.autocomplete = autocomplete;
      }
      const labels = this.labelsOf(control, canonicalType === 'hidden');
      const best = labels.for || labels.enclosing || labels.aria_labelledby || labels.aria_label;
      if (best) {
        d.label = best;
      }
      d.labels = labels;
      if (tag !== 'select') {
        if (control.maxLength >= 0 && control.hasAttribute('maxlength')) {
          d.maxlength = control.maxLength;
        }
        if (control.minLength >= 0 && control.hasAttribute('minlength')) {
          d.minlength = control.minLength;
        }
      }
      if (tag === 'input' && control.hasAttribute('size')) {
        d.size = control.size;
      }
      const pattern = clean(control.getAttribute('pattern'), LIMITS.TEXT_CHARS);
      if (pattern) {
        d.pattern = pattern;
      }
      const inputmode = clean(control.getAttribute('inputmode'), LIMITS.TEXT_CHARS).toLowerCase();
      if (inputmode) {
        d.inputmode = inputmode;
      }
      if (labels.placeholder) {
        d.placeholder = labels.placeholder;
      }
      if (tag === 'select') {
        d.value_present = control.selectedIndex > 0;
      } else if (canonicalType === 'checkbox' || canonicalType === 'radio') {
        d.value_present = control.checked;
      } else {
        d.value_present = control.value !== '';
      }
      d.visible = state.visible;
      d.disabled = state.disabled;
      d.readonly = state.readonly;
      if (tag === 'select') {
        const options = control.options;
        const count = Math.min(options.length, LIMITS.OPTIONS);
        d.options = [];
        for (let i = 0; i < count; i++) {
          d.options.push({
            value: clean(options[i].value, LIMITS.OPTION_CHARS),
            text: clean(options[i].text, LIMITS.OPTION_CHARS),
          });
        }
        d.options_total = options.length;
      }
      return d;
    }
  }

  /*
   * scanDocument(doc, options) -> {controls, descriptors}: the controls a
   * scan numbers (controlsOf) and one descriptor per control, in that order
   * (index i is the i-th). options.frame is the frame number the caller
   * assigned (0 = top); options.shadowRoots adds the controls of shadow
   * roots (the extension does; the corpus tool, whose numbering is the
   * document's own, does not). Reads only; never throws for odd markup (a
   * control that cannot be read is described by tag, type and index alone
   * and marked not visible).
   */
  function scanDocument(doc, options) {
    const frame = options && Number.isInteger(options.frame) ? options.frame : 0;
    const pass = new Pass(doc);
    if (options && options.shadowRoots) {
      pass.shadowRoots = shadowRootsIn(doc);
    }
    const controls = controlsIn(doc, pass.shadowRoots);
    const descriptors = new Array(controls.length);
    for (let i = 0; i < controls.length; i++) {
      try {
        descriptors[i] = pass.describe(controls[i], i, frame);
      } catch (e) {
        descriptors[i] = {
          index: i, frame, form: -1, tag: controls[i].nodeName.toLowerCase(), type: '',
          labels: {}, value_present: false, visible: false, disabled: false, readonly: false,
        };
      }
    }
    return { controls, descriptors };
  }

  /* describeDocument(doc, options) -> the descriptors of scanDocument(). */
  function describeDocument(doc, options) {
    return scanDocument(doc, options).descriptors;
  }

  /*
   * fillableNow(doc, controls) -> Array of booleans, one per element of
   * @controls (elements of @doc): whether isFillable holds for it at this
   * moment. Reads layout and style only, none of the labels.
   */
  function fillableNow(doc, controls) {
    const pass = new Pass(doc);
    return controls.map((control) => {
      try {
        return isFillable(pass.fillState(control));
      } catch (e) {
        return false;
      }
    });
  }

  /*
   * isFillable(descriptor) -> true when the extension may put a value in the
   * field: visible, enabled, writable, and not a button/checkbox/radio/hidden/
   * file-like input or a multiple select. The host's type is applied only to
   * fields for which this is true.
   */
  function isFillable(d) {
    if (!d || !d.visible || d.disabled || d.readonly) {
      return false;
    }
    if (d.tag === 'select') {
      return d.type === 'select-one';
    }
    if (d.tag === 'input') {
      return !UNFILLABLE_INPUT_TYPES.has(d.type);
    }
    return d.tag === 'textarea';
  }

  Object.defineProperty(root, 'KeyfillDescriptors', {
    value: Object.freeze({ LIMITS, controlsOf, describeDocument, fillableNow, isFillable, scanDocument }),
    configurable: false,
    enumerable: false,
    writable: false,
  });
})(typeof globalThis !== 'undefined' ? globalThis : this);
