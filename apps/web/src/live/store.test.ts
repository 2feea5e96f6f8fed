import { afterEach, describe, expect, it } from 'vitest';
import type { SessionSummary, SessionView } from '@pitwall/shared';
import { useLive } from './store';

const view = (name: string) => ({ info: { name } }) as unknown as SessionView;
const snapshot = (seq: number, name: string) => ({ sessionId: 's', seq, view: view(name) });
const shown = () => (useLive.getState().copy?.view.info as { name?: string } | undefined)?.name;

describe('what the screen shows: live, delayed, or a moment looked back at', () => {
  afterEach(() => {
    useLive.getState().setDelay(0);
    useLive.getState().follow(undefined);
  });

  it('with a delay, shows each copy once it is due, while the live copy stays in sequence', () => {
    useLive.getState().follow('s');
    useLive.getState().setDelay(30_000);
    const start = Date.now();
    useLive.getState().receiveSnapshot(snapshot(1, 'lap 1'));
    expect(useLive.getState().live?.seq).toBe(1);
    expect(shown()).toBeUndefined();
    useLive.getState().tick(start + 29_000);
    expect(shown()).toBeUndefined();
    useLive.getState().tick(start + 31_000);
    expect(shown()).toBe('lap 1');
    useLive.getState().setDelay(0);
    expect(shown()).toBe('lap 1');
  });

  it('a seek holds the screen until back to live, which shows what is on air', () => {
    useLive.getState().follow('s');
    useLive.getState().receiveSnapshot(snapshot(1, 'now'));
    useLive.getState().showSeek({ label: 'lap 3', view: view('lap 3') });
    expect(shown()).toBe('lap 3');
    useLive.getState().receiveSnapshot(snapshot(2, 'later'));
    expect(shown()).toBe('lap 3');
    expect(useLive.getState().live?.seq).toBe(2);
    useLive.getState().showSeek(undefined);
    expect(shown()).toBe('later');
  });
});

describe('the session list, sent whole once and then as changes', () => {
  const summary = (id: string, flag: SessionSummary['flag'] = 'green') =>
    ({ id, name: id, flag }) as unknown as SessionSummary;

  it('applies changes in sequence and asks for the whole list after a gap', () => {
    useLive.getState().receiveSessionList({ seq: 3, sessions: [summary('a'), summary('b')] });
    expect(
      useLive
        .getState()
        .receiveSessionListChange({ seq: 4, added: [], changed: [summary('b', 'red')], removed: ['a'] }),
    ).toBe(false);
    expect(useLive.getState().sessionList).toEqual({ seq: 4, sessions: [summary('b', 'red')] });
    expect(
      useLive.getState().receiveSessionListChange({ seq: 6, added: [summary('c')], changed: [], removed: [] }),
    ).toBe(true);
    expect(useLive.getState().sessionList?.seq).toBe(4);
  });
});
