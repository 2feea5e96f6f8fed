import { replayControlSchema, replayStateSchema, type ReplayControl, type ReplayState } from '@pitwall/shared';
import type { RoutePlugin } from '../../http/app';
import { HttpError } from '../../http/errors';
import { idParams } from '../../http/read-api';
import type { ReplayRunner } from './runner';

/** Applies one control to a runner; pure apart from the runner it is given. */
export function applyReplayControl(runner: ReplayRunner, control: ReplayControl): ReplayState {
  switch (control.action) {
    case 'pause':
      return runner.pause();
    case 'resume':
      return runner.resume();
    case 'speed':
      return runner.setSpeed(control.speed);
  }
}

/**
 * POST /api/sessions/:id/replay with `Authorization: Bearer <feed token>` and
 * `{ "action": "pause" | "resume" | "speed", "speed"?: n }`: answers the replay's new state.
 * Controlling a replay changes what every viewer sees, so it needs the feed token.
 */
export const replayControlRoutes: RoutePlugin<{ replays: ReadonlyMap<string, ReplayRunner> }> = (app, { replays }) => {
  app.post(
    '/api/sessions/:id/replay',
    {
      schema: { params: idParams, body: replayControlSchema, response: { 200: replayStateSchema } },
      config: {
        feedToken: true,
        invalid: 'send {"action":"pause"}, {"action":"resume"} or {"action":"speed","speed":<positive number>}',
      },
      // The session is looked up before the body is judged: an unknown session is a 404 whatever was sent.
      preValidation: async (request) => {
        const { id } = request.params as { id: string };
        if (!replays.has(id)) throw new HttpError(404, `session "${id}" is not being replayed by this server`);
      },
    },
    (request) => applyReplayControl(replays.get(request.params.id)!, request.body),
  );
};
