import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { VC_JWT_MEDIA_TYPE } from '@credence/credentials';
import type { Principal } from '@credence/domain';
import { CurrentPrincipal, Roles } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { CredentialExporter } from './credential-export';

@ApiTags('verifiable credentials')
@ApiBearerAuth()
@Controller('credentials')
export class CredentialExportController {
  constructor(private readonly exporter: CredentialExporter) {}

  /** Same roles and ownership as GET /v1/credentials/{id}: an issuer exports only its own. */
  @Get(':id/ob3')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  @ApiProduces('application/ld+json', VC_JWT_MEDIA_TYPE)
  @ApiOkResponse({
    description:
      'The OB 3.0 AchievementCredential: JSON-LD with an embedded Data Integrity proof (eddsa-rdfc-2022), or with `Accept: application/vc+jwt` a compact JWS (ES256, `typ: vc+jwt`). Signed once per credential and key, then served from a cache.',
  })
  async ob3(
    @IdParam() id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const signed = await this.exporter.signed(await this.exporter.issued(id, principal));
    void reply.header('vary', 'accept');
    if (accept?.includes(VC_JWT_MEDIA_TYPE)) {
      void reply.header('content-type', VC_JWT_MEDIA_TYPE);
      return signed.jwt;
    }
    void reply.header('content-type', 'application/ld+json');
    return signed.json;
  }
}
