import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  rubinstein,
  nashBargaining,
  leverage,
  leverageFromHarm,
  breakdownBargaining,
} from '../../src/game/index.ts';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const delta = fc.double({ min: 0, max: 0.99, noNaN: true });

describe('Rubinstein alternating offers', () => {
  test('closed form x1 = (1 - d2)/(1 - d1 d2) when player 1 proposes first', () => {
    fc.assert(
      fc.property(delta, delta, (d1, d2) => {
        const r = rubinstein({ delta1: d1, delta2: d2 });
        close(r.share1, (1 - d2) / (1 - d1 * d2));
        close(r.share2, (d2 * (1 - d1)) / (1 - d1 * d2));
        assert.equal(r.agreement, true);
      }),
    );
  });

  test('player 2 first: x2 = (1 - d1)/(1 - d1 d2); symmetric delta gives 1/(1+delta)', () => {
    fc.assert(
      fc.property(delta, delta, (d1, d2) => {
        close(rubinstein({ delta1: d1, delta2: d2, firstMover: 2 }).share2, (1 - d1) / (1 - d1 * d2));
      }),
    );
    close(rubinstein({ delta1: 0.8, delta2: 0.8 }).share1, 1 / 1.8);
  });

  test('patience is power: delta_i = exp(-r_i h), h -> 0 gives x1 -> r2/(r1 + r2)', () => {
    const h = 1e-7;
    const r = rubinstein({ delta1: Math.exp(-0.05 * h), delta2: Math.exp(-0.15 * h) });
    close(r.share1, 0.15 / 0.2, 1e-6);
  });

  test('outside option principle: a weak option changes nothing', () => {
    // delta 0.9: player 2 gets d2 * y = 0.9 * (1/1.9) = 0.4737 by waiting; 0.3 is cheap talk
    const r = rubinstein({ delta1: 0.9, delta2: 0.9, outside2: 0.3 });
    close(r.share1, 1 / 1.9);
    assert.deepEqual(r.binding, { outside1: false, outside2: false });
    close(r.shiftFromOutsideOptions, 0);
  });

  test('a strong responder option (0.6 > 0.4737) cuts the proposer to exactly 1 - w2', () => {
    const r = rubinstein({ delta1: 0.9, delta2: 0.9, outside2: 0.6 });
    close(r.share1, 0.4);
    assert.deepEqual(r.binding, { outside1: false, outside2: true });
    close(r.shiftFromOutsideOptions, 0.4 - 1 / 1.9);
  });

  test("the proposer's own option binds when responding: x = 1 - d2 (1 - w1)", () => {
    // w1 = 0.6 > d1 x = 0.9 * 0.64 = 0.576
    const r = rubinstein({ delta1: 0.9, delta2: 0.9, outside1: 0.6 });
    close(r.share1, 1 - 0.9 * 0.4);
    assert.deepEqual(r.binding, { outside1: true, outside2: false });
  });

  test('both options bind: x = 1 - w2 while y = 1 - w1', () => {
    const r = rubinstein({ delta1: 0.9, delta2: 0.9, outside1: 0.46, outside2: 0.5 });
    close(r.share1, 0.5);
    assert.deepEqual(r.binding, { outside1: true, outside2: true });
  });

  test('options summing to 1 or more: no agreement', () => {
    const r = rubinstein({ delta1: 0.9, delta2: 0.9, outside1: 0.5, outside2: 0.5 });
    assert.equal(r.agreement, false);
  });

  test('finite horizon by backward induction: 1, 1 - d2, 1 - d2(1 - d1), ... converging to the closed form', () => {
    close(rubinstein({ delta1: 0.7, delta2: 0.8, horizon: 1 }).share1, 1);
    close(rubinstein({ delta1: 0.7, delta2: 0.8, horizon: 2 }).share1, 1 - 0.8);
    close(rubinstein({ delta1: 0.7, delta2: 0.8, horizon: 3 }).share1, 1 - 0.8 * (1 - 0.7));
    close(rubinstein({ delta1: 0.7, delta2: 0.8, horizon: 2 }).share2, 0.8);
    close(
      rubinstein({ delta1: 0.9, delta2: 0.95, horizon: 2001 }).share1,
      (1 - 0.95) / (1 - 0.9 * 0.95),
      1e-9,
    );
    // delta = 1 is allowed with a finite horizon: the last proposer takes all
    close(rubinstein({ delta1: 1, delta2: 1, horizon: 4 }).share1, 0);
  });

  test('finite horizon with outside options: last responder gets its option', () => {
    close(rubinstein({ delta1: 0.9, delta2: 0.9, horizon: 1, outside2: 0.3 }).share1, 0.7);
  });

  test('bad parameters are precise errors', () => {
    assert.throws(
      () => rubinstein({ delta1: 1.5, delta2: 0.5 }),
      /delta1: expected a number in \[0, 1\], got 1\.5/,
    );
    assert.throws(() => rubinstein({ delta1: 1, delta2: 1 }), /delta1 \* delta2 must be < 1/);
    assert.throws(
      () => rubinstein({ delta1: 0.5, delta2: 0.5, horizon: 0 }),
      /horizon: expected a positive integer/,
    );
    assert.throws(() => rubinstein({ delta1: 0.5, delta2: 0.5, outside1: -0.1 }), /outside1/);
  });
});

describe('Nash bargaining and leverage', () => {
  test('u1 = d1 + alpha (1 - d1 - d2)', () => {
    const r = nashBargaining({ d1: 0.2, d2: 0.1 });
    close(r.u1, 0.55);
    close(r.u2, 0.45);
    close(nashBargaining({ d1: 0.2, d2: 0.1, alpha: 1 }).u1, 0.9);
    close(nashBargaining({ d1: -0.3, d2: 0, alpha: 0.5 }).u1, 0.35);
    assert.equal(nashBargaining({ d1: 0.6, d2: 0.5 }).agreement, false);
  });

  test('it maximises the Nash product on the frontier (grid check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 0.4, noNaN: true }),
        fc.double({ min: -1, max: 0.4, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (d1, d2, a) => {
          const r = nashBargaining({ d1, d2, alpha: a });
          const f = (u1: number): number => a * Math.log(u1 - d1) + (1 - a) * Math.log(1 - u1 - d2);
          for (const e of [-1e-3, 1e-3]) {
            const u = r.u1 + e;
            if (u > d1 && 1 - u > d2) assert.ok(f(u) <= f(r.u1) + 1e-12);
          }
        },
      ),
    );
  });

  test('leverage = +-(d1 - d2)/2 whatever the bargaining power, and sums to zero', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 0.4, noNaN: true }),
        fc.double({ min: -2, max: 0.4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (d1, d2, alpha) => {
          const l = leverage({ d1, d2, alpha });
          close(l.leverage[0], (d1 - d2) / 2, 1e-9);
          close(l.leverage[0] + l.leverage[1], 0, 1e-9);
        },
      ),
    );
    // China loses less from no deal (d = -0.1) than the US (d = -0.3): China gains 0.1 of the pie
    const l = leverage({ d1: -0.3, d2: -0.1 });
    close(l.leverage[1], 0.1);
  });
});

describe('risk of breakdown (Binmore, Rubinstein & Wolinsky 1986)', () => {
  test('the shares satisfy the two indifference conditions', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 0.4, noNaN: true }),
        fc.double({ min: -1, max: 0.4, noNaN: true }),
        (q, d1, d2) => {
          const x = breakdownBargaining({ q, d1, d2 }).u1;
          const y = (1 - q) * x + q * d1; // what player 2 must offer player 1
          close(1 - x, (1 - q) * (1 - y) + q * d2, 1e-12);
        },
      ),
    );
  });

  test('q -> 0 gives the Nash bargaining solution; q = 1 leaves the responder exactly d2', () => {
    close(
      breakdownBargaining({ q: 1e-9, d1: 0.2, d2: 0.1 }).u1,
      nashBargaining({ d1: 0.2, d2: 0.1 }).u1,
      1e-8,
    );
    close(breakdownBargaining({ q: 1, d1: 0.2, d2: 0.1 }).u1, 0.9);
    assert.throws(
      () => breakdownBargaining({ q: 0, d1: 0, d2: 0 }),
      /q: expected a breakdown probability in \(0, 1\], got 0/,
    );
  });
});

describe('leverage from harms', () => {
  test('d_i = -harm_i; the side that can hurt more than it is hurt gains (harmTo2 - harmTo1)/2', () => {
    // talks failing costs the US 0.3 of the pie and China 0.1
    const l = leverageFromHarm({ harmTo1: 0.3, harmTo2: 0.1 });
    assert.deepEqual(l.disagreement, [-0.3, -0.1]);
    close(l.leverage[0], -0.1);
    close(l.shares[0], -0.3 + 0.5 * 1.4);
    close(l.harmRatio[0], 1 / 3);
    close(l.harmRatio[1], 3);
    assert.equal(leverageFromHarm({ harmTo1: 0, harmTo2: 0.2 }).harmRatio[0], Infinity);
    assert.throws(
      () => leverageFromHarm({ harmTo1: -1, harmTo2: 0 }),
      /harmTo1: expected a finite harm >= 0, got -1/,
    );
  });
});
