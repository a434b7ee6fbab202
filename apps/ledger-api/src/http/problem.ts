/** RFC 9457 problem details, the one error body of the HTTP API. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  [extension: string]: unknown;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problem = (
  status: number,
  code: string,
  title: string,
  extra: Partial<Problem> = {},
): Problem => ({
  type: `https://credence.dev/problems/${code}`,
  title,
  status,
  code,
  ...extra,
});

export type FieldError = { field: string; messages: string[] };

/** Thrown by the ValidationPipe's exceptionFactory: the request body or query had the wrong shape. */
export class RequestValidationError extends Error {
  constructor(readonly fields: FieldError[]) {
    super('The request is not valid');
  }
}

/** A batch upload refused as a whole (no row runs): a missing or unknown column, too many rows, unreadable CSV. */
export class BatchRejectedError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: string,
    message: string,
    readonly extra: Partial<Problem> = {},
  ) {
    super(message);
  }
}
