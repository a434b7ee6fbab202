import { NotFoundException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { HandleResult } from '@credence/event-store';
import { etagOf } from './command-context';

export const POSITION_HEADER = 'credence-position';

/** What a command route answers from: the id of the resource it acted on and the Ledger's result. */
export type Outcome<State = unknown> = Readonly<{ id: string; result: HandleResult<State> }>;

/** ETag = stream version; Credence-Position lets a reader wait for projections to catch up. */
export const decorate = (reply: FastifyReply, outcome: Outcome, location?: string): void => {
  if (outcome.result.version >= 0) void reply.header('etag', etagOf(outcome.result.version));
  if (outcome.result.position !== null) void reply.header(POSITION_HEADER, outcome.result.position);
  if (location) void reply.header('location', location);
};

export const created = (reply: FastifyReply, outcome: Outcome, location: string) => {
  decorate(reply, outcome, location);
  return { id: outcome.id };
};

/** A stream with no events is a 404 on reads. */
export const existing = <T>(version: number, what: string, id: string, view: () => T): T => {
  if (version < 0) throw new NotFoundException(`${what} ${id} does not exist`);
  return view();
};
