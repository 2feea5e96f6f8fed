import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { describeIssues, RetryableError, type ErrorAnswer } from '@pitwall/shared';
import type { Logger } from '../log/logger';

/** Thrown by a handler to answer `{ error: message }` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds, for 429 and 503 answers. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const MAX_BODY_BYTES = 1_000_000;

/** Fastify's own refusals, in the words this API has always used. */
const FRAMEWORK_MESSAGES: Record<string, (error: FastifyError, request: FastifyRequest) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => `body larger than ${MAX_BODY_BYTES} bytes`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'send the body as application/json',
  FST_ERR_BAD_URL: (_error, request) => `malformed URL: ${JSON.stringify(request.raw.url)}`,
  FST_ERR_MAX_PARAM_LENGTH: () => 'a path segment is too long',
};

/**
 * Every error becomes `{ error: message }`. A route may give `config.invalid` to open the message
 * of a request its schema refuses (how to send it right); unexpected errors are logged and
 * answered 500 without their details.
 */
export function errorAnswer(log: Logger) {
  return (error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof RetryableError) {
      const answer: ErrorAnswer = { error: error.message, retry: true };
      return reply.code(503).header('retry-after', '1').send(answer);
    }
    if (error instanceof HttpError) {
      if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
      return reply.code(error.status).send({ error: error.message });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const issues = error.validation.map((issue) => {
        const path = issue.instancePath.split('/').filter(Boolean);
        // Body fields are named as the sender wrote them; query and path parameters say where they were.
        return {
          path: where === 'body' && path.length > 0 ? path : [where, ...path],
          message: issue.message ?? 'invalid',
        };
      });
      const advice = request.routeOptions.config.invalid;
      return reply.code(400).send({ error: `${advice ? `${advice}: ` : ''}${describeIssues(issues)}` });
    }
    const known = error.code ? FRAMEWORK_MESSAGES[error.code] : undefined;
    if (known) return reply.code(error.statusCode ?? 400).send({ error: known(error, request) });
    if (error.statusCode !== undefined && error.statusCode < 500)
      return reply.code(error.statusCode).send({ error: error.message });
    log.error('http request failed', { method: request.method, url: request.url, error: String(error.stack) });
    return reply.code(500).send({ error: 'internal error' });
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How to send the request right, put before what the route's schema refused. */
    invalid?: string;
    /** The route writes: it needs `Authorization: Bearer <feed token>`. */
    feedToken?: boolean;
  }
}
