import { DomainError, invalid, type CommandMetadata } from './core';

/** Checks shared by all deciders: who may act on a stream, and whether the app passed the right context. */

export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', code, message, details);

/**
 * Issuer principals may act only on streams their issuer owns. Other roles (qa-body, admin, the
 * system) pass here: what each role may do at all is the application's role policy.
 */
export const assertOwnedBy = (metadata: CommandMetadata, ownerIssuerId: string): void => {
  const { principal } = metadata;
  if (principal.role === 'issuer' && principal.issuerId !== ownerIssuerId) {
    throw forbidden(
      'issuer.not-owner',
      `Principal ${principal.id} does not act for issuer ${ownerIssuerId}`,
      {
        ownerIssuerId,
        principalIssuerId: principal.issuerId,
      },
    );
  }
};

/** The issuer a creating command acts for: new streams belong to `metadata.issuerId`. */
export const actingIssuerId = (metadata: CommandMetadata): string => {
  if (!metadata.issuerId)
    throw invalid('command.issuer-required', 'The command does not say which issuer it acts for');
  assertOwnedBy(metadata, metadata.issuerId);
  return metadata.issuerId;
};

/** Context is resolved by the application; a state for another id is a wiring bug, not a user error. */
export const assertContextFor = (what: string, expectedId: string, actualId: string | undefined): void => {
  if (actualId !== undefined && actualId !== expectedId) {
    throw invalid('command.context-mismatch', `Context ${what} ${actualId} is not ${expectedId}`, {
      what,
      expectedId,
      actualId,
    });
  }
};

export const requireText = (value: string | undefined, code: string, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(code, `${field} must not be empty`, { field });
};

/** The `never` check for a command switch; takes the command or its type (one-member unions do not narrow). */
export const exhaustive = (value: never): never => {
  const type: unknown = typeof value === 'string' ? value : (value as { type?: unknown }).type;
  throw invalid('command.unknown', `Unknown command ${String(type)}`, { type });
};

/** The European Qualifications Framework has eight levels. */
export const isEqfLevel = (level: unknown): level is number =>
  typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 8;

/** For a command on an existing stream: the state is this stream's, and the principal acts for its owner. */
export const assertMayActOn = (
  metadata: CommandMetadata,
  what: string,
  expectedId: string,
  stream: Readonly<{ id: string; issuerId: string }>,
): void => {
  assertContextFor(what, expectedId, stream.id);
  assertOwnedBy(metadata, stream.issuerId);
};
