import { ActiveRuleset } from '@credence/ledger';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { comparePositions, EventStore, type Position } from '@credence/event-store';
import {
  type Checkpoints,
  credentialStatusReader,
  type CredentialStatusReader,
  readCheckpoints,
  ReadModelDatabase,
  ReadModelError,
  waitForProjections,
} from '@credence/projections';
import type { FreshnessQueryDto } from './read-models.dto';

export const PROJECTION_POSITION_HEADER = 'credence-projection-position';
const DEFAULT_WAIT_MS = 5000;

/**
 * The lowest checkpoint of each set told: the status reader hands the same (never mutated) set for
 * every answer from one snapshot, and sorting it parses every position into BigInts (~5 µs of a
 * status request, issue 20). Keyed by the set itself, so a set no longer held is forgotten.
 */
const lowestOf = new WeakMap<Checkpoints, Position | null | undefined>();

/** The read-model database for controllers, plus read-your-writes. */
@Injectable()
export class ReadModels {
  private statusReader?: CredentialStatusReader;

  constructor(
    readonly rm: ReadModelDatabase,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The app's active ruleset (the register's filters take its Annex I vocabularies). */
  activeRuleset() {
    return this.moduleRef.get(ActiveRuleset, { strict: false }).current();
  }

  get db() {
    return this.rm.db;
  }

  /**
   * Waits (bounded) until the named projections reached `waitFor`, then tells the client which
   * position the answer reflects: the lowest checkpoint among them.
   */
  async fresh(projections: readonly string[], query: FreshnessQueryDto, reply: FastifyReply): Promise<void> {
    const checkpoints = query.waitFor
      ? await this.reached(projections, query.waitFor, query.waitMs)
      : await readCheckpoints(this.rm.any, '', projections);
    this.tellPosition(checkpoints, reply);
  }

  /** The status route's reads, statements prepared once (see credentialStatusReader). */
  get credentialStatus(): CredentialStatusReader {
    return (this.statusReader ??= credentialStatusReader(this.rm));
  }

  /** Waits (bounded) until the named projections reached `position`: `fresh` without its answer. */
  async reached(projections: readonly string[], position: string, waitMs?: number): Promise<Checkpoints> {
    await this.assertWritten(position);
    return waitForProjections(this.rm, projections, position, { timeoutMs: waitMs ?? DEFAULT_WAIT_MS });
  }

  /** The position an answer reflects: the lowest checkpoint among the projections it was read from. */
  tellPosition(checkpoints: Checkpoints, reply: FastifyReply): void {
    let lowest = lowestOf.get(checkpoints);
    if (!lowestOf.has(checkpoints)) {
      lowest = [...checkpoints.values()].sort(comparePositions)[0];
      lowestOf.set(checkpoints, lowest);
    }
    if (lowest) void reply.header(PROJECTION_POSITION_HEADER, lowest);
  }

  /** A position past the log's head was never returned by this API; waiting for it would only burn waitMs. */
  private async assertWritten(position: string): Promise<void> {
    const head = await this.moduleRef.get(EventStore, { strict: false }).headPosition();
    if (head === null || comparePositions(position, head) > 0) {
      throw new ReadModelError(
        'invalid',
        'position.ahead',
        `waitFor ${position} is past the head of the log (${head ?? 'empty'})`,
      );
    }
  }
}
