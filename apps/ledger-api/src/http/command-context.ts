import { randomUUID } from 'node:crypto';
import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CommandMetadata, Principal } from '@credence/domain';
import { type ExpectedVersion, uuidFromSeed } from '@credence/event-store';

/** What the HTTP boundary contributes to a command: the only place that reads the clock or makes ids. */
export type CommandContext = Readonly<{
  metadata: CommandMetadata;
  /** Id for a resource this command creates; stable across retries with the same Idempotency-Key. */
  newId: string;
  expectedVersion?: ExpectedVersion;
  idempotencyKey?: string;
}>;

/** A command's id and the id of what it creates, both fixed by the seed, so a retry dedupes. */
export const idsFromSeed = (seed: string): { commandId: string; newId: string } => {
  const commandId = uuidFromSeed(seed);
  return { commandId, newId: uuidFromSeed(`${commandId}\u0000id`) };
};

/** `If-Match: "3"` (or W/"3") → 3. Anything else is a malformed precondition. */
export const parseIfMatch = (header: string | undefined): ExpectedVersion | undefined => {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(-?\d+)"$/.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must be an ETag this API returned, e.g. "3"');
  const version = Number(match[1]);
  return version < 0 ? 'no_stream' : version;
};

export const etagOf = (version: number): string => `"${version}"`;

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const buildCommandContext = (
  request: FastifyRequest & { principal?: Principal },
  now: Date,
): CommandContext => {
  const principal = request.principal;
  if (!principal) throw new Error('command context needs an authenticated principal');
  const idempotencyKey = header(request, 'idempotency-key');
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
    throw new BadRequestException('Idempotency-Key must be 1–200 visible ASCII characters');
  }
  // Scoped to the principal, so two callers' keys never collide.
  const keyed = idempotencyKey ? idsFromSeed(`${principal.id}\u0000${idempotencyKey}`) : undefined;
  const commandId = keyed?.commandId ?? randomUUID();
  const correlationId = header(request, 'x-correlation-id') ?? commandId;
  // It is copied into every event's metadata, so it gets the same discipline as the key.
  if (!/^[\x21-\x7e]{1,200}$/.test(correlationId)) {
    throw new BadRequestException('X-Correlation-Id must be 1–200 visible ASCII characters');
  }
  // The request log reports the id the events carry.
  (request as { correlationId?: string }).correlationId = correlationId;
  return {
    metadata: {
      commandId,
      principal,
      ...(principal.issuerId ? { issuerId: principal.issuerId } : {}),
      now: now.toISOString(),
      correlationId,
      causationId: commandId,
    },
    newId: keyed?.newId ?? randomUUID(),
    expectedVersion: parseIfMatch(header(request, 'if-match')),
    idempotencyKey,
  };
};

export const Context = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  buildCommandContext(context.switchToHttp().getRequest(), new Date()),
);
