import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@credence/domain';
import { ActiveRuleset, Ledger } from '@credence/ledger';
import { CurrentPrincipal, Roles } from '../../auth/roles';
import { LedgerConfig } from '../../config';
import { type CommandContext, Context } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { assertMayRead } from '../../http/read-access';
import { problemOf } from '../../http/problem.filter';
import { applyBatch, type ApplyOptions, resumeBatches } from '../../batches/apply-batch';
import { batchCsv, batchJsonText, batchSummaryText } from '../../batches/batch-results';
import { type Batch, BatchStore } from '../../batches/batch-store';
import { applyRowWith, checkRowWith } from '../../batches/ledger-rows';
import { openBatch } from '../../batches/open-batch';
import type { BatchMediaType } from '../../batches/parse-batch';
import { BatchViewQueryDto } from './credential-batches.dto';

const mediaTypeOf = (contentType: string | undefined): BatchMediaType =>
  contentType?.startsWith('application/x-ndjson') ? 'application/x-ndjson' : 'text/csv';

/** Bulk issuance (docs/credential-batches.md): the upload answers at once, the rows are applied behind it. */
@ApiTags('credential-batches')
@ApiBearerAuth()
@Controller('credential-batches')
export class CredentialBatchesController implements OnApplicationBootstrap {
  private readonly logger = new Logger('CredentialBatches');
  /** Batches being applied in this process: a resend while one runs starts no second run. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: BatchStore,
    private readonly ledger: Ledger,
    private readonly rulesets: ActiveRuleset,
    private readonly config: LedgerConfig,
  ) {}

  private options(): Omit<ApplyOptions, 'batch'> {
    return {
      store: this.store,
      problemOf: (error) => problemOf(error),
      checkRow: checkRowWith(this.ledger, this.rulesets),
      now: () => new Date().toISOString(),
    };
  }

  /** Batches left `processing` by a crash or a kill are finished; their rows' ids make re-applying them a no-op. */
  onApplicationBootstrap(): void {
    // In a cluster only the leader resumes: two workers would apply the same rows side by side.
    if (!this.config.background) return;
    const resuming = resumeBatches(applyRowWith(this.ledger), this.options());
    resuming.catch((error: unknown) => this.logger.error(`resuming batches failed: ${String(error)}`));
  }

  private start(batch: Batch): void {
    if (batch.status !== 'processing' || this.running.has(batch.id)) return;
    const run = applyBatch(batch.rows, applyRowWith(this.ledger), { ...this.options(), batch })
      .catch((error: unknown) => this.logger.error(`batch ${batch.id} stopped: ${String(error)}`))
      .finally(() => this.running.delete(batch.id));
    this.running.set(batch.id, run);
  }

  @Post()
  @HttpCode(202)
  @Roles('issuer')
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({
    description:
      'A header row and one row per learner (CSV), or one JSON object a line (NDJSON); see docs/credential-batches.md',
    schema: { type: 'string' },
  })
  async upload(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query('atomic') atomic: string | undefined,
    @Query('delimiter') delimiter: string | undefined,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const text = typeof body === 'string' ? body : '';
    const batch = await openBatch(
      this.store,
      { body: text, mediaType: mediaTypeOf(contentType), delimiter, atomic: atomic === 'true' },
      ctx,
    );
    this.start(batch);
    void reply.header('location', `/v1/credential-batches/${batch.id}`);
    return { id: batch.id, rows: batch.rows.length };
  }

  @Get(':id')
  @Roles('issuer')
  @ApiOkResponse({
    description:
      'Status, counts and one result per row (with ?results=false, status and counts alone); with Accept: text/csv, the results CSV',
    content: {
      'application/json': { schema: { type: 'object' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  get(
    @IdParam() id: string,
    @Query() query: BatchViewQueryDto,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const batch = this.store.header(id);
    if (!batch) throw new NotFoundException(`CredentialBatch ${id} does not exist`);
    assertMayRead(principal, batch.context.metadata.issuerId, 'CredentialBatch', id);
    if (accept?.includes('text/csv')) {
      void reply.header('content-type', 'text/csv; charset=utf-8');
      return batchCsv(this.store.results(id));
    }
    void reply.header('content-type', 'application/json; charset=utf-8');
    if (query.results === 'false') return batchSummaryText(batch, this.store.counts(id));
    return batchJsonText(batch, this.store.counts(id), this.store.resultsJson(id));
  }
}
