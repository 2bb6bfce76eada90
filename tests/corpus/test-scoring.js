/*
 * test-scoring.js — tests/corpus/lib/scoring.js against the README's rules,
 * one row per rule. Run: node --test tests/corpus/test-scoring.js
 */
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');
const { ACCEPTED, score } = require('./lib/scoring.js');

// [class, predicted token, outcome] — outcome is what the control adds up to.
const ROWS = [
  ['FIRST', 'given-name', 'correct'],
  ['FIRST', 'cc-given-name', 'correct'],
  ['FIRST', 'family-name', 'wrong'],
  ['FIRST', '', 'miss'],
  ['FULL', 'cc-name', 'correct'],
  ['CC_NAME', 'name', 'correct'],
  ['PHONE', 'tel-local-suffix', 'correct'],
  ['PHONE', 'tel-extension', 'wrong'],
  ['STREET', 'address-line1', 'correct'],
  ['STREET', 'address-line2', 'wrong'],
  ['STREET2', 'address-line3', 'correct'],
  ['COUNTRY', 'country-name', 'correct'],
  ['CC_EXP', 'cc-exp-month', 'wrong'],
  ['BDAY_DAY', 'bday-day', 'correct'],
  ['BDAY', 'bday', 'correct'],
  ['NONE', '', 'nothing'],
  ['NONE', 'email', 'none-fill'],
  ['EMAIL_OPTIONAL', '', 'nothing'],
  ['EMAIL_OPTIONAL', 'email', 'optional-correct'],
  ['EMAIL_OPTIONAL', 'tel', 'optional-wrong'],
];

function one(cls, token) {
  const labels = { 'p.html': [{ index: 0, label: 'x', class: cls }] };
  return score(labels, new Map([['p.html#0', token]]));
}

for (const [cls, token, outcome] of ROWS) {
  test(`${cls} given "${token}" is ${outcome}`, () => {
    const { overall: o, errors } = one(cls, token);
    const expected = {
      correct: { fills: 1, correct: 1, wrong: 0, none_fills: 0, missed: 0, fillable: 1 },
      wrong: { fills: 1, correct: 0, wrong: 1, none_fills: 0, missed: 0, fillable: 1 },
      miss: { fills: 0, correct: 0, wrong: 0, none_fills: 0, missed: 1, fillable: 1 },
      nothing: { fills: 0, correct: 0, wrong: 0, none_fills: 0, missed: 0, fillable: 0 },
      'none-fill': { fills: 1, correct: 0, wrong: 0, none_fills: 1, missed: 0, fillable: 0 },
      'optional-correct': { fills: 1, correct: 1, wrong: 0, none_fills: 0, missed: 0, fillable: 0 },
      'optional-wrong': { fills: 1, correct: 0, wrong: 1, none_fills: 0, missed: 0, fillable: 0 },
    }[outcome];
    for (const [key, value] of Object.entries(expected)) {
      assert.equal(o[key], value, `${key} in ${JSON.stringify(o)}`);
    }
    const kinds = errors.map((e) => e.kind);
    const expectedKinds = { wrong: ['wrong'], miss: ['miss'], 'none-fill': ['none-fill'],
      'optional-wrong': ['optional-wrong'] }[outcome] || [];
    assert.deepEqual(kinds, expectedKinds);
  });
}

test('every class of the README table is known', () => {
  const classes = ['FIRST', 'LAST', 'FULL', 'MIDDLE', 'EMAIL', 'PHONE', 'STREET', 'STREET2', 'CITY',
    'PROVINCE', 'POSTAL', 'COUNTRY', 'CC_NUMBER', 'CC_CSC', 'CC_NAME', 'CC_EXP', 'CC_EXP_MONTH',
    'CC_EXP_YEAR', 'BDAY', 'BDAY_DAY', 'BDAY_MONTH', 'BDAY_YEAR', 'NONE', 'EMAIL_OPTIONAL'];
  assert.deepEqual(Object.keys(ACCEPTED).sort(), classes.sort());
});

test('an unknown class is an error, not a silent zero', () => {
  assert.throws(() => one('SSN', 'cc-number'), /unknown class SSN/);
});

test('overall figures: EMAIL_OPTIONAL email fills count in precision, not in recall', () => {
  // 4 fillable: 2 correct, 1 wrong, 1 missed; 1 NONE filled; 1 EMAIL_OPTIONAL email fill;
  // unlabelled control 9 is ignored; control 8 has no prediction line (a miss).
  const labels = { 'p.html': [
    { index: 0, label: 'a', class: 'EMAIL' }, { index: 1, label: 'b', class: 'FIRST' },
    { index: 2, label: 'c', class: 'LAST' }, { index: 3, label: 'd', class: 'NONE' },
    { index: 4, label: 'e', class: 'EMAIL_OPTIONAL' }, { index: 8, label: 'f', class: 'CITY' },
  ] };
  const predictions = new Map([
    ['p.html#0', 'email'], ['p.html#1', 'given-name'], ['p.html#2', 'given-name'],
    ['p.html#3', 'tel'], ['p.html#4', 'email'], ['p.html#9', 'cc-number'],
  ]);
  const { overall: o, missing } = score(labels, predictions);
  assert.equal(missing, 1);
  assert.equal(o.fills, 5);
  assert.equal(o.correct, 3);
  assert.equal(o.precision, 3 / 5);
  assert.equal(o.recall, 2 / 4);
  assert.ok(Math.abs(o.f1 - (2 * 0.6 * 0.5) / 1.1) < 1e-12);
  assert.equal(o.none_fills, 1);
  assert.equal(o.wrong, 1);
  assert.equal(o.missed, 1);
});
