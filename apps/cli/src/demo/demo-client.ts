import { type BatchApi, BatchApiError, ok, send } from '../batch/batch-client';

export type Answer = Readonly<{ status: number; body: Record<string, unknown> }>;

/**
 * JSON over the ledger API for the demo seed, with the batch client's resends. Every POST carries an
 * Idempotency-Key derived from the seed and the step, so a resend, or a second seed with the same value
 * against the same ledger, replays the first answers instead of adding a second world.
 */
export class DemoClient {
  constructor(
    readonly baseUrl: string,
    private readonly keyPrefix: string,
  ) {}

  api(token: string): BatchApi {
    return { baseUrl: this.baseUrl, token };
  }

  /** Any answer, refusals included: the caller decides what it expected. */
  async attempt(token: string, path: string, body: unknown, step: string): Promise<Answer> {
    const response = await send(this.api(token), path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': `${this.keyPrefix}-${step}`,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Answer['body'] };
  }

  /** A 2xx answer's body; a refusal throws with its problem, since the plan expected success. */
  async post(token: string, path: string, body: unknown, step: string): Promise<Record<string, unknown>> {
    const answer = await this.attempt(token, path, body, step);
    if (answer.status >= 300) throw new BatchApiError(answer.status, answer.body);
    return answer.body;
  }

  /** `POST` that answers `{id}`: the id. */
  async create(token: string, path: string, body: unknown, step: string): Promise<string> {
    const { id } = await this.post(token, path, body, step);
    if (typeof id !== 'string') throw new Error(`POST ${path} answered no id`);
    return id;
  }

  /** The ledger's clock: the Date header of its answer, so the world's dates are in its past. */
  async now(): Promise<number> {
    const response = await ok(await fetch(new URL('/health/live', this.baseUrl)));
    await response.body?.cancel();
    const date = response.headers.get('date');
    if (!date) throw new Error('the API sent no Date header to take the time from');
    return Date.parse(date);
  }
}
