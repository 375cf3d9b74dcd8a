import type { WireProtocol } from './frames.js';

/** A running target as the load side sees it. */
export interface TargetEndpoint {
  name: string;
  /** `ws://127.0.0.1:<port>` */
  baseUrl: string;
  protocol: WireProtocol;
  /** The server's process id, for CPU and memory readings from /proc. */
  pid: number;
  /** Sends Quire's durable acks when asked (`?ack=1`). */
  durableAcks: boolean;
}

/** What every scenario returns: numbers, and whether every expected message arrived. */
export interface ScenarioOutcome {
  metrics: Record<string, number>;
  /** True when every reader saw every update (or every connection synced): the harness's correctness check. */
  complete: boolean;
  /** Why it is incomplete, or anything else worth reading. */
  notes: string[];
}
