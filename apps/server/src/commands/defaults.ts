import { UNNAMED_SERIES } from '../feeds/rmonitor/connections';

/** Every default of the command line, in one place: the help text and the commands read them here. */
export const DEFAULTS = {
  port: 3000,
  dataDir: '.pitwall-data',
  /** A 45-minute demo race takes 4.5 minutes. */
  demoSpeed: 10,
  /** 0: every update its own delta. */
  broadcastEveryMs: 0,
  rmonitorSession: 'rmonitor',
  series: UNNAMED_SERIES,
  /** Real time. */
  replaySpeed: 1,
  replayName: 'Replay',
} as const;

/** Environment variables the commands read when the option is not given. */
export const ENV = {
  port: 'PORT',
  /** Read from the environment so the token does not show in `ps`. */
  feedToken: 'PITWALL_FEED_TOKEN',
  raceControlToken: 'PITWALL_RACE_CONTROL_TOKEN',
} as const;
