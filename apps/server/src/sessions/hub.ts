import { EventEmitter } from 'node:events';
import {
  applyFeedUpdate,
  deriveClassification,
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
} from '@pitwall/shared';

/** Where an update came from: the built-in demo may only write demo sessions, and feeds never may. */
export type UpdateOrigin = 'feed' | 'demo';

/** Runs after an update is accepted and before it is broadcast: the durability hook. */
export type Journal = (update: FeedUpdate, origin: UpdateOrigin) => void;

/** Adds what is computed from the running order (projected standings) to the view. */
export type ViewProjector = (state: SessionState, view: SessionView) => SessionView;

interface LiveSession {
  state: SessionState;
  view: SessionView;
  /** Viewer sequence: one step per delta broadcast. */
  seq: number;
  /** When the last delta went out (ms, performance.now). */
  broadcastAt: number;
  /** The broadcast waiting for its tick, when updates come faster than `broadcastEveryMs`. */
  tick?: NodeJS.Timeout;
}

export interface SessionHubOptions {
  journal?: Journal;
  project?: ViewProjector;
  /**
   * At most one delta per session this often (ms): updates that come faster are folded into the
   * next delta, which carries all their changes. Viewer seqs stay one per delta, so a viewer
   * still sees every gap and can resync. Off (every update its own delta) when 0 or absent.
   */
  broadcastEveryMs?: number;
}

/**
 * Holds every live session and turns each accepted feed update into one viewer delta.
 * Emits `delta` (SessionDelta), `sessions` (SessionSummary[] when the list or a summary changes),
 * `ingested` (IngestOutcome, for every update offered, whatever became of it) and
 * `broadcastFailed` (Error) when a delta held for its tick could not be made.
 */
export class SessionHub extends EventEmitter {
  private readonly sessions = new Map<string, LiveSession>();

  constructor(private readonly options: SessionHubOptions = {}) {
    super();
  }

  ingest(input: unknown, origin: UpdateOrigin): IngestResult {
    const decision = this.decide(input, origin, this.sessions.get(sessionIdOf(input) ?? '')?.state);
    let result = decision.result;
    if (decision.accepted) {
      const { update, state } = decision.accepted;
      try {
        this.options.journal?.(update, origin);
        this.broadcast(update.sessionId, state, this.sessions.get(update.sessionId));
      } catch (error) {
        // Broadcasting an update that is not stored would lose it on a restart: refuse it instead.
        result = { status: 'rejected', error: `could not be stored: ${(error as Error).message}` };
      }
    }
    const outcome: IngestOutcome = { sessionId: sessionIdOf(input), origin, result };
    this.emit('ingested', outcome);
    return result;
  }

  /**
   * Brings sessions back from a log of updates already stored: the same validation as live
   * updates, but each session's view is derived once at the end rather than after every update,
   * and nothing is journaled again. Returns the result of every entry, in order.
   */
  restore(
    entries: Iterable<{ update: unknown; origin: UpdateOrigin }>,
    onResult: (result: IngestResult, update: unknown) => void,
  ): void {
    const restored = new Map<string, SessionState>();
    for (const { update, origin } of entries) {
      const id = sessionIdOf(update) ?? '';
      const decision = this.decide(update, origin, restored.get(id) ?? this.sessions.get(id)?.state);
      if (decision.accepted) restored.set(id, decision.accepted.state);
      onResult(decision.result, update);
    }
    for (const [id, state] of restored) this.commit(id, state, this.sessions.get(id));
  }

  private decide(
    input: unknown,
    origin: UpdateOrigin,
    current: SessionState | undefined,
  ): { result: IngestResult; accepted?: { update: FeedUpdate; state: SessionState } } {
    const parsed = feedUpdateSchema.safeParse(input);
    if (!parsed.success) return { result: { status: 'rejected', error: describeIssues(parsed.error.issues) } };
    const update = parsed.data;
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

  list(): SessionSummary[] {
    return [...this.sessions.values()].map((live) => summarise(live.view));
  }

  /** Rebuilds the views, e.g. after season data changed; viewers get the difference as a delta. */
  refreshProjections(): void {
    for (const [id, live] of this.sessions) this.commit(id, live.state, live);
  }

  /** Commits now, or at the session's next tick when its last delta went out too recently. */
  private broadcast(sessionId: string, state: SessionState, live: LiveSession | undefined): void {
    const every = this.options.broadcastEveryMs ?? 0;
    const wait = live ? live.broadcastAt + every - performance.now() : 0;
    if (!live || (wait <= 0 && !live.tick)) {
      this.commit(sessionId, state, live);
      return;
    }
    // The feed side moves on at once (feeds resume from it); viewers get the fold at the tick.
    live.state = state;
    live.tick ??= setTimeout(() => {
      live.tick = undefined;
      try {
        this.commit(sessionId, live.state, live);
      } catch (error) {
        this.emit('broadcastFailed', error);
      }
    }, wait).unref();
  }

  private commit(sessionId: string, state: SessionState, previous: LiveSession | undefined): void {
    const classification = deriveClassification(state);
    const view = this.options.project ? this.options.project(state, classification) : classification;
    if (!previous) {
      this.sessions.set(sessionId, { state, view, seq: 1, broadcastAt: Number.NEGATIVE_INFINITY });
      this.emit('sessions', this.list());
      return;
    }
    const patch = diffMergePatch(
      previous.view as unknown as Record<string, unknown>,
      view as unknown as Record<string, unknown>,
    );
    const summaryBefore = JSON.stringify(summarise(previous.view));
    previous.state = state;
    previous.view = view;
    if (!patch) return;
    previous.broadcastAt = performance.now();
    previous.seq += 1;
    const delta: SessionDelta = { sessionId, seq: previous.seq, patch };
    this.emit('delta', delta);
    if (JSON.stringify(summarise(view)) !== summaryBefore) this.emit('sessions', this.list());
  }
}

export interface IngestOutcome {
  /** As the update named it, when it named one at all. */
  sessionId: string | undefined;
  origin: UpdateOrigin;
  result: IngestResult;
}

function sessionIdOf(input: unknown): string | undefined {
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

export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'update'}: ${issue.message}`)
    .join('; ');
}
