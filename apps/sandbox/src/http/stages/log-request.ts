/** One log line per request, written when its answer has been sent, at the exchange's level. */
import type { Logger } from 'pino';
import type { Exchange } from '../exchange.js';

export function logWhenFinished(exchange: Exchange, logger: Logger | undefined): void {
  if (!logger) return;
  exchange.res.once('finish', () => {
    logger[exchange.logLevel]({
      ...exchange.log,
      status: exchange.res.statusCode,
      ms: Math.round((performance.now() - exchange.started) * 100) / 100,
    });
  });
}
