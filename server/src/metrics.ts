import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server; each server has its own registry (no global state). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'quire_process_' });
  return {
    registry,
    connections: new Gauge({ name: 'quire_connections', help: 'Open WebSocket connections', registers: [registry] }),
    rooms: new Gauge({ name: 'quire_rooms', help: 'Documents loaded in memory', registers: [registry] }),
    messagesIn: new Counter({
      name: 'quire_messages_in_total',
      help: 'WebSocket messages received',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    messagesOut: new Counter({
      name: 'quire_messages_out_total',
      help: 'WebSocket messages sent',
      registers: [registry],
    }),
    bytesIn: new Counter({ name: 'quire_bytes_in_total', help: 'WebSocket bytes received', registers: [registry] }),
    bytesOut: new Counter({ name: 'quire_bytes_out_total', help: 'WebSocket bytes sent', registers: [registry] }),
    persistSeconds: new Histogram({
      name: 'quire_persist_seconds',
      help: 'Time to write one group commit to storage',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    persistBatchSize: new Histogram({
      name: 'quire_persist_batch_updates',
      help: 'Updates written per group commit',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 1000],
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'quire_refusals_total',
      help: 'Handshakes, connections and messages refused by a limit or an access check, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    fanoutMessages: new Counter({
      name: 'quire_fanout_messages_total',
      help: 'Messages to and from other instances (pub/sub), by direction',
      labelNames: ['direction'] as const,
      registers: [registry],
    }),
    formatTasks: new Gauge({
      name: 'quire_format_tasks',
      help: 'Format conversions (imports, exports, restores) waiting or running',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    formatWaitingBytes: new Gauge({
      name: 'quire_format_waiting_bytes',
      help: 'Input bytes of the format conversions waiting for a worker',
      registers: [registry],
    }),
    errors: new Counter({
      name: 'quire_errors_total',
      help: 'Errors by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
