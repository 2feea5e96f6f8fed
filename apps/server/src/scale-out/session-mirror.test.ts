import { describe, expect, it } from 'vitest';
import type { SessionDelta, SessionSnapshot, SessionSummary, SessionView } from '@pitwall/shared';
import { SessionMirror } from './session-mirror';

const view = (flag: string) => ({ info: { id: 's', flag } }) as unknown as SessionView;
const summary = { id: 's' } as SessionSummary;
const delta = (seq: number, flag: string): SessionDelta => ({ sessionId: 's', seq, patch: { info: { flag } } });

/** A Redis stand-in whose reads answer when the test says so. */
function store() {
  let published: SessionSnapshot | undefined;
  const pending: (() => void)[] = [];
  return {
    publish: (snapshot: SessionSnapshot) => (published = snapshot),
    read: (_id: string) =>
      new Promise<SessionSnapshot | undefined>((resolve) => pending.push(() => resolve(published))),
    answer: async () => {
      pending.splice(0).forEach((resolve) => resolve());
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('SessionMirror', () => {
  it('takes the published snapshot, then follows deltas in order and passes them on', async () => {
    const redis = store();
    const mirror = new SessionMirror(redis.read, () => {});
    const passed: number[] = [];
    mirror.on('delta', (d: SessionDelta) => passed.push(d.seq));
    redis.publish({ sessionId: 's', seq: 3, view: view('green') });
    mirror.setSessions([summary]);
    mirror.receive(delta(4, 'yellow')); // arrives while the snapshot is on its way
    await redis.answer();
    mirror.receive(delta(5, 'red'));
    expect(mirror.snapshot('s')).toEqual({ sessionId: 's', seq: 5, view: view('red') });
    expect(passed).toEqual([4, 5]);
  });

  it('skips what it has seen and fetches again when a delta does not follow on', async () => {
    const redis = store();
    const mirror = new SessionMirror(redis.read, () => {});
    redis.publish({ sessionId: 's', seq: 1, view: view('green') });
    mirror.setSessions([summary]);
    await redis.answer();
    mirror.receive(delta(1, 'yellow'));
    expect(mirror.snapshot('s')!.view).toEqual(view('green'));
    // Deltas 2-4 were lost: delta 5 asks for the snapshot, which the ingesting node wrote first.
    redis.publish({ sessionId: 's', seq: 5, view: view('fcy') });
    mirror.receive(delta(5, 'fcy'));
    mirror.receive(delta(6, 'green'));
    expect(mirror.snapshot('s')!.seq).toBe(1);
    await redis.answer();
    expect(mirror.snapshot('s')).toEqual({ sessionId: 's', seq: 6, view: view('green') });
  });

  it('reports a failed read and stays as it was', async () => {
    const failures: string[] = [];
    const mirror = new SessionMirror(
      () => Promise.reject(new Error('down')),
      (id) => failures.push(id),
    );
    mirror.setSessions([summary]);
    await mirror.fetched();
    expect(failures).toEqual(['s']);
    expect(mirror.snapshot('s')).toBeUndefined();
  });
});
