import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SocketServer } from '../broadcast/socket-server';
import type { RoutePlugin } from '../http/app';
import type { SessionHub } from '../sessions/hub';

/** Label for updates naming no live session: a feed inventing ids cannot grow the label set. */
const UNKNOWN_SESSION = '(unknown)';

/**
 * GET /metrics for Prometheus: updates per session by what became of them, viewers connected,
 * delta sizes, arrival-to-emit latency and event-log append time, plus Node's own figures.
 */
export const metricsRoutes: RoutePlugin<{ hub: SessionHub; io: SocketServer }> = (app, { hub, io }) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pitwall_' });
  const updates = new Counter({
    name: 'pitwall_feed_updates_total',
    help: 'Feed updates offered, by session and by what became of them (accepted, ignored, rejected).',
    labelNames: ['session', 'result'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'pitwall_viewers_connected',
    help: 'Viewer sockets connected now.',
    registers: [registry],
    collect() {
      this.set(io.of('/').sockets.size);
    },
  });
  const deltaBytes = new Histogram({
    name: 'pitwall_delta_bytes',
    help: 'Size of each delta sent to viewers, as JSON.',
    buckets: [128, 512, 2_048, 8_192, 32_768, 131_072, 524_288],
    registers: [registry],
  });
  const ingestToEmit = new Histogram({
    name: 'pitwall_ingest_to_emit_seconds',
    help: 'From an update arriving at the hub to its delta being emitted to viewers (stored updates).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [registry],
  });
  const journalAppend = new Histogram({
    name: 'pitwall_event_log_append_seconds',
    help: 'Time to append one accepted update to the event log.',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers: [registry],
  });

  hub.on('ingested', ({ sessionId, result, timing }) => {
    const known = sessionId !== undefined && hub.snapshot(sessionId) !== undefined;
    updates.inc({ session: known ? sessionId : UNKNOWN_SESSION, result: result.status });
    if (timing) {
      ingestToEmit.observe(timing.totalMs / 1000);
      journalAppend.observe(timing.journalMs / 1000);
    }
  });
  hub.on('delta', (delta) => deltaBytes.observe(Buffer.byteLength(JSON.stringify(delta))));

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    void reply.type(registry.contentType);
    return registry.metrics();
  });
};
