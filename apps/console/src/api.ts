import { clearToken, readToken } from './session';

/** An RFC 9457 problem from the API (or a network failure dressed as one), shown as title + detail. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly code: string | undefined,
    readonly body: unknown = undefined,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** Listeners learn that the token was refused, so the app returns to sign-in. */
export const unauthorized = new EventTarget();

type Options = Readonly<{ method?: string; body?: unknown; accept?: string; anonymous?: boolean }>;

const problemOf = async (response: Response): Promise<ApiProblem> => {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status line is all there is.
  }
  const title = typeof body.title === 'string' ? body.title : `${response.status} ${response.statusText}`;
  const detail = typeof body.detail === 'string' ? body.detail : undefined;
  return new ApiProblem(
    response.status,
    title,
    detail,
    typeof body.code === 'string' ? body.code : undefined,
    body,
  );
};

/** Calls the API with the session's bearer token. JSON in and out, or text for `accept: text/csv`. */
export const call = async <T>(path: string, options: Options = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  const token = options.anonymous ? null : readToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiProblem(0, 'The API cannot be reached', (error as Error).message, 'network');
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && token) {
      clearToken();
      unauthorized.dispatchEvent(new Event('unauthorized'));
    }
    throw problem;
  }
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
};

/** Builds `path?k=v` from the values that are set. */
export const withQuery = (
  path: string,
  params: Record<string, string | number | undefined | null>,
): string => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};
