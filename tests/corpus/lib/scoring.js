/*
 * scoring.js — the corpus scoring of ../shared/forms/README.md, as data.
 *
 * Owns: the class → accepted-token table, the NONE and EMAIL_OPTIONAL rules,
 * and the counts (recall, precision, F1, wrong-value fills, fills into NONE),
 * per class and overall. Must never: read files or print (the score and
 * check scripts do that).
 *
 * Definitions (README, "Classes" and "Scoring"):
 *   fill            a non-empty predicted token on a labelled control
 *   correct fill    a fill whose token is accepted for the control's class
 *   recall          correct fills / labelled fillable controls
 *                   (every class but NONE and EMAIL_OPTIONAL)
 *   precision       correct fills / all fills on labelled controls
 *   wrong-value     a fillable control (or EMAIL_OPTIONAL) given a token of
 *                   another class (optional_wrong counts the EMAIL_OPTIONAL ones)
 *   NONE fill       any fill into a NONE control (the worst error)
 * EMAIL_OPTIONAL: an email fill and no fill are both fine; an email fill
 * there is counted as a correct fill (numerator and denominator of
 * precision), never in recall's denominator.
 * Unlabelled controls are not scored.
 */
'use strict';

// class -> tokens that count as a correct fill (README table).
const ACCEPTED = Object.freeze({
  FIRST: ['given-name', 'cc-given-name'],
  LAST: ['family-name', 'cc-family-name'],
  FULL: ['name', 'cc-name'],
  MIDDLE: ['additional-name'],
  EMAIL: ['email'],
  PHONE: ['tel', 'tel-national', 'tel-country-code', 'tel-area-code', 'tel-local',
    'tel-local-prefix', 'tel-local-suffix'],
  STREET: ['street-address', 'address-line1'],
  STREET2: ['address-line2', 'address-line3'],
  CITY: ['address-level2'],
  PROVINCE: ['address-level1'],
  POSTAL: ['postal-code'],
  COUNTRY: ['country', 'country-name'],
  CC_NUMBER: ['cc-number'],
  CC_CSC: ['cc-csc'],
  CC_NAME: ['cc-name', 'name'],
  CC_EXP: ['cc-exp'],
  CC_EXP_MONTH: ['cc-exp-month'],
  CC_EXP_YEAR: ['cc-exp-year'],
  // The README puts the four birthday classes and the four birthday tokens in
  // one row: any birthday token counts for any birthday class.
  BDAY: ['bday', 'bday-day', 'bday-month', 'bday-year'],
  BDAY_DAY: ['bday', 'bday-day', 'bday-month', 'bday-year'],
  BDAY_MONTH: ['bday', 'bday-day', 'bday-month', 'bday-year'],
  BDAY_YEAR: ['bday', 'bday-day', 'bday-month', 'bday-year'],
  // Not fillable: any fill is the worst error.
  NONE: [],
  // Email or nothing.
  EMAIL_OPTIONAL: ['email'],
});

const NOT_IN_RECALL = new Set(['NONE', 'EMAIL_OPTIONAL']);

function ratio(a, b) {
  return b === 0 ? 0 : a / b;
}

function f1(precision, recall) {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/*
 * score(labels, predictions) -> {overall, classes, errors, missing}
 *   labels:      {"NAME.html": [{index, label, class}, ...]}
 *   predictions: Map "NAME.html#index" -> token ('' = no fill)
 * errors lists every miss, wrong-value fill and NONE fill (kind: 'miss' |
 * 'wrong' | 'none-fill' | 'optional-wrong'); missing counts labelled controls
 * with no prediction line at all (scored as no fill).
 */
function score(labels, predictions) {
  const classes = {};
  const overall = {
    labelled: 0, fillable: 0, fills: 0, correct: 0, wrong: 0, optional_wrong: 0, none_fills: 0, missed: 0,
  };
  const errors = [];
  let missing = 0;
  for (const file of Object.keys(labels).sort()) {
    for (const entry of labels[file]) {
      const cls = entry.class;
      const accepted = ACCEPTED[cls];
      if (!accepted) {
        throw new Error(`${file}#${entry.index}: unknown class ${cls}`);
      }
      const key = `${file}#${entry.index}`;
      if (!predictions.has(key)) {
        missing++;
      }
      const token = predictions.get(key) || '';
      const c = classes[cls] || (classes[cls] = { labelled: 0, fills: 0, correct: 0, wrong: 0, missed: 0 });
      c.labelled++;
      overall.labelled++;
      const fillable = !NOT_IN_RECALL.has(cls);
      if (fillable) {
        overall.fillable++;
      }
      const error = { file, index: entry.index, label: entry.label, class: cls, predicted: token };
      if (token === '') {
        if (fillable) {
          c.missed++;
          overall.missed++;
          errors.push(Object.assign({ kind: 'miss' }, error));
        }
        continue;
      }
      c.fills++;
      overall.fills++;
      if (accepted.includes(token)) {
        c.correct++;
        overall.correct++;
      } else if (cls === 'NONE') {
        c.wrong++;
        overall.none_fills++;
        errors.push(Object.assign({ kind: 'none-fill' }, error));
      } else {
        c.wrong++;
        overall.wrong++;
        if (!fillable) {
          overall.optional_wrong++;
        }
        errors.push(Object.assign({ kind: fillable ? 'wrong' : 'optional-wrong' }, error));
      }
    }
  }
  overall.precision = ratio(overall.correct, overall.fills);
  // EMAIL_OPTIONAL email fills are correct fills but not in recall's denominator.
  const recallCorrect = overall.correct - (classes.EMAIL_OPTIONAL ? classes.EMAIL_OPTIONAL.correct : 0);
  overall.recall = ratio(recallCorrect, overall.fillable);
  overall.f1 = f1(overall.precision, overall.recall);
  for (const [cls, c] of Object.entries(classes)) {
    c.precision = ratio(c.correct, c.fills);
    c.recall = NOT_IN_RECALL.has(cls) ? null : ratio(c.correct, c.labelled);
    c.f1 = c.recall === null ? null : f1(c.precision, c.recall);
  }
  return { overall, classes, errors, missing };
}

module.exports = { ACCEPTED, score };
