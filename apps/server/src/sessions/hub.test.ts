import { describe, expect, it } from 'vitest';
import { applyMergePatch, type FullUpdate, type SessionDelta } from '@pitwall/shared';
import { SessionHub } from './hub';

const full = (seq: number, extra: Partial<FullUpdate['session']> = {}): FullUpdate => ({
  type: 'full',
  sessionId: 'race',
  seq,
  session: { seriesId: 'x', event: 'Road Atlanta', name: 'Race', status: 'running', flag: 'green', ...extra },
  cars: [
    { number: '1', classId: 'A', driver: 'One', position: 1, laps: 3 },
    { number: '2', classId: 'A', driver: 'Two', position: 2, laps: 3 },
  ],
});
const swap = (seq: number) => ({
  type: 'patch',
  sessionId: 'race',
  seq,
  cars: [
    { number: '1', position: 2 },
    { number: '2', position: 1 },
  ],
});

describe('SessionHub', () => {
  it('turns each accepted update into one delta with the next viewer seq', () => {
    const hub = new SessionHub();
    const deltas: SessionDelta[] = [];
    hub.on('delta', (delta: SessionDelta) => deltas.push(delta));
    expect(hub.ingest(full(1), 'feed')).toEqual({ status: 'accepted', seq: 1 });
    expect(hub.ingest(swap(2), 'feed')).toEqual({ status: 'accepted', seq: 2 });
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).toMatchObject({ sessionId: 'race', seq: 2, patch: { order: ['2', '1'] } });
    expect(hub.snapshot('race')?.seq).toBe(2);
  });

  it('folds updates that come faster than the broadcast tick into one delta, seqs still one per delta', async () => {
    const hub = new SessionHub({ broadcastEveryMs: 60 });
    const deltas: SessionDelta[] = [];
    hub.on('delta', (delta: SessionDelta) => deltas.push(delta));
    hub.ingest(full(1), 'feed');
    const joined = hub.snapshot('race')!;
    // The first change goes out at once; the next three wait for the tick and go out as one.
    for (let seq = 2; seq <= 5; seq++) expect(hub.ingest(swap(seq), 'feed')).toEqual({ status: 'accepted', seq });
    hub.ingest({ type: 'patch', sessionId: 'race', seq: 6, session: { flag: 'yellow' } }, 'feed');
    expect(deltas.map((delta) => delta.seq)).toEqual([2]);
    // A viewer joining now gets what was last sent, not what is still waiting.
    expect(hub.snapshot('race')!.seq).toBe(2);
    expect(hub.state('race')!.info.flag).toBe('yellow');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(deltas.map((delta) => delta.seq)).toEqual([2, 3]);
    const copy = deltas.reduce((view, delta) => applyMergePatch(view, delta.patch), joined.view);
    expect(copy).toEqual(hub.snapshot('race')!.view);
    expect(copy.info.flag).toBe('yellow');
    expect(copy.order).toEqual(['2', '1']);
    expect(deltas[1]!.patch).toEqual({ info: { flag: 'yellow' } });
  });

  it('keeps the demo and real feeds out of each other\u2019s sessions', () => {
    const hub = new SessionHub();
    expect(hub.ingest(full(1, { demo: true }), 'feed')).toEqual({
      status: 'rejected',
      error: 'the demo flag is reserved for the built-in demo',
    });
    expect(hub.ingest(full(1), 'demo')).toEqual({
      status: 'rejected',
      error: 'the demo can only write sessions marked demo',
    });
    expect(hub.ingest(full(1, { demo: true }), 'demo').status).toBe('accepted');
    expect(hub.ingest(swap(2), 'feed')).toEqual({
      status: 'rejected',
      error: 'session "race" belongs to the built-in demo; feeds cannot write it',
    });
  });

  it('answers "retry" to an update it cannot store, changes nothing, and takes it once storage is back', () => {
    let failing = false;
    const hub = new SessionHub({
      journal: () => {
        if (failing) throw new Error('disk full');
      },
    });
    hub.ingest(full(1), 'feed');
    failing = true;
    expect(hub.ingest(swap(2), 'feed')).toEqual({
      status: 'unavailable',
      retry: true,
      reason: 'storage',
      error: 'could not be stored, send it again: disk full',
    });
    expect(hub.snapshot('race')?.view.order).toEqual(['1', '2']);
    expect(hub.state('race')?.lastSeq).toBe(1);
    failing = false;
    expect(hub.ingest(swap(2), 'feed')).toEqual({ status: 'accepted', seq: 2 });
    expect(hub.snapshot('race')?.view.order).toEqual(['2', '1']);
  });

  it('restores from a log without journaling, deriving each view once', () => {
    const journaled: unknown[] = [];
    let derived = 0;
    const hub = new SessionHub({
      journal: (update) => journaled.push(update),
      project: (_state, view) => {
        derived++;
        return view;
      },
    });
    const results: string[] = [];
    hub.restore(
      [
        { update: full(1), origin: 'feed' },
        { update: swap(2), origin: 'feed' },
        { update: swap(2), origin: 'feed' },
        { update: { nonsense: true }, origin: 'feed' },
      ],
      (result) => results.push(result.status),
    );
    expect(results).toEqual(['accepted', 'accepted', 'ignored', 'rejected']);
    expect(journaled).toEqual([]);
    expect(derived).toBe(1);
    expect(hub.snapshot('race')?.view.order).toEqual(['2', '1']);
  });

  it('names the field at fault in a malformed update', () => {
    expect(new SessionHub().ingest({ ...full(1), seq: -1 }, 'feed')).toEqual({
      status: 'rejected',
      error: 'seq: Too small: expected number to be >=0',
    });
  });

  it('race control: journals a decision before the one delta that carries it, with origin race-control', () => {
    const events: string[] = [];
    const hub = new SessionHub({ journal: (entry, origin) => events.push(`journal ${entry.type} ${origin}`) });
    hub.on('delta', (delta: SessionDelta) => events.push(`delta ${JSON.stringify(delta.patch)}`));
    hub.ingest(full(1), 'feed');
    const result = hub.raceControl(
      'race',
      { author: 'Steward', reason: 'contact', action: { kind: 'drop-positions', car: '1', positions: 1 } },
      1_000,
    );
    expect(result).toMatchObject({ status: 'accepted', resultStatus: 'provisional', entry: { id: 1, atMs: 1_000 } });
    expect(events[0]).toBe('journal full feed');
    expect(events[1]).toBe('journal race-control race-control');
    expect(events.slice(2)).toHaveLength(1);
    expect(JSON.parse(events[2]!.slice('delta '.length))).toMatchObject({
      order: ['2', '1'],
      cars: { '1': { position: 2, decisionMarks: [{ label: 'DROP 1' }] }, '2': { position: 1 } },
      raceControl: { audit: { '1': { id: 1 } } },
    });
  });

  it('race control: a decision it cannot store, or cannot apply, changes nothing', () => {
    let failing = false;
    const hub = new SessionHub({
      journal: () => {
        if (failing) throw new Error('disk full');
      },
    });
    hub.ingest(full(1), 'feed');
    const before = hub.snapshot('race');
    failing = true;
    const decision = { author: 'Steward', reason: 'contact', action: { kind: 'exclusion', car: '1' } } as const;
    expect(hub.raceControl('race', decision)).toEqual({
      status: 'rejected',
      reason: 'conflict',
      error: 'could not be stored: disk full',
    });
    failing = false;
    expect(hub.raceControl('race', { ...decision, action: { kind: 'exclusion', car: '9' } })).toMatchObject({
      reason: 'not-found',
    });
    expect(hub.raceControl('nowhere', decision)).toMatchObject({ reason: 'not-found' });
    expect(hub.snapshot('race')).toEqual(before);
    // The next decision still gets number 1: nothing refused took a number.
    expect(hub.raceControl('race', decision)).toMatchObject({ status: 'accepted', entry: { id: 1 } });
  });

  it('race control on a demo session is journaled as demo, so it is never kept', () => {
    const origins: string[] = [];
    const hub = new SessionHub({ journal: (_entry, origin) => origins.push(origin) });
    hub.ingest(full(1, { demo: true }), 'demo');
    hub.raceControl('race', { author: 'Steward', reason: 'demo', action: { kind: 'exclusion', car: '1' } });
    expect(origins).toEqual(['demo', 'demo']);
  });

  it('restores decisions with the updates around them, to the same view as live', () => {
    const log: { update: unknown; origin: 'feed' | 'race-control' }[] = [];
    const live = new SessionHub({
      journal: (update, origin) => log.push({ update, origin: origin as 'feed' | 'race-control' }),
    });
    live.ingest(full(1), 'feed');
    live.raceControl('race', { author: 'S', reason: 'r', action: { kind: 'time-penalty', car: '1', seconds: 5 } }, 7);
    live.ingest(swap(2), 'feed');
    const restored = new SessionHub();
    const results: string[] = [];
    restored.restore(log, (result) => results.push(result.status));
    expect(results).toEqual(['accepted', 'accepted', 'accepted']);
    expect(restored.snapshot('race')?.view).toEqual(live.snapshot('race')?.view);
    expect(restored.raceControlState('race')).toEqual(live.raceControlState('race'));
  });

  describe('archive and delete', () => {
    const decision = { author: 'Steward', reason: 'track limits', action: { kind: 'exclusion', car: '1' } } as const;
    const listed = (hub: SessionHub) => hub.list().map((summary) => summary.id);

    it('archiving takes a session out of the live list, closes it to feeds and decisions, keeps it readable', () => {
      const archived: string[] = [];
      const hub = new SessionHub({
        archive: { archive: (id) => archived.push(id), unarchive: () => {}, delete: () => {} },
      });
      const lists: string[][] = [];
      hub.ingest(full(1), 'feed');
      hub.ingest({ ...full(1), sessionId: 'other' }, 'feed');
      hub.on('sessions', (list) => lists.push(list.map((summary) => summary.id)));
      expect(hub.archive('race', 1_700_000_000_000)).toEqual({ status: 'done' });
      expect(archived).toEqual(['race']);
      expect(lists).toEqual([['other']]);
      expect(hub.archivedList()).toMatchObject([{ id: 'race', archivedAtMs: 1_700_000_000_000, carCount: 2 }]);
      expect(hub.ingest(swap(2), 'feed')).toEqual({
        status: 'rejected',
        error: 'session "race" is archived: it takes no more updates or decisions (unarchive it first)',
      });
      expect(hub.raceControl('race', decision)).toMatchObject({ status: 'rejected', reason: 'conflict' });
      expect(hub.snapshot('race')?.view.order).toEqual(['1', '2']);
      expect(hub.archive('race')).toEqual({ status: 'done' });
      expect(archived).toEqual(['race']);
    });

    it('unarchiving opens the session to its feed again', () => {
      const hub = new SessionHub();
      hub.ingest(full(1), 'feed');
      hub.archive('race');
      expect(hub.unarchive('race')).toEqual({ status: 'done' });
      expect(listed(hub)).toEqual(['race']);
      expect(hub.archivedList()).toEqual([]);
      expect(hub.ingest(swap(2), 'feed')).toEqual({ status: 'accepted', seq: 2 });
    });

    it('deleting forgets the session: a later update with its id starts a new one', () => {
      const deleted: string[] = [];
      const hub = new SessionHub({
        archive: { archive: () => {}, unarchive: () => {}, delete: (id) => deleted.push(id) },
      });
      hub.ingest(full(1), 'feed');
      hub.ingest(swap(2), 'feed');
      expect(hub.delete('race')).toEqual({ status: 'done' });
      expect(deleted).toEqual(['race']);
      expect(hub.snapshot('race')).toBeUndefined();
      expect(listed(hub)).toEqual([]);
      expect(hub.delete('race')).toEqual({ status: 'refused', reason: 'not-found', error: 'unknown session "race"' });
      expect(hub.ingest(full(1), 'feed')).toEqual({ status: 'accepted', seq: 1 });
    });

    it('refuses the demo\u2019s sessions and unknown ones', () => {
      const hub = new SessionHub();
      hub.ingest(full(1, { demo: true }), 'demo');
      expect(hub.archive('race')).toMatchObject({ status: 'refused', reason: 'demo' });
      expect(hub.delete('race')).toMatchObject({ status: 'refused', reason: 'demo' });
      expect(hub.unarchive('nope')).toMatchObject({ status: 'refused', reason: 'not-found' });
      expect(listed(hub)).toEqual(['race']);
    });

    it('changes nothing when the store cannot keep the change', () => {
      const failing = () => {
        throw new Error('disk full');
      };
      const hub = new SessionHub({ archive: { archive: failing, unarchive: failing, delete: failing } });
      hub.ingest(full(1), 'feed');
      expect(hub.archive('race')).toEqual({
        status: 'refused',
        reason: 'storage',
        error: 'could not be stored, try again: disk full',
      });
      expect(hub.delete('race')).toMatchObject({ status: 'refused', reason: 'storage' });
      expect(listed(hub)).toEqual(['race']);
      expect(hub.ingest(swap(2), 'feed').status).toBe('accepted');
    });

    it('sends what waited for its broadcast tick before archiving', () => {
      const hub = new SessionHub({ broadcastEveryMs: 60_000 });
      const deltas: SessionDelta[] = [];
      hub.on('delta', (delta: SessionDelta) => deltas.push(delta));
      hub.ingest(full(1), 'feed');
      hub.ingest(swap(2), 'feed');
      hub.ingest({ type: 'patch', sessionId: 'race', seq: 3, session: { flag: 'checkered' } }, 'feed');
      expect(deltas).toHaveLength(1);
      hub.archive('race');
      expect(deltas).toHaveLength(2);
      expect(hub.snapshot('race')?.view.info.flag).toBe('checkered');
    });
  });
});
