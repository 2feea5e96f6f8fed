import { z } from 'zod';
import type { ReplayState } from '@pitwall/shared';
import { HttpError, readJsonBody, sendJson, type Route } from '../../http/router';
import { describeIssues } from '../../sessions/hub';
import { requireFeedToken } from '../socket/feed-namespace';
import type { ReplayRunner } from './runner';

const controlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z.object({ action: z.literal('speed'), speed: z.number().positive().finite() }).strict(),
]);
export type ReplayControl = z.infer<typeof controlSchema>;

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
export function replayControlRoutes(replays: ReadonlyMap<string, ReplayRunner>, token: string): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/sessions\/(?<id>[^/]+)\/replay$/,
      async handle(req, res, { id }) {
        requireFeedToken(req, token);
        const runner = replays.get(id!);
        if (!runner) throw new HttpError(404, `session "${id}" is not being replayed by this server`);
        const parsed = controlSchema.safeParse(await readJsonBody(req));
        if (!parsed.success) {
          throw new HttpError(
            400,
            `send {"action":"pause"}, {"action":"resume"} or {"action":"speed","speed":<positive number>}: ${describeIssues(parsed.error.issues)}`,
          );
        }
        sendJson(res, 200, applyReplayControl(runner, parsed.data));
      },
    },
  ];
}
