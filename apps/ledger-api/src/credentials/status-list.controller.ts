import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { STATUS_PURPOSES, type StatusPurpose } from '@credence/domain';
import { Public } from '../auth/roles';
import { IdParam } from '../http/id.pipe';
import { RequestValidationError } from '../http/problem';
import { listNumberOf, StatusListPublisher, statusPurposeOf } from './status-lists';

const purposeOf = (value: string): StatusPurpose => {
  const purpose = statusPurposeOf(value);
  if (!purpose)
    throw new RequestValidationError([
      { field: 'purpose', messages: ['purpose is revocation or suspension'] },
    ]);
  return purpose;
};

const listOf = (value: string): number => {
  const list = listNumberOf(value);
  if (list === undefined)
    throw new RequestValidationError([{ field: 'n', messages: ['n is a list number (0, 1, …)'] }]);
  return list;
};

/**
 * The issuers' Bitstring Status Lists, outside /v1 because their URLs are in every exported
 * credential. Public and rate-limited; verifiers revalidate with If-None-Match.
 */
@ApiTags('verifiable credentials')
@Controller('status-lists')
export class StatusListController {
  constructor(private readonly publisher: StatusListPublisher) {}

  @Get(':issuerId/:purpose/:n')
  @Public()
  @ApiParam({ name: 'purpose', enum: STATUS_PURPOSES })
  @ApiParam({ name: 'n', description: 'The list number: a full list opens the next one' })
  @ApiProduces('application/ld+json')
  @ApiOkResponse({
    description:
      "A `BitstringStatusListCredential` (VC 2.0): `encodedList` is the multibase base64url GZIP bitstring of 131,072 entries, `ttl` in milliseconds; signed with the issuer's Ed25519 key (Data Integrity `eddsa-rdfc-2022`). `ETag` per list version, `Cache-Control: max-age` from `CREDENCE_STATUS_LIST_TTL_SECONDS`.",
  })
  @ApiResponse({ status: 304, description: 'The list has not changed since the `If-None-Match` ETag' })
  async list(
    @IdParam('issuerId') issuerId: string,
    @Param('purpose') purpose: string,
    @Param('n') n: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const published = await this.publisher.current(issuerId, purposeOf(purpose), listOf(n));
    void reply
      .header('etag', published.etag)
      .header('cache-control', `public, max-age=${this.publisher.ttlSeconds}`);
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === published.etag)) {
      void reply.status(304);
      return undefined;
    }
    void reply.header('content-type', 'application/ld+json');
    return published.credential;
  }
}
