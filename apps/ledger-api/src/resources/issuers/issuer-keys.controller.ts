import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { assertOwnedBy, type IssuerKey } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { Roles } from '../../auth/roles';
import { type CommandContext, Context } from '../../http/command-context';
import { decorate } from '../../http/responses';
import { IdParam } from '../../http/id.pipe';
import { IssuerKeys, type RegisteredIssuer } from '../../credentials/issuer-keys';
import { ReportKeyCompromiseDto, reportKeyCompromise } from './issuer-keys.dto';

/** The public halves and their history: what the log holds, and what verifiers go by. */
const keysView = (issuer: RegisteredIssuer): { issuerId: string; keys: readonly IssuerKey[] } => ({
  issuerId: issuer.issuerId,
  keys: issuer.keys,
});

@ApiTags('issuers')
@ApiBearerAuth()
@Controller('issuers')
export class IssuerKeysController {
  constructor(
    private readonly keys: IssuerKeys,
    private readonly ledger: Ledger,
  ) {}

  /** Rotation: new Ed25519 and P-256 keys sign new credentials; the retired ones stay listed, so what they signed stays verifiable. */
  @Post(':id/keys')
  @HttpCode(200)
  @Roles('admin', 'issuer')
  @ApiOkResponse({ description: "The issuer's keys after the rotation, in activation order" })
  async rotate(@IdParam() id: string, @Context() ctx: CommandContext) {
    // Before any key is generated: an issuer principal acts only for its own issuer.
    assertOwnedBy(ctx.metadata, id);
    const issuer = await this.keys.rotate(id, ctx.metadata);
    return keysView(issuer);
  }

  /**
   * Reports a key compromised from `compromisedSince`: credentials it signed from then on fail
   * verification, it leaves the profile and DID document, and a fresh key replaces it.
   */
  @Post(':id/keys/:keyId/compromise')
  @HttpCode(200)
  @Roles('admin', 'issuer')
  @ApiOkResponse({
    description: "The issuer's keys after the report, with the replacement key if one was needed",
  })
  async compromise(
    @IdParam() id: string,
    @IdParam('keyId') keyId: string,
    @Body() body: ReportKeyCompromiseDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.ledger.handle(reportKeyCompromise(body, ctx, { id, subId: keyId }), ctx);
    decorate(reply, { id: keyId, result });
    const { history } = await this.keys.keyring(id);
    return { issuerId: id, keys: history };
  }
}
