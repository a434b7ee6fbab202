import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { VC_JWT_MEDIA_TYPE } from '@credence/credentials';
import type { Principal } from '@credence/domain';
import { CurrentPrincipal, Roles } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { CredentialExporter } from './credential-export';
import type { SignedExport } from './export-cache';
import { SIGNED_CREDENTIAL_CONTENT } from './signed-credential-content';
import { StackedCredentialExporter } from './stacked-export';

/** `Accept: application/vc+jwt` gets the compact JWS, anything else the JSON-LD with its embedded proof. */
const negotiated = (signed: SignedExport, accept: string | undefined, reply: FastifyReply) => {
  void reply.header('vary', 'accept');
  if (accept?.includes(VC_JWT_MEDIA_TYPE)) {
    void reply.header('content-type', VC_JWT_MEDIA_TYPE);
    return signed.jwt;
  }
  void reply.header('content-type', 'application/ld+json');
  return signed.json;
};

@ApiTags('verifiable credentials')
@ApiBearerAuth()
@Controller()
export class CredentialExportController {
  constructor(
    private readonly exporter: CredentialExporter,
    private readonly stacks: StackedCredentialExporter,
  ) {}

  /** Same roles and ownership as GET /v1/credentials/{id}: an issuer exports only its own. */
  @Get('credentials/:id/ob3')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  @ApiOkResponse({
    content: SIGNED_CREDENTIAL_CONTENT,
    description:
      'The OB 3.0 AchievementCredential: JSON-LD with an embedded Data Integrity proof (eddsa-rdfc-2022), or with `Accept: application/vc+jwt` a compact JWS (ES256, `typ: vc+jwt`). Signed once per credential and key, then served from a cache.',
  })
  async ob3(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return negotiated(await this.exporter.signed(await this.exporter.issued(id, principal)), accept, reply);
  }

  /** Same roles and ownership as GET /v1/stacked-credentials/{id}. */
  @Get('stacked-credentials/:id/ob3')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  @ApiOkResponse({
    content: SIGNED_CREDENTIAL_CONTENT,
    description:
      "The stacked credential as an OB 3.0 AchievementCredential, in the same two proof forms and cache as a single credential's export: the achievement is the pathway, and `evidence[]` links each component credential's own export (`/v1/credentials/{id}/ob3`).",
  })
  async stackedOb3(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return negotiated(await this.stacks.signed(await this.stacks.awarded(id, principal)), accept, reply);
  }
}
