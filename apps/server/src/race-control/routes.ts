import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  auditTrailCsv,
  carFeedSchema,
  confirmRequestSchema,
  decisionRequestSchema,
  rescindRequestSchema,
  stintsAndStops,
  auditTrailAnswerSchema,
  lapHistoryAnswerSchema,
  raceControlAnswerSchema,
  stintsAnswerSchema,
  type CarLapHistory,
  type RaceControlAction,
  type RaceControlAnswer,
  type SessionAtAnswer,
} from '@pitwall/shared';
import { raceControlGuard } from '../auth/guards';
import { TokenAuth } from '../auth/tokens';
import type { RoutePlugin } from '../http/app';
import { HttpError } from '../http/errors';
import { idParams } from '../http/read-api';
import type { RaceControlResult, SessionHub } from '../sessions/hub';
import type { Logger } from '../log/logger';

export interface RaceControlDeps {
  hub: SessionHub;
  raceControlToken: string;
  /** Known so that a feed offering its own token is told it may not decide (403), not that it is unknown. */
  feedToken: string;
  log: Logger;
}

/** Decisions are a few a race: far fewer than feed writes, and a flood is refused sooner. */
const DECISION_LIMIT = { max: 60, timeWindow: 10_000 };

/** Every decision, rescind and confirmation is answered 201 with the entry it made. */
const decided = { 201: raceControlAnswerSchema };

const STATUS_OF_REFUSAL = { invalid: 400, 'not-found': 404, conflict: 409 } as const;

const lapQuery = z.object({
  /** The car's timing number. */
  car: carFeedSchema.shape.number.optional(),
  /** Only the laps from this one on: what a chart already holding the rest asks for. */
  fromLap: z.coerce.number().int().nonnegative().optional(),
});

/** A 24-hour race is under 2 000 laps and 86 400 000 ms: anything beyond is a wrong number, not a moment. */
const seekQuery = z.object({
  lap: z.coerce.number().int().nonnegative().max(100_000).optional(),
  raceTimeMs: z.coerce
    .number()
    .int()
    .nonnegative()
    .max(7 * 86_400_000)
    .optional(),
});

/**
 * Race control over HTTP (docs/race-control.md): decisions, rescinds and the confirmation need
 * `Authorization: Bearer <race-control token>`; the audit trail, lap history and stints are open
 * to read like the rest of a session.
 */
export const raceControlRoutes: RoutePlugin<RaceControlDeps> = (app, deps) => {
  const { hub, log } = deps;
  const guard = raceControlGuard(new TokenAuth(deps.raceControlToken), new TokenAuth(deps.feedToken));
  const writes = { onRequest: guard, config: { rateLimit: DECISION_LIMIT } };
  const act = (
    reply: FastifyReply,
    sessionId: string,
    request: { author: string; reason: string; action: RaceControlAction },
  ) => {
    const result = hub.raceControl(sessionId, request);
    const answer = answerOf(result);
    log.info('race control', {
      session: sessionId,
      entry: answer.entry.id,
      kind: request.action.kind,
      author: request.author,
    });
    void reply.code(201);
    return answer;
  };

  app.get('/api/race-control/credential', { onRequest: guard }, () => ({ ok: true }));
  app.post(
    '/api/sessions/:id/decisions',
    { ...writes, schema: { params: idParams, body: decisionRequestSchema, response: decided } },
    ({ params, body }, reply) =>
      act(reply, params.id, { author: body.author, reason: body.reason, action: body.decision }),
  );
  app.post(
    '/api/sessions/:id/decisions/:decisionId/rescind',
    {
      ...writes,
      schema: {
        params: idParams.extend({ decisionId: z.coerce.number().int().positive() }),
        body: rescindRequestSchema,
        response: decided,
      },
    },
    ({ params, body }, reply) =>
      act(reply, params.id, { ...body, action: { kind: 'rescind', decisionId: params.decisionId } }),
  );
  app.post(
    '/api/sessions/:id/confirm',
    { ...writes, schema: { params: idParams, body: confirmRequestSchema, response: decided } },
    ({ params, body }, reply) =>
      act(reply, params.id, {
        author: body.author,
        reason: body.reason ?? 'result confirmed',
        action: { kind: 'confirm' },
      }),
  );
  app.get(
    '/api/sessions/:id/audit',
    { schema: { params: idParams, response: { 200: auditTrailAnswerSchema } } },
    ({ params: { id } }) => {
      const resultStatus = hub.snapshot(id)?.view.raceControl?.resultStatus;
      const raceControl = hub.raceControlState(id);
      if (!resultStatus || !raceControl) throw new HttpError(404, `unknown session "${id}"`);
      return { sessionId: id, resultStatus, entries: [...raceControl.entries] };
    },
  );
  app.get('/api/sessions/:id/audit.csv', { schema: { params: idParams } }, ({ params: { id } }, reply) => {
    const raceControl = hub.raceControlState(id);
    if (!raceControl) throw new HttpError(404, `unknown session "${id}"`);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${id}-audit-trail.csv"`)
      .send(auditTrailCsv(raceControl.entries));
  });
  app.get(
    '/api/sessions/:id/laps',
    { schema: { params: idParams, querystring: lapQuery, response: { 200: lapHistoryAnswerSchema } } },
    ({ params, query }) => ({
      sessionId: params.id,
      cars: lapHistories(hub, params.id, query.car).map(([number, history]) => ({
        number,
        laps: history.laps.filter((record) => query.fromLap === undefined || record.lap >= query.fromLap),
      })),
    }),
  );
  // Looking back changes nothing: it is derived anew from the lap history for the one who asks.
  app.get(
    '/api/sessions/:id/at',
    { schema: { params: idParams, querystring: seekQuery } },
    ({ params, query }): SessionAtAnswer => {
      const { lap, raceTimeMs } = query;
      if ((lap === undefined) === (raceTimeMs === undefined)) {
        throw new HttpError(400, 'give one of lap=<lap number> or raceTimeMs=<race time in ms>');
      }
      const at = hub.viewAt(params.id, lap !== undefined ? { lap } : { raceTimeMs: raceTimeMs! });
      if (!at) throw new HttpError(404, `unknown session "${params.id}"`);
      return { sessionId: params.id, ...at };
    },
  );
  app.get(
    '/api/sessions/:id/stints',
    {
      schema: { params: idParams, querystring: lapQuery.pick({ car: true }), response: { 200: stintsAnswerSchema } },
    },
    ({ params, query }) => ({
      sessionId: params.id,
      cars: lapHistories(hub, params.id, query.car).map(([number, history]) => ({
        number,
        ...stintsAndStops(history.laps),
      })),
    }),
  );
};

function answerOf(result: RaceControlResult): RaceControlAnswer {
  if (result.status === 'rejected') throw new HttpError(STATUS_OF_REFUSAL[result.reason], result.error);
  return {
    entry: result.entry,
    resultStatus: result.resultStatus,
    ...(result.seasonResult && { seasonResult: result.seasonResult }),
  };
}

function lapHistories(hub: SessionHub, id: string, car: string | undefined): [string, CarLapHistory][] {
  const state = hub.state(id);
  if (!state) throw new HttpError(404, `unknown session "${id}"`);
  if (car === undefined) return [...state.lapHistory];
  const history = state.lapHistory.get(car);
  if (!history) throw new HttpError(404, `car #${car} is not in session "${id}"`);
  return [[car, history]];
}
