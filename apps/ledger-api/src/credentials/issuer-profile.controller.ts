import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { IssuerDocuments } from './issuer-documents';
import { IssuerKeys } from './issuer-keys';

/**
 * The issuer's public face for verifiers, outside /v1 because its URLs are OB 3.0 issuer ids:
 * the Profile with its keys as Multikey verification methods, the did:web document, and each
 * key as a JWK (vc+jwt `kid`). Compromised keys are listed nowhere.
 */
@ApiTags('verifiable credentials')
@Controller('issuers')
export class IssuerProfileController {
  constructor(
    private readonly documents: IssuerDocuments,
    private readonly keys: IssuerKeys,
  ) {}

  @Get(':issuerId')
  @Public()
  @ApiProduces('application/ld+json')
  @ApiOkResponse({
    description:
      "The OB 3.0 Profile (JSON-LD) with every issuer key not compromised (retired ones too) as a Multikey assertion method; its `id` is the issuer id in the deployment's form (CREDENCE_ISSUER_ID_FORM)",
  })
  async profile(@IdParam('issuerId') issuerId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const profile = await this.documents.profile(issuerId);
    void reply.header('content-type', 'application/ld+json');
    return profile;
  }

  @Get(':issuerId/did.json')
  @Public()
  @ApiProduces('application/did+ld+json')
  @ApiOkResponse({
    description:
      'The did:web DID document (`did:web:<host>:issuers:<id>`): every key not compromised as a Multikey verification method, each an assertionMethod. 404 unless CREDENCE_ISSUER_ID_FORM=did-web.',
  })
  async didDocument(@IdParam('issuerId') issuerId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const document = await this.documents.didDocument(issuerId);
    void reply.header('content-type', 'application/did+ld+json');
    return document;
  }

  @Get(':issuerId/keys/:keyFile')
  @Public()
  @ApiProduces('application/jwk+json')
  @ApiOkResponse({
    description:
      'One public key as a JWK, named `{keyId}.jwk`: what a vc+jwt `kid` points at. 404 for a compromised key.',
  })
  async jwk(
    @IdParam('issuerId') issuerId: string,
    @Param('keyFile') keyFile: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { history } = await this.keys.keyring(issuerId);
    const key = history.find((k) => `${k.keyId}.jwk` === keyFile && k.compromisedSince === undefined);
    if (!key) throw new NotFoundException(`Issuer ${issuerId} has no usable key ${keyFile}`);
    void reply.header('content-type', 'application/jwk+json');
    return { ...key.publicJwk, kid: key.keyId };
  }
}
