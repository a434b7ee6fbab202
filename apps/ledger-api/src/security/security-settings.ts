import { readEnv } from '@credence/config';

export type SecuritySettings = Readonly<{
  bodyLimit: number;
  idempotencyTtlMs: number;
  /** Empty = CORS off: no browser origin other than the API's own may call it. */
  corsOrigins: readonly string[];
  authFailureLimit: number;
  publicRateLimit: number;
  /** Rule refusals recorded per principal per window (RefusalLimiter). */
  refusalLimit: number;
  rateWindowMs: number;
}>;

const positive = (name: string, env: NodeJS.ProcessEnv): number => {
  const value = Number(readEnv(name, env));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

export const securitySettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): SecuritySettings => {
  const origins = (readEnv('CREDENCE_CORS_ORIGINS', env) ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // An explicit list only: '*' would let any site's scripts read answers given to a bearer token.
  if (origins.includes('*')) throw new Error('CREDENCE_CORS_ORIGINS must list origins explicitly, not *');
  return {
    bodyLimit: Math.trunc(positive('CREDENCE_BODY_LIMIT', env)),
    idempotencyTtlMs: positive('CREDENCE_IDEMPOTENCY_TTL_HOURS', env) * 3_600_000,
    corsOrigins: origins,
    authFailureLimit: Math.trunc(positive('CREDENCE_AUTH_FAILURE_LIMIT', env)),
    publicRateLimit: Math.trunc(positive('CREDENCE_PUBLIC_RATE_LIMIT', env)),
    refusalLimit: Math.trunc(positive('CREDENCE_REFUSAL_LIMIT', env)),
    rateWindowMs: positive('CREDENCE_RATE_LIMIT_WINDOW_SECONDS', env) * 1000,
  };
};
