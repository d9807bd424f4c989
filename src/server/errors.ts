// Every error the API answers with has the same shape: {error: {code, message, path?}}.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { LeverageError, httpStatusFor, type ErrorKind } from '../errors/index.ts';

/** A LeverageError raised by a route, located in the request (`query.date`, `body.sector`). */
export class ApiError extends LeverageError {
  constructor(kind: ErrorKind, code: string, message: string, path?: string, details?: unknown) {
    super(kind, code, message, { ...(path ? { location: { path } } : {}), details });
    this.name = 'ApiError';
  }
  get status(): number {
    return httpStatusFor(this);
  }
  get path(): string | undefined {
    return this.location?.path;
  }
}

export const notFound = (what: string, id: string) =>
  new ApiError('not_found', 'not_found', `no ${what} "${id}"`);
export const badRequest = (message: string, path?: string) =>
  new ApiError('input', 'bad_request', message, path);
export const unprocessable = (message: string, path?: string, details?: unknown) =>
  new ApiError('input', 'invalid', message, path, details);

/** Turn a zod error into a 400 naming the first bad field. */
export function fromZod(err: z.ZodError, where: 'body' | 'query' | 'params'): ApiError {
  const first = err.issues[0];
  const path = [where, ...first.path.map(String)].join('.');
  const message = err.issues
    .slice(0, 5)
    .map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');
  return new ApiError('input', 'bad_request', message, path);
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: 'body' | 'query' | 'params'): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw fromZod(r.error, where);
  return r.data;
}

/**
 * Fastify error handler: every LeverageError (ours or a domain's) with the catalogue's status;
 * fastify's own (body too large, bad JSON) mapped; the rest 500.
 */
export function errorHandler(
  err: FastifyError | LeverageError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  if (err instanceof LeverageError) {
    const status = httpStatusFor(err);
    if (status >= 500) req.log.error(err);
    const path = err.location?.path;
    void reply.status(status).send({
      error: {
        code: err.code,
        // Route errors are written for the API; a domain's may name files on the server.
        message:
          err instanceof ApiError
            ? err.message
            : (status >= 500 ? 'internal error: ' : '') + scrubPaths(err.message),
        ...(path ? { path } : {}),
        ...(err.details !== undefined ? { details: err.details } : {}),
      },
    });
    return;
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    void reply.status(413).send({
      error: {
        code: 'body_too_large',
        message: `request body is larger than the limit of ${req.server.initialConfig.bodyLimit} bytes`,
      },
    });
    return;
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    void reply.status(415).send({
      error: {
        code: 'unsupported_media_type',
        message: `unsupported content type ${JSON.stringify(req.headers['content-type'] ?? '')}: send application/json, application/yaml or text/plain`,
      },
    });
    return;
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    void reply.status(400).send({
      error: { code: 'bad_json', message: 'the body is empty but the content type is application/json' },
    });
    return;
  }
  if (
    err instanceof SyntaxError ||
    fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (fe.statusCode === 400 && /JSON/i.test(fe.message))
  ) {
    void reply
      .status(400)
      .send({ error: { code: 'bad_json', message: `malformed JSON body: ${err.message}` } });
    return;
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    void reply
      .status(fe.statusCode)
      .send({ error: { code: (fe.code ?? 'bad_request').toLowerCase(), message: fe.message } });
    return;
  }
  req.log.error(err);
  void reply
    .status(500)
    .send({ error: { code: 'internal', message: 'internal error: ' + scrubPaths(err.message) } });
}

/** Messages name files by their scenario name, never by a path on the server. */
export function scrubPaths(message: string): string {
  return message
    .replace(/\S*\.upload-[0-9a-f]+\.(ya?ml|json)/g, 'the upload')
    .replace(/(?:[A-Za-z]:)?[\\/][^\s"'`]*[\\/]([^\\/\s"'`]+)/g, (_m, last: string) => last);
}
