import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Allow, IsOptional, IsString, Matches } from 'class-validator';
import { Public } from '../auth/roles';
import { RequestValidationError } from '../http/problem';
import { CredentialExporter } from './credential-export';
import { CredentialVerifier } from './verification';

export class VerificationRequestDto {
  @ApiPropertyOptional({ description: 'A credential of this ledger, verified as exported (JSON-LD form)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/)
  credentialId?: string;

  @ApiPropertyOptional({
    description: 'A presented credential: JSON with an embedded proof, or a compact vc+jwt',
  })
  @Allow()
  credential?: Record<string, unknown> | string;
}

@ApiTags('verifiable credentials')
@Controller('verifications')
export class VerificationController {
  constructor(
    private readonly verifier: CredentialVerifier,
    private readonly exporter: CredentialExporter,
  ) {}

  /** Public and rate-limited: an employer checks a credential without an account. */
  @Post()
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    description:
      '`{verified, checks[]}`: each check with `id`, `passed`, a plain-language `message` and its evidence; `verified` is true only when every applicable check passed',
  })
  async verify(@Body() body: VerificationRequestDto) {
    const presented = await this.presented(body);
    return this.verifier.verify(presented);
  }

  private async presented({ credentialId, credential }: VerificationRequestDto) {
    const given = [credentialId, credential].filter((value) => value !== undefined);
    if (
      given.length !== 1 ||
      (credential !== undefined &&
        (credential === null ||
          !['object', 'string'].includes(typeof credential) ||
          Array.isArray(credential)))
    ) {
      throw new RequestValidationError([
        {
          field: 'credential',
          messages: ['give exactly one of credentialId or credential (a JSON object or a JWT string)'],
        },
      ]);
    }
    if (credentialId !== undefined)
      return (await this.exporter.signed(await this.exporter.issued(credentialId))).json;
    return credential!;
  }
}
