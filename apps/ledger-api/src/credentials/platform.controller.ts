import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles';
import { PlatformIssuer } from './platform-issuer';

/** The deployment's own public face as the issuer of learner records (CLR 2.0), outside /v1 like /issuers. */
@ApiTags('verifiable credentials')
@Controller('platform')
export class PlatformController {
  constructor(private readonly platform: PlatformIssuer) {}

  @Get()
  @Public()
  @ApiProduces('application/json')
  @ApiOkResponse({
    description:
      "The deployment's issuer Profile (the issuer of learner-record CLRs) with the URL of its public JWK",
  })
  async profile() {
    const { keyId } = await this.platform.key();
    return { ...this.platform.profile, type: ['Profile'], publicKeys: [this.platform.jwkUrl(keyId)] };
  }

  @Get('keys/:keyFile')
  @Public()
  @ApiProduces('application/jwk+json')
  @ApiOkResponse({
    description: "The deployment's P-256 public key as a JWK: the `kid` of a learner-record CLR",
  })
  async jwk(@Param('keyFile') keyFile: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const key = await this.platform.key();
    if (keyFile !== `${key.keyId}.jwk`) throw new NotFoundException(`The platform has no key ${keyFile}`);
    void reply.header('content-type', 'application/jwk+json');
    return { ...key.publicJwk, kid: key.keyId };
  }
}
