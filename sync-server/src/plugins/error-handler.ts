import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface ErrorBody {
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
  /** An HttpError's extra fields (the wipe order's code and mode, WIPE4). */
  [extra: string]: unknown;
}

/**
 * Every error leaves as JSON `{ error, message }`. Client mistakes (bad JSON, schema violations,
 * wrong content type) get their 4xx and a reason the client can act on; server faults get a bare
 * 500 and the details go to the log only, so stack traces and SQL never reach a browser.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      return reply.code(400).send({
        error: 'bad_request',
        message: `Invalid ${where}`,
        issues: error.validation.map((issue) => ({
          path: issue.instancePath || '/',
          message: issue.message ?? 'invalid',
        })),
      } satisfies ErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // SEC2: the route's limit, so a client (or its developer) knows what to cut.
      const limit = request.routeOptions.bodyLimit;
      return reply.code(413).send({
        error: 'payload_too_large',
        message: `The request body exceeds the ${limit} bytes this route accepts`,
      } satisfies ErrorBody);
    }
    if (status >= 400 && status < 500) {
      const extra = (error as { extra?: Readonly<Record<string, string>> }).extra;
      const body: ErrorBody = { error: errorName(status), message: error.message, ...extra };
      if (status === 400) body.issues = [];
      return reply.code(status).send(body);
    }
    request.log.error({ err: error }, 'request failed');
    if (status === 503) {
      // Deliberate "retry later" answers (the database is down): the message is written for clients.
      return reply
        .code(503)
        .send({ error: 'service_unavailable', message: error.message } satisfies ErrorBody);
    }
    return reply
      .code(status >= 500 && status < 600 ? status : 500)
      .send({ error: 'internal_error', message: 'Internal server error' } satisfies ErrorBody);
  });
}

/**
 * For errors Fastify raises before routing (a URL that is not valid percent-encoding). Passed as
 * the `frameworkErrors` option because setErrorHandler does not see them.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  reply
    .code(status)
    .send({ error: errorName(status), message: error.message, issues: [] } satisfies ErrorBody);
}

/** 415 → "unsupported_media_type": a stable machine-readable name from the HTTP reason phrase. */
function errorName(status: number): string {
  return (STATUS_CODES[status] ?? 'client error').toLowerCase().replace(/[^a-z]+/g, '_');
}
