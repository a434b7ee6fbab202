/** A setting the environment gives that Credence cannot start with; apps stop with its message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The value when it is one of `allowed`; otherwise a ConfigError naming the variable and the choices. */
export const oneOf = <T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T => {
  if (allowed.includes(value as T)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
};
