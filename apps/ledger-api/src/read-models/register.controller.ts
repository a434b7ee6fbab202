import { ForbiddenException, Get, Headers, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@credence/domain';
import {
  compareSpecifications,
  parseVersionedId,
  listSpecifications,
  parseRegisterSort,
  REGISTER_COLUMNS,
  ReadModelError,
  toCsv,
  toCsvTransposed,
} from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { mayRead } from '../http/read-access';
import { linkNext, sendCsv, wantsCsv } from './export-reply';
import { ComparisonQueryDto, RegisterQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';
import { assertInVocabularies, registerVocabularies } from './register-vocabularies';

const SOURCES = ['specifications', 'issuers'];

/** An issuer's view of the register is its own offerings; everyone else sees them all. */
const scopedIssuer = (principal: Principal, asked: string | undefined): string | undefined => {
  if (principal.role !== 'issuer') return asked;
  if (asked !== undefined && asked !== principal.issuerId)
    throw new ForbiddenException('An issuer may read only its own resources');
  return principal.issuerId;
};

@ReadModelController('register')
export class RegisterController {
  constructor(private readonly readModels: ReadModels) {}

  /** The Annex I vocabularies of the active ruleset: the values the register's filters take. */
  @Get('vocabularies')
  @ReadModelRoute(
    'The values each Annex I filter of the register takes (type of assessment, form of participation, type of quality assurance, supervision and identity verification), from the active ruleset.',
    { csv: false },
  )
  async vocabularies() {
    return registerVocabularies(await this.readModels.activeRuleset());
  }

  @Get('specifications')
  @ReadModelRoute(
    'Specifications with their Annex I elements, filtered and sorted, in pages of `limit` (`next` cursor and `Link` header). Retired ones only with includeRetired=true. ' +
      'The Annex I filters take the values of the active ruleset (GET /v1/register/vocabularies); any other is a 400.',
    { csv: true },
  )
  async specifications(
    @Query() query: RegisterQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { waitFor: _w, waitMs: _m, limit = 50, cursor, sort, issuerId, ...filter } = query;
    const order = parseRegisterSort(sort)!;
    assertInVocabularies(filter, registerVocabularies(await this.readModels.activeRuleset()));
    await this.readModels.fresh(SOURCES, query, reply);
    const page = await listSpecifications(
      this.readModels.db,
      { ...filter, issuerId: scopedIssuer(principal, issuerId) },
      order,
      { limit, cursor },
    );
    linkNext(reply, request, page.next);
    return wantsCsv(accept) ? sendCsv(reply, toCsv(REGISTER_COLUMNS, page.items), 'register') : page;
  }

  @Get('comparison')
  @ReadModelRoute(
    'The named specifications side by side, in the order given, with the attributes that differ. CSV: one row per attribute, one column per specification.',
    { csv: true },
  )
  async comparison(
    @Query() query: ComparisonQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.readModels.fresh(SOURCES, query, reply);
    const {
      items,
      differences,
      missing: unknown,
    } = await compareSpecifications(this.readModels.db, query.ids);
    // Another issuer's specification is "unknown" to an issuer, in the order asked, like a real one.
    const unreadable = new Set(
      items.filter((item) => !mayRead(principal, item.issuerId)).map((item) => item.specificationId),
    );
    const missing = query.ids.filter(
      (ref) => unknown.includes(ref) || unreadable.has(parseVersionedId(ref).id),
    );
    if (missing.length > 0) {
      throw new ReadModelError(
        'not-found',
        'specification.not-found',
        `Unknown specifications: ${missing.join(', ')}`,
        { missing },
      );
    }
    return wantsCsv(accept)
      ? sendCsv(
          reply,
          // Nothing is missing here, so the items are the references asked for, in order (`id@1` too).
          toCsvTransposed(REGISTER_COLUMNS, items, (e) => query.ids[items.indexOf(e)]),
          'comparison',
        )
      : { items, differences };
  }
}
