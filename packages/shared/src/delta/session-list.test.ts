import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../feed/protocol';
import { applySessionListChange, diffSessionList, receiveSessionListChange } from './session-list';

const summary = (id: string, fields: Partial<SessionSummary> = {}): SessionSummary => ({
  id,
  seriesId: 'imsa-vp',
  event: 'Sebring',
  name: `Race ${id}`,
  status: 'running',
  flag: 'green',
  demo: false,
  carCount: 20,
  classes: [{ id: 'LMP3', name: 'LMP3', color: '#0a0' }],
  ...fields,
});

describe('diffSessionList', () => {
  it('names the added, changed and removed sessions only', () => {
    const before = [summary('a'), summary('b'), summary('c')];
    const after = [summary('a'), summary('b', { flag: 'fcy' }), summary('d')];
    expect(diffSessionList(before, after)).toEqual({
      added: [summary('d')],
      changed: [summary('b', { flag: 'fcy' })],
      removed: ['c'],
    });
  });

  it('is undefined when no summary changed, even if the objects are new', () => {
    expect(diffSessionList([summary('a'), summary('b')], [summary('a'), summary('b')])).toBeUndefined();
  });

  it('sees a change deep in a summary (a class colour)', () => {
    const after = summary('a', { classes: [{ id: 'LMP3', name: 'LMP3', color: '#f00' }] });
    expect(diffSessionList([summary('a')], [after])?.changed).toEqual([after]);
  });

  it('treats ids that are property names as ordinary ids', () => {
    const change = diffSessionList([summary('toString')], [summary('__proto__'), summary('valueOf')]);
    expect(change).toEqual({ added: [summary('__proto__'), summary('valueOf')], changed: [], removed: ['toString'] });
  });
});

describe('applySessionListChange', () => {
  it('rebuilds the list the change was made from, in order', () => {
    const before = [summary('a'), summary('b'), summary('c')];
    const after = [summary('a'), summary('b', { carCount: 21 }), summary('d')];
    expect(applySessionListChange(before, diffSessionList(before, after)!)).toEqual(after);
  });

  it('keeps the identity of every summary that did not change', () => {
    const before = [summary('a'), summary('b')];
    const next = applySessionListChange(before, { added: [], changed: [summary('b', { flag: 'red' })], removed: [] });
    expect(next[0]).toBe(before[0]);
    expect(next[1]!.flag).toBe('red');
  });

  it('does not list a session twice when it is sent as added again', () => {
    const next = applySessionListChange([summary('a')], {
      added: [summary('a', { name: 'new' })],
      changed: [],
      removed: [],
    });
    expect(next).toEqual([summary('a', { name: 'new' })]);
  });
});

describe('receiveSessionListChange', () => {
  const copy = { seq: 4, sessions: [summary('a')] };

  it('applies the next change', () => {
    const received = receiveSessionListChange(copy, { seq: 5, added: [summary('b')], changed: [], removed: ['a'] });
    expect(received).toEqual({ copy: { seq: 5, sessions: [summary('b')] }, resync: false });
  });

  it('skips a change already seen', () => {
    expect(receiveSessionListChange(copy, { seq: 4, added: [], changed: [], removed: ['a'] })).toEqual({
      copy,
      resync: false,
    });
  });

  it('asks for the whole list after a gap, or without a list', () => {
    const change = { seq: 7, added: [summary('b')], changed: [], removed: [] };
    expect(receiveSessionListChange(copy, change)).toEqual({ copy, resync: true });
    expect(receiveSessionListChange(undefined, change).resync).toBe(true);
  });
});
