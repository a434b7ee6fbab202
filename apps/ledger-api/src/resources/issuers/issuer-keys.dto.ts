import { ApiProperty } from '@nestjs/swagger';
import { IsInstant } from '../common.dto';
import { routeId, type ToRequest } from '../command-request';

export class ReportKeyCompromiseDto {
  @ApiProperty({
    example: '2026-11-01T00:00:00Z',
    format: 'date-time',
    description:
      'From when the key is to be distrusted: credentials it signed at or after this instant fail verification. Not in the future.',
  })
  @IsInstant()
  compromisedSince!: string;
}

/** The key is named in the route (`/issuers/{id}/keys/{keyId}/compromise`), under its issuer. */
export const reportKeyCompromise: ToRequest<'ReportIssuerKeyCompromise', ReportKeyCompromiseDto> = (
  body,
  ctx,
  route,
) => ({
  type: 'ReportIssuerKeyCompromise',
  data: { issuerId: routeId(route), keyId: route.subId ?? '', compromisedSince: body.compromisedSince },
  metadata: ctx.metadata,
});
