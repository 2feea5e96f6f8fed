import { EventEmitter } from 'node:events';
import {
  describeIssues,
  activeDecisions,
  applyFeedUpdate,
  applyRaceControlEntry,
  deriveClassification,
  emptyRaceControl,
  raceControlAdjustments,
  raceControlEntrySchema,
  resultStatus,
  sessionAt,
  type SeekMoment,
  type ArchivedSessionSummary,
  type AuditEntry,
  type PointsAdjustment,
  type RaceControlAction,
  type RaceControlEntry,
  type RaceControlState,
  type RaceControlView,
  type SeasonResultAnswer,
  diffMergePatch,
  feedUpdateSchema,
  summarise,
  type FeedUpdate,
  type IngestResult,
  type SessionDelta,
  type SessionSnapshot,
  type SessionState,
  type SessionSummary,
  type SessionView,
  type SessionRecord,
} from '@pitwall/shared';

/** Where an update came from: the built-in demo may only write demo sessions, and feeds never may. */
export type UpdateOrigin = 'feed' | 'demo';

/** Where a journaled entry came from; race control's entries on a demo session count as `demo`. */
export type JournalOrigin = UpdateOrigin | 'race-control';

/** An entry of the event log: a feed update, or race control's decision on a session. */
export type JournalEntry =
  { update: FeedUpdate; origin: UpdateOrigin } | { update: RaceControlEntry; origin: 'race-control' | 'demo' };

/**
 * Runs after an update or a race-control entry is accepted and before it is broadcast: the
 * durability hook. Entries of the built-in demo come with origin `demo`. `after` is the session
 * as the entry leaves it, for storage that keeps snapshots.
 */
export type Journal = (update: FeedUpdate | RaceControlEntry, origin: JournalOrigin, after: SessionRecord) => void;

/**
 * Adds what is computed from the running order (projected standings) to the view, with the
 * points adjustments race control has made in this race.
 */
export type ViewProjector = (
  state: SessionState,
  view: SessionView,
  adjustments: readonly PointsAdjustment[],
) => SessionView;

/**
 * Runs when race control confirms a session's result, before the confirmation is journaled: it
 * stores the result for the season (throwing refuses the confirmation) and says where it went.
 */
export type ResultConfirmer = (view: SessionView, adjustments: PointsAdjustment[]) => ConfirmedResult;

export type ConfirmedResult = SeasonResultAnswer;

/**
 * Keeps archiving and deleting across restarts. Each call is durable when it returns and throws
 * when it cannot be: the hub then changes nothing.
 */
export interface SessionArchive {
  archive(sessionId: string, atMs: number): void;
  unarchive(sessionId: string): void;
  /** Removes everything stored for the session: its updates, decisions and archive mark. */
  delete(sessionId: string): void;
}

/** What archiving, unarchiving or deleting a session is answered. */
export type LifecycleResult =
  { status: 'done' } | { status: 'refused'; reason: 'not-found' | 'demo' | 'storage'; error: string };

interface LiveSession {
  state: SessionState;
  raceControl: RaceControlState;
  view: SessionView;
  /**
   * What the session list shows of it, replaced only when it changes: an unchanged summary keeps
   * its identity, so comparing two lists of a thousand sessions is mostly identity checks.
   */
  summary: SessionSummary;
  /** Viewer sequence: one step per delta broadcast. */
  seq: number;
  /** When the last delta went out (ms, performance.now). */
  broadcastAt: number;
  /** The broadcast waiting for its tick, when updates come faster than `broadcastEveryMs`. */
  tick?: NodeJS.Timeout;
  /** Set while archived (ms since epoch): out of the live list, closed to feeds and decisions. */
  archivedAtMs?: number;
}

export interface SessionHubOptions {
  journal?: Journal;
  project?: ViewProjector;
  confirmResult?: ResultConfirmer;
  archive?: SessionArchive;
  /**
   * At most one delta per session this often (ms): updates that come faster are folded into the
   * next delta, which carries all their changes. Viewer seqs stay one per delta, so a viewer
   * still sees every gap and can resync. Off (every update its own delta) when 0 or absent.
   */
  broadcastEveryMs?: number;
}

/** What race control is answered. */
export type RaceControlResult =
  | {
      status: 'accepted';
      entry: AuditEntry;
      resultStatus: RaceControlView['resultStatus'];
      seasonResult?: ConfirmedResult;
    }
  | { status: 'rejected'; reason: 'invalid' | 'conflict' | 'not-found'; error: string };

/** What the hub tells its adapters. */
export interface HubEvents {
  /** One per accepted update that changed the view: what viewers of the session are sent. */
  delta: [delta: SessionDelta];
  /** The whole live list, when a session appears, goes (archived, deleted) or a summary changes. */
  sessions: [sessions: SessionSummary[]];
  /** Every update offered, whatever became of it (feed health counts these). */
  ingested: [outcome: IngestOutcome];
  /** A delta held for its broadcast tick could not be made. */
  broadcastFailed: [error: Error];
}

/** Holds every live session and turns each accepted feed update into one viewer delta. */
export class SessionHub extends EventEmitter<HubEvents> {
  private readonly sessions = new Map<string, LiveSession>();

  constructor(private readonly options: SessionHubOptions = {}) {
    super();
  }

  ingest(input: unknown, origin: UpdateOrigin): IngestResult {
    const startedAt = performance.now();
    const decision = this.decide(input, origin, this.sessions.get(sessionIdOf(input) ?? '')?.state);
    let result = decision.result;
    let timing: IngestOutcome['timing'];
    if (decision.accepted) {
      const { update, state } = decision.accepted;
      try {
        const journalStartedAt = performance.now();
        const raceControl = this.sessions.get(update.sessionId)?.raceControl ?? emptyRaceControl;
        this.options.journal?.(update, origin, { state, raceControl });
        timing = { journalMs: performance.now() - journalStartedAt, totalMs: 0 };
        this.broadcast(update.sessionId, state, this.sessions.get(update.sessionId));
      } catch (error) {
        // Broadcasting an update that is not stored would lose it on a restart: refuse it instead.
        // The update itself is fine (a full disk, a locked file), so the feed is told to send it again.
        result = {
          status: 'unavailable',
          retry: true,
          reason: 'storage',
          error: `could not be stored, send it again: ${(error as Error).message}`,
        };
      }
    }
    if (timing) timing.totalMs = performance.now() - startedAt;
    const outcome: IngestOutcome = { sessionId: sessionIdOf(input), origin, result, ...(timing && { timing }) };
    this.emit('ingested', outcome);
    return result;
  }

  /**
   * Brings sessions back from a log of updates already stored: the same validation as live
   * updates, but each session's view is derived once at the end rather than after every update,
   * and nothing is journaled again. Returns the result of every entry, in order. Sessions in
   * `from` (snapshots) start as given, and their entries apply on top.
   */
  restore(
    entries: Iterable<RestoreEntry>,
    onResult: (result: IngestResult, update: unknown) => void,
    from: ReadonlyMap<string, SessionRecord> = new Map(),
  ): void {
    const restored = new Map<string, SessionRecord>(from);
    for (const { update, origin, checked } of entries) {
      const id = sessionIdOf(update) ?? '';
      const live = this.sessions.get(id);
      const current = restored.get(id) ?? (live && { state: live.state, raceControl: live.raceControl });
      if (origin === 'race-control') {
        const outcome = this.decideRaceControl(update, current);
        if (outcome.kind === 'accepted') restored.set(id, { state: current!.state, raceControl: outcome.raceControl });
        onResult(
          outcome.kind === 'accepted'
            ? { status: 'accepted', seq: (update as RaceControlEntry).id }
            : { status: 'rejected', error: outcome.error },
          update,
        );
        continue;
      }
      const decision = this.decide(update, origin, current?.state, checked);
      if (decision.accepted) {
        restored.set(id, { state: decision.accepted.state, raceControl: current?.raceControl ?? emptyRaceControl });
      }
      onResult(decision.result, update);
    }
    for (const [id, { state, raceControl }] of restored) this.commit(id, state, raceControl, this.sessions.get(id));
  }

  /**
   * Race control acts on a session: a decision, a rescind or the confirmation of the result.
   * Checked against the session as it stands, journaled, then broadcast in one delta with the
   * classification and projections it changes. Nothing is ever removed from the audit trail.
   */
  raceControl(
    sessionId: string,
    request: { author: string; reason: string; action: RaceControlAction },
    atMs: number = Date.now(),
  ): RaceControlResult {
    const live = this.sessions.get(sessionId);
    if (!live) return { status: 'rejected', reason: 'not-found', error: `unknown session "${sessionId}"` };
    if (live.archivedAtMs !== undefined)
      return { status: 'rejected', reason: 'conflict', error: archivedError(sessionId) };
    const entry: RaceControlEntry = {
      type: 'race-control',
      sessionId,
      id: live.raceControl.entries.length + 1,
      atMs,
      ...request,
    };
    const outcome = this.decideRaceControl(entry, live);
    if (outcome.kind === 'rejected') return { status: 'rejected', reason: outcome.reason, error: outcome.error };
    let seasonResult: ConfirmedResult | undefined;
    try {
      if (entry.action.kind === 'confirm' && this.options.confirmResult) {
        seasonResult = this.options.confirmResult(
          live.view,
          raceControlAdjustments(live.raceControl, live.state.info.race),
        );
      }
      this.options.journal?.(entry, live.state.info.demo ? 'demo' : 'race-control', {
        state: live.state,
        raceControl: outcome.raceControl,
      });
    } catch (error) {
      return { status: 'rejected', reason: 'conflict', error: `could not be stored: ${(error as Error).message}` };
    }
    this.commit(sessionId, live.state, outcome.raceControl, live);
    // A result stored for the season moves every other session's projected standings too.
    if (seasonResult?.stored) this.refreshProjections();
    return {
      status: 'accepted',
      entry: outcome.entry,
      resultStatus: resultStatus(live.state, outcome.raceControl),
      ...(seasonResult && { seasonResult }),
    };
  }

  private decideRaceControl(
    input: unknown,
    current: SessionRecord | undefined,
  ): ReturnType<typeof applyRaceControlEntry> {
    const parsed = raceControlEntrySchema.safeParse(input);
    if (!parsed.success) return { kind: 'rejected', reason: 'invalid', error: describeIssues(parsed.error.issues) };
    if (!current) return { kind: 'rejected', reason: 'not-found', error: `unknown session "${parsed.data.sessionId}"` };
    return applyRaceControlEntry(current.raceControl, current.state, parsed.data);
  }

  private decide(
    input: unknown,
    origin: UpdateOrigin,
    current: SessionState | undefined,
    checked = false,
  ): { result: IngestResult; accepted?: { update: FeedUpdate; state: SessionState } } {
    const parsed = checked
      ? ({ success: true, data: input as FeedUpdate } as const)
      : feedUpdateSchema.safeParse(input);
    if (!parsed.success) return { result: { status: 'rejected', error: describeIssues(parsed.error.issues) } };
    const update = parsed.data;
    if (this.sessions.get(update.sessionId)?.archivedAtMs !== undefined)
      return { result: { status: 'rejected', error: archivedError(update.sessionId) } };
    const ownership = ownershipProblem(update, current, origin);
    if (ownership) return { result: { status: 'rejected', error: ownership } };
    const outcome = applyFeedUpdate(current, update);
    if (outcome.kind === 'rejected') return { result: { status: 'rejected', error: outcome.error } };
    if (outcome.kind === 'ignored')
      return { result: { status: 'ignored', reason: outcome.reason, lastSeq: outcome.lastSeq } };
    return { result: { status: 'accepted', seq: update.seq }, accepted: { update, state: outcome.state } };
  }

  snapshot(sessionId: string): SessionSnapshot | undefined {
    const live = this.sessions.get(sessionId);
    return live && { sessionId, seq: live.seq, view: live.view };
  }

  /** The feed-side state, for persistence and for feeds that resume after a restart. */
  state(sessionId: string): SessionState | undefined {
    return this.sessions.get(sessionId)?.state;
  }

  /** Race control's record of a session: its audit trail. */
  raceControlState(sessionId: string): RaceControlState | undefined {
    return this.sessions.get(sessionId)?.raceControl;
  }

  /** The live sessions: what viewers are offered. Archived ones are listed by `archivedList`. */
  list(): SessionSummary[] {
    return [...this.sessions.values()].filter((live) => live.archivedAtMs === undefined).map((live) => live.summary);
  }

  archivedList(): ArchivedSessionSummary[] {
    return [...this.sessions.values()].flatMap((live) =>
      live.archivedAtMs === undefined ? [] : [{ ...live.summary, archivedAtMs: live.archivedAtMs }],
    );
  }

  /**
   * Takes a session out of the live list and closes it to feeds and race control; it stays
   * stored and can still be opened by id (review, replay). Archiving an archived session changes
   * nothing. The demo's sessions are regenerated on every start, so they are never archived.
   */
  archive(sessionId: string, atMs: number = Date.now()): LifecycleResult {
    return this.changeLifecycle(sessionId, (live) => {
      if (live.archivedAtMs !== undefined) return;
      // What is waiting for its broadcast tick goes out now, stored or not: it was accepted, and
      // once archived the session will not change again.
      if (live.tick) {
        clearTimeout(live.tick);
        live.tick = undefined;
        this.commit(sessionId, live.state, live.raceControl, live);
      }
      this.options.archive?.archive(sessionId, atMs);
      live.archivedAtMs = atMs;
    });
  }

  /** Back in the live list and open to feeds again. */
  unarchive(sessionId: string): LifecycleResult {
    return this.changeLifecycle(sessionId, (live) => {
      if (live.archivedAtMs === undefined) return;
      this.options.archive?.unarchive(sessionId);
      live.archivedAtMs = undefined;
      // Listed last, where viewers add it: their list and this one keep the same order.
      this.sessions.delete(sessionId);
      this.sessions.set(sessionId, live);
    });
  }

  /** Gone from memory and from the store: a later update with the same id starts a new session. */
  delete(sessionId: string): LifecycleResult {
    return this.changeLifecycle(sessionId, (live) => {
      this.options.archive?.delete(sessionId);
      clearTimeout(live.tick);
      this.sessions.delete(sessionId);
    });
  }

  /** Marks sessions archived as the store recorded them, after a restore: nothing is stored again. */
  restoreArchived(archived: ReadonlyMap<string, number>): void {
    for (const [id, atMs] of archived) {
      const live = this.sessions.get(id);
      if (live) live.archivedAtMs = atMs;
    }
    this.emit('sessions', this.list());
  }

  private changeLifecycle(sessionId: string, change: (live: LiveSession) => void): LifecycleResult {
    const live = this.sessions.get(sessionId);
    if (!live) return { status: 'refused', reason: 'not-found', error: `unknown session "${sessionId}"` };
    if (live.state.info.demo) {
      return {
        status: 'refused',
        reason: 'demo',
        error: `session "${sessionId}" belongs to the built-in demo, which makes it again on every start: it cannot be archived or deleted`,
      };
    }
    try {
      change(live);
    } catch (error) {
      return {
        status: 'refused',
        reason: 'storage',
        error: `could not be stored, try again: ${(error as Error).message}`,
      };
    }
    this.emit('sessions', this.list());
    return { status: 'done' };
  }

  /** Rebuilds the views, e.g. after season data changed; viewers get the difference as a delta. */
  refreshProjections(): void {
    for (const [id, live] of this.sessions) this.commit(id, live.state, live.raceControl, live);
  }

  /** Commits now, or at the session's next tick when its last delta went out too recently. */
  private broadcast(sessionId: string, state: SessionState, live: LiveSession | undefined): void {
    const every = this.options.broadcastEveryMs ?? 0;
    const wait = live ? live.broadcastAt + every - performance.now() : 0;
    if (!live || (wait <= 0 && !live.tick)) {
      this.commit(sessionId, state, live?.raceControl ?? emptyRaceControl, live);
      return;
    }
    // The feed side moves on at once (feeds resume from it); viewers get the fold at the tick.
    live.state = state;
    live.tick ??= setTimeout(() => {
      live.tick = undefined;
      try {
        this.commit(sessionId, live.state, live.raceControl, live);
      } catch (error) {
        this.emit('broadcastFailed', error as Error);
      }
    }, wait).unref();
  }

  /**
   * The session as it stood at a lap or a race time, for one viewer looking back: the timing of
   * then with its projected standings. Race control's decisions are stamped with the wall clock,
   * not race time, so none is applied: it is the order the timing showed.
   */
  viewAt(sessionId: string, moment: SeekMoment): { lap: number; raceTimeMs?: number; view: SessionView } | undefined {
    const live = this.sessions.get(sessionId);
    if (!live) return undefined;
    const { state, lap, raceTimeMs } = sessionAt(live.state, moment);
    return {
      lap,
      ...(raceTimeMs !== undefined && { raceTimeMs }),
      view: this.project(state, deriveClassification(state), []),
    };
  }

  private project(state: SessionState, view: SessionView, adjustments: readonly PointsAdjustment[]): SessionView {
    return this.options.project ? this.options.project(state, view, adjustments) : view;
  }

  private commit(
    sessionId: string,
    state: SessionState,
    raceControl: RaceControlState,
    previous: LiveSession | undefined,
  ): void {
    const before = previous?.view;
    const status = resultStatus(state, raceControl);
    const classified: SessionView = {
      ...deriveClassification(state, activeDecisions(raceControl), before),
      // Kept while race control has not acted, so the delta diff passes the audit by identity.
      raceControl:
        before?.raceControl && previous!.raceControl === raceControl && before.raceControl.resultStatus === status
          ? before.raceControl
          : {
              resultStatus: status,
              audit: Object.fromEntries(raceControl.entries.map((entry) => [String(entry.id), entry])),
            },
    };
    const view = this.project(state, classified, raceControlAdjustments(raceControl, state.info.race));
    if (!previous) {
      this.sessions.set(sessionId, {
        state,
        raceControl,
        view,
        summary: summarise(view),
        seq: 1,
        broadcastAt: Number.NEGATIVE_INFINITY,
      });
      this.emit('sessions', this.list());
      return;
    }
    const patch = diffMergePatch(
      previous.view as unknown as Record<string, unknown>,
      view as unknown as Record<string, unknown>,
    );
    previous.state = state;
    previous.raceControl = raceControl;
    previous.view = view;
    if (!patch) return;
    previous.broadcastAt = performance.now();
    previous.seq += 1;
    const delta: SessionDelta = { sessionId, seq: previous.seq, patch };
    this.emit('delta', delta);
    const summary = summarise(view);
    if (JSON.stringify(summary) === JSON.stringify(previous.summary)) return;
    previous.summary = summary;
    this.emit('sessions', this.list());
  }
}

/**
 * An entry for `restore`. `checked`: the reader has already parsed it with the same schema as
 * live updates (the event log does, to skip rows it cannot read), so it is not parsed twice.
 */
export interface RestoreEntry {
  update: unknown;
  origin: JournalOrigin;
  checked?: boolean;
}

export interface IngestOutcome {
  /** As the update named it, when it named one at all. */
  sessionId: string | undefined;
  origin: UpdateOrigin;
  result: IngestResult;
  /** For a stored update: ms spent journaling it, and from its arrival to its delta being emitted. */
  timing?: { journalMs: number; totalMs: number };
}

const archivedError = (sessionId: string) =>
  `session "${sessionId}" is archived: it takes no more updates or decisions (unarchive it first)`;

export function sessionIdOf(input: unknown): string | undefined {
  const id = typeof input === 'object' && input !== null ? (input as { sessionId?: unknown }).sessionId : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Demo data must never mix with real data, in either direction. */
function ownershipProblem(
  update: FeedUpdate,
  state: SessionState | undefined,
  origin: UpdateOrigin,
): string | undefined {
  const isDemoSession = state?.info.demo === true;
  if (origin === 'feed') {
    if (isDemoSession) return `session "${update.sessionId}" belongs to the built-in demo; feeds cannot write it`;
    if (update.session?.demo) return 'the demo flag is reserved for the built-in demo';
    return undefined;
  }
  const staysDemo =
    update.type === 'full' ? update.session.demo === true : isDemoSession && update.session?.demo !== false;
  return staysDemo && (isDemoSession || !state) ? undefined : 'the demo can only write sessions marked demo';
}
