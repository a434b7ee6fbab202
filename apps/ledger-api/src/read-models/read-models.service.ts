import { ActiveRuleset } from '@credence/ledger';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { comparePositions, EventStore } from '@credence/event-store';
import {
  readCheckpoints,
  ReadModelDatabase,
  ReadModelError,
  waitForProjections,
} from '@credence/projections';
import type { FreshnessQueryDto } from './read-models.dto';

export const PROJECTION_POSITION_HEADER = 'credence-projection-position';
const DEFAULT_WAIT_MS = 5000;

/** The read-model database for controllers, plus read-your-writes. */
@Injectable()
export class ReadModels {
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
    if (query.waitFor) await this.assertWritten(query.waitFor);
    const checkpoints = query.waitFor
      ? await waitForProjections(this.rm, projections, query.waitFor, {
          timeoutMs: query.waitMs ?? DEFAULT_WAIT_MS,
        })
      : await readCheckpoints(this.rm.any, '', projections);
    const lowest = [...checkpoints.values()].sort(comparePositions)[0];
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
