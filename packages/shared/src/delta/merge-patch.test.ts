import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMergePatch, diffMergePatch } from './merge-patch';

describe('merge patch deltas', () => {
  const before = {
    info: { flag: 'green', lapsRemaining: 10 },
    order: ['1', '2'],
    cars: { '1': { laps: 5, gap: { ms: 1 } }, '2': { laps: 5 } },
  };

  it('carries only the changed fields of changed cars', () => {
    const after = {
      info: { flag: 'yellow', lapsRemaining: 10 },
      order: ['1', '2'],
      cars: { '1': { laps: 6, gap: { ms: 1 } }, '2': { laps: 5 } },
    };
    expect(diffMergePatch(before, after)).toEqual({ info: { flag: 'yellow' }, cars: { '1': { laps: 6 } } });
  });

  it('uses null for removed fields and replaces arrays whole', () => {
    const after = {
      info: { flag: 'green' },
      order: ['2', '1'],
      cars: { '1': { laps: 5, gap: { laps: 1 } }, '2': { laps: 5 } },
    };
    expect(diffMergePatch(before, after)).toEqual({
      info: { lapsRemaining: null },
      order: ['2', '1'],
      cars: { '1': { gap: { ms: null, laps: 1 } } },
    });
  });

  it('is undefined when nothing changed', () => {
    expect(diffMergePatch(before, structuredClone(before))).toBeUndefined();
  });

  it('keeps the identity of untouched branches when applied', () => {
    const patched = applyMergePatch(before, { cars: { '1': { laps: 6 } } });
    expect(patched.cars['2']).toBe(before.cars['2']);
    expect(patched.cars['1']).not.toBe(before.cars['1']);
    expect(patched.info).toBe(before.info);
    expect(before.cars['1'].laps).toBe(5);
  });

  it('round-trips: applying diff(a, b) to a gives b', () => {
    const value = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'd'),
      fc.oneof(fc.integer(), fc.string(), fc.array(fc.integer(), { maxLength: 3 })),
    );
    const doc = fc.dictionary(fc.constantFrom('x', 'y', 'z'), fc.oneof(value, fc.integer()));
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const patch = diffMergePatch(a, b);
        expect(patch === undefined ? a : applyMergePatch(a, patch)).toEqual(b);
      }),
    );
  });
});

describe('keys that are built-in property names', () => {
  const withCar = (number: string, laps: number) =>
    JSON.parse(`{"cars":{"1":{"laps":1},"${number}":{"laps":${laps}}}}`);
  const withoutCar = () => ({ cars: { '1': { laps: 1 } } });

  it.each(['toString', 'valueOf', 'constructor', '__proto__'])(
    'carries %s through add, change and removal',
    (number) => {
      const added = diffMergePatch(withoutCar(), withCar(number, 2))!;
      const view = applyMergePatch(withoutCar(), JSON.parse(JSON.stringify(added)));
      expect(Object.getPrototypeOf(view.cars)).toBe(Object.prototype);
      expect(Object.hasOwn(view.cars, number)).toBe(true);
      expect(JSON.stringify(view)).toBe(JSON.stringify(withCar(number, 2)));
      const changed = diffMergePatch(withCar(number, 2), withCar(number, 3))!;
      expect(JSON.stringify(applyMergePatch(view, JSON.parse(JSON.stringify(changed))))).toBe(
        JSON.stringify(withCar(number, 3)),
      );
      const removed = diffMergePatch(withCar(number, 3), withoutCar())!;
      expect(JSON.stringify(removed)).toBe(`{"cars":{"${number}":null}}`);
      expect(applyMergePatch(withCar(number, 3), removed)).toEqual(withoutCar());
    },
  );
});
