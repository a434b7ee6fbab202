import { Get, Headers, NotFoundException, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@credence/domain';
import {
  complianceCsv,
  ISSUER_DIRECTORY_COLUMNS,
  issuancePerWeek,
  issuerCompliance,
  issuerDirectory,
  toCsv,
} from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { assertMayRead } from '../http/read-access';
import { sendCsv, wantsCsv } from './export-reply';
import { FreshnessQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';

const SOURCES = ['issuers', 'credentials', 'assessment_lead_times', 'compliance_findings'];

@ReadModelController('issuers')
export class ComplianceController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @ReadModelRoute(
    'The issuer directory: every issuer with its legal name, country, the accreditation in force (or the latest), ' +
      'credentials issued, active (valid now), suspended and revoked, and refusals and warnings by rule id, over every ' +
      'ruleset. Ordered by legal name. An issuer sees only itself. CSV: one row per issuer.',
    { csv: true },
  )
  async directory(
    @Query() query: FreshnessQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.readModels.fresh(SOURCES, query, reply);
    const issuerId = principal.role === 'issuer' ? principal.issuerId : undefined;
    const items = await issuerDirectory(this.readModels.db, { issuerId, nowMs: Date.now() });
    return wantsCsv(accept) ? sendCsv(reply, toCsv(ISSUER_DIRECTORY_COLUMNS, items), 'issuers') : { items };
  }

  @Get(':id/compliance')
  @ReadModelRoute(
    'Per ruleset version: credentials issued, active, suspended, expired, not yet valid and revoked (by reason), refused ' +
      'commands and warnings by rule id, the median time from assessment to issuance; plus each accreditation with its granting QA body (id and name), ' +
      'its history (each change with its `effectiveAt`) and the credentials issued under it, and `issuedOutsideAccreditation`: credentials issued while their ' +
      'accreditation was in force as known then, but not as known now (a suspension or withdrawal recorded later ' +
      'took effect before the issuance). ' +
      'Active and expired are judged now. JSON also has `issuedPerWeek` (ISO weeks by their Monday). CSV: one long table `ruleset,metric,key,value`. An issuer sees only its own.',
    { csv: true },
  )
  async compliance(
    @IdParam() id: string,
    @Query() query: FreshnessQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertMayRead(principal, id, 'Issuer', id);
    await this.readModels.fresh(SOURCES, query, reply);
    const report = await issuerCompliance(this.readModels.db, id, Date.now());
    if (!report) throw new NotFoundException(`Issuer ${id} has no records`);
    if (wantsCsv(accept)) return sendCsv(reply, complianceCsv(report), `compliance-${id}`);
    return { ...report, issuedPerWeek: await issuancePerWeek(this.readModels.db, id) };
  }
}
