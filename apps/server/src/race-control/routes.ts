import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  auditTrailCsv,
  confirmRequestSchema,
  decisionRequestSchema,
  rescindRequestSchema,
  stintsAndStops,
  type CarLapHistory,
  type RaceControlAction,
} from '@pitwall/shared';
import type { z } from 'zod';
import { HttpError, readJsonBody, sendJson, type Route } from '../http/router';
import { bearerToken, tokenMatches } from '../http/token';
import { describeIssues, type RaceControlResult, type SessionHub } from '../sessions/hub';
import type { Logger } from '../log/logger';

export interface RaceControlCredentials {
  raceControlToken: string;
  /** Known so that a feed offering its own token is told it may not decide (403), not that it is unknown. */
  feedToken: string;
}

const SESSION = '/api/sessions/(?<id>[^/]+)';
const route = (pattern: string) => new RegExp(`^${SESSION}${pattern}$`);

/**
 * Race control over HTTP (docs/http-api.md, docs/race-control.md): decisions, rescinds and the
 * confirmation need the race-control token; the audit trail, lap history and stints are open
 * to read like the rest of the session.
 */
export function raceControlRoutes(hub: SessionHub, credentials: RaceControlCredentials, log: Logger): Route[] {
  const act = async (
    req: IncomingMessage,
    res: ServerResponse,
    sessionId: string,
    action: (body: unknown) => { author: string; reason: string; action: RaceControlAction },
  ) => {
    requireRaceControl(req, credentials);
    const request = action(await readJsonBody(req));
    const result = hub.raceControl(sessionId, request);
    answer(res, result);
    if (result.status === 'accepted') {
      log.info('race control', {
        session: sessionId,
        entry: result.entry.id,
        kind: result.entry.action.kind,
        author: request.author,
      });
    }
  };
  return [
    {
      method: 'GET',
      path: /^\/api\/race-control\/credential$/,
      handle: (req, res) => {
        requireRaceControl(req, credentials);
        sendJson(res, 200, { ok: true });
      },
    },
    {
      method: 'POST',
      path: route('/decisions'),
      handle: (req, res, { id }) =>
        act(req, res, id!, (body) => {
          const { author, reason, decision } = parseBody(decisionRequestSchema, body);
          return { author, reason, action: decision };
        }),
    },
    {
      method: 'POST',
      path: route('/decisions/(?<decision>[^/]+)/rescind'),
      handle: (req, res, { id, decision }) =>
        act(req, res, id!, (body) => {
          const decisionId = Number(decision);
          if (!Number.isInteger(decisionId) || decisionId < 1) {
            throw new HttpError(400, `decision id "${decision}" is not a decision number`);
          }
          const { author, reason } = parseBody(rescindRequestSchema, body);
          return { author, reason, action: { kind: 'rescind', decisionId } };
        }),
    },
    {
      method: 'POST',
      path: route('/confirm'),
      handle: (req, res, { id }) =>
        act(req, res, id!, (body) => {
          const { author, reason } = parseBody(confirmRequestSchema, body);
          return { author, reason: reason ?? 'result confirmed', action: { kind: 'confirm' } };
        }),
    },
    {
      method: 'GET',
      path: route('/audit'),
      handle: (_req, res, { id }) => {
        const raceControl = knownSession(hub, id!);
        sendJson(res, 200, {
          sessionId: id,
          resultStatus: hub.snapshot(id!)!.view.raceControl?.resultStatus,
          entries: raceControl.entries,
        });
      },
    },
    {
      method: 'GET',
      path: route('/audit\\.csv'),
      handle: (_req, res, { id }) => {
        const csv = auditTrailCsv(knownSession(hub, id!).entries);
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${id}-audit-trail.csv"`,
          'cache-control': 'no-store',
        });
        res.end(csv);
      },
    },
    {
      method: 'GET',
      path: route('/laps'),
      handle: (req, res, { id }) => {
        const { cars, fromLap } = lapQuery(hub, id!, req);
        sendJson(res, 200, {
          sessionId: id,
          cars: cars.map(([number, history]) => ({
            number,
            laps: fromLap === undefined ? history.laps : history.laps.filter((record) => record.lap >= fromLap),
          })),
        });
      },
    },
    {
      method: 'GET',
      path: route('/stints'),
      handle: (req, res, { id }) => {
        const { cars } = lapQuery(hub, id!, req);
        sendJson(res, 200, {
          sessionId: id,
          cars: cars.map(([number, history]) => ({ number, ...stintsAndStops(history.laps) })),
        });
      },
    },
  ];
}

/** 401 without a token or with a wrong one; 403 for the feed's token, which may write timing but never decide. */
export function requireRaceControl(req: IncomingMessage, credentials: RaceControlCredentials): void {
  const offered = bearerToken(req);
  if (tokenMatches(offered, credentials.raceControlToken)) return;
  if (tokenMatches(offered, credentials.feedToken)) {
    throw new HttpError(403, 'the feed token cannot make race-control decisions: use the race-control token');
  }
  throw new HttpError(401, 'race-control token missing or wrong (Authorization: Bearer <token>)');
}

const STATUS_OF_REFUSAL = { invalid: 400, 'not-found': 404, conflict: 409 } as const;

function answer(res: ServerResponse, result: RaceControlResult): void {
  if (result.status === 'rejected') throw new HttpError(STATUS_OF_REFUSAL[result.reason], result.error);
  sendJson(res, 201, {
    entry: result.entry,
    resultStatus: result.resultStatus,
    ...(result.seasonResult && { seasonResult: result.seasonResult }),
  });
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error.issues));
  return parsed.data;
}

function knownSession(hub: SessionHub, id: string) {
  const raceControl = hub.raceControlState(id);
  if (!raceControl) throw new HttpError(404, `unknown session "${id}"`);
  return raceControl;
}

/** `?car=<number>` for one car (its timing number), `?fromLap=<n>` for the laps from n on. */
function lapQuery(hub: SessionHub, id: string, req: IncomingMessage) {
  const state = hub.state(id);
  if (!state) throw new HttpError(404, `unknown session "${id}"`);
  const params = new URL(req.url ?? '', 'http://localhost').searchParams;
  const car = params.get('car');
  const from = params.get('fromLap');
  const fromLap = from === null ? undefined : Number(from);
  if (fromLap !== undefined && (!Number.isInteger(fromLap) || fromLap < 0)) {
    throw new HttpError(400, 'fromLap must be a lap number');
  }
  let cars: [string, CarLapHistory][] = [...state.lapHistory];
  if (car !== null) {
    const history = state.lapHistory.get(car);
    if (!history) throw new HttpError(404, `car #${car} is not in session "${id}"`);
    cars = [[car, history]];
  }
  return { cars, fromLap };
}
