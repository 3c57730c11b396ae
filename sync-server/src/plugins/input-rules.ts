import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { describeInputIssue, inputIssue } from '../../../src/domain/sync/input-rules';
import { HttpError } from '../http-errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Body fields the route checks item by item itself: the push quarantines each mutation that
     * breaks the input rules (QUAR1) rather than refusing the whole batch.
     */
    inputRulesCheckedByRoute?: readonly string[];
  }
}

/**
 * INPUT1, INPUT2 for every request, before its schema: a string holding U+0000 (or another
 * control character, or a lone surrogate) or a value nested too deep is a 400 with the place it
 * was found, whichever store runs behind (docs/sync-protocol.md). The rule itself is the
 * domain's (src/domain/sync/input-rules.ts), the same the push applies to each mutation.
 */
export function registerInputRules(app: FastifyInstance): void {
  // INPUT1: a JSON body is UTF-8 (RFC 8259). Bytes that are not would be decoded as U+FFFD and
  // stored as if the person had typed that: refused instead. Fastify's own parser does the rest
  // (empty body, syntax, prototype poisoning), with the instance's settings.
  const parseJson = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  );
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new HttpError(400, 'Invalid body: INPUT1: the body is not valid UTF-8'), undefined);
      return;
    }
    parseJson(request, bytes.toString('utf8'), done);
  });
  app.addHook('preValidation', async (request) => {
    const own = request.routeOptions.config.inputRulesCheckedByRoute ?? [];
    let body = request.body;
    if (own.length > 0 && typeof body === 'object' && body !== null && !Array.isArray(body)) {
      body = Object.fromEntries(Object.entries(body).filter(([key]) => !own.includes(key)));
    }
    const parts: [string, unknown][] = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', body],
    ];
    for (const [part, value] of parts) {
      const issue = inputIssue(value);
      if (issue !== undefined) throw new HttpError(400, `Invalid ${part}: ${describeInputIssue(issue)}`);
    }
  });
}
