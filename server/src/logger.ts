import { pino } from 'pino';
import type { Config } from './config.js';

/** JSON logs; areas get child loggers (`sync`, `storage`, `http`). */
export const createLogger = (level: Config['logLevel']) => pino({ level, base: { app: 'quire' } });

export type Logger = ReturnType<typeof createLogger>;
