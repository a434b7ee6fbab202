import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { IssuerKeyring } from './issuer-keys';

/**
 * The issuer's public face for verifiers, outside /v1 because its URL is the OB 3.0 issuer id:
 * the Profile with its keys as Multikey verification methods, and each key as a JWK (vc+jwt `kid`).
 */
@ApiTags('verifiable credentials')
@Controller('issuers')
export class IssuerProfileController {
  constructor(private readonly keyring: IssuerKeyring) {}

  @Get(':issuerId')
  @Public()
  @ApiProduces('application/ld+json')
  @ApiOkResponse({
    description: "The OB 3.0 Profile (JSON-LD) with the issuer's Ed25519 key as a Multikey assertion method",
  })
  async profile(@IdParam('issuerId') issuerId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const profile = await this.keyring.profile(issuerId);
    void reply.header('content-type', 'application/ld+json');
    return profile;
  }

  @Get(':issuerId/keys/:keyFile')
  @Public()
  @ApiProduces('application/jwk+json')
  @ApiOkResponse({
    description: 'One public key as a JWK, named `{keyId}.jwk`: what a vc+jwt `kid` points at',
  })
  async jwk(
    @IdParam('issuerId') issuerId: string,
    @Param('keyFile') keyFile: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { keys } = await this.keyring.forIssuer(issuerId);
    const key = [keys.ed25519, keys.p256].find((k) => `${k.keyId}.jwk` === keyFile);
    if (!key) throw new NotFoundException(`Issuer ${issuerId} has no key ${keyFile}`);
    void reply.header('content-type', 'application/jwk+json');
    return { ...key.publicJwk, kid: key.keyId };
  }
}
