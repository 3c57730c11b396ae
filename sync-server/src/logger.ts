import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type DestinationStream, pino } from 'pino';
import type { LogLevel } from './config';

/**
 * Logs are structured JSON (pino) and must never contain personal data. The requests this server
 * handles carry debtors' names, incomes and debts, and logs are copied to places (support tickets,
 * hosting dashboards) that the association's GDPR register does not cover. So:
 * - a request is logged as method, route pattern, status and duration only: never the full URL
 *   (query strings and path parameters can hold names or ids), never bodies, never client IPs;
 * - credentials in headers are redacted in case a header object is ever logged;
 * - errors keep type, code, message and stack, not the extra fields a driver attaches (pg's
 *   `detail` echoes the offending row values).
 */
export function createLogger(level: LogLevel, stream?: DestinationStream): FastifyBaseLogger {
  const options = {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: safeRequest,
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
  };
  return stream === undefined ? pino(options) : pino(options, stream);
}

interface RequestLike {
  method?: string;
  routeOptions?: { url?: string };
}

function safeRequest(req: RequestLike): { method?: string; route: string | null } {
  return { method: req.method, route: req.routeOptions?.url ?? null };
}

function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  return {
    type: err.name,
    code: (err as NodeJS.ErrnoException).code,
    message: err.message,
    stack: err.stack,
  };
}

/**
 * Fastify's own request lines log the full URL and the client address. This controller drops the
 * "incoming request" and "route not found" lines and writes one line per response with the route
 * pattern (`/api/dossiers/:id`, not the id) instead.
 */
export class PrivacyLogController extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}
