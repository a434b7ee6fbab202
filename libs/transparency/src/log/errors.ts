/** The transparency log's error family; `code` becomes the problem+json code. */
export class TransparencyLogError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not-found',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const invalid = (code: string, message: string) => new TransparencyLogError('invalid', code, message);
export const notFound = (code: string, message: string) =>
  new TransparencyLogError('not-found', code, message);
