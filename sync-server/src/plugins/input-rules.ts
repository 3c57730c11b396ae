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
