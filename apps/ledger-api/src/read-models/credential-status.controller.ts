import { Get, NotFoundException, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@credence/domain';
import { CREDENTIAL_STATUS_SOURCES } from '@credence/projections';
import { CurrentPrincipal } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { assertMayRead } from '../http/read-access';
import { StatusAtQueryDto } from './read-models.dto';
import { ReadModelController, ReadModelRoute } from './decorators';
import { ReadModels } from './read-models.service';
import { statusQuestion } from './status-question';

@ReadModelController('credentials')
export class CredentialStatusController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':id/status')
  @ReadModelRoute(
    'The status at `at` (default now) as the ledger knew it at `asOf` (default now): active, suspended, revoked, ' +
      'expired, not-yet-valid, or absent (as known before the issuance was recorded). With the reason, when the status ' +
      'took effect (`effectiveAt`) and when the ledger recorded it (`recordedAt`). Each suspension, reinstatement and ' +
      'revocation holds from its `effectiveAt` (which may precede its recording; ab initio revocations hold at every ' +
      'instant), but only as known from its recording on. `accreditationAt`: whether the accreditation the credential ' +
      'was issued under was in force at `at`, as known at `asOf` (judged the same way). `rulesetAt`: the ruleset ' +
      'active at `at`, as known at `asOf` (the last activation recorded by both; null before any). Also what the ' +
      'issuance ran under: `accreditationAtIssuance` and `rulesetAtIssuance`.',
    { csv: false },
  )
  async status(
    @IdParam() id: string,
    @Query() query: StatusAtQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const question = statusQuestion(query);
    if (query.waitFor) await this.readModels.reached(CREDENTIAL_STATUS_SOURCES, query.waitFor, query.waitMs);
    // The checkpoints come with the documents, from the same read: the header is what the answer reflects.
    const { answer: status, checkpoints } = await this.readModels.credentialStatus(id, question);
    this.readModels.tellPosition(checkpoints, reply);
    if (!status) throw new NotFoundException(`Credential ${id} does not exist`);
    assertMayRead(principal, status.issuerId, 'Credential', id);
    return status;
  }
}
