import { Body, Controller, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Allow, IsOptional, IsString, Matches } from 'class-validator';
import { Public } from '../auth/roles';
import { RequestValidationError } from '../http/problem';
import { CredentialExporter } from './credential-export';
import { StackedCredentialExporter } from './stacked-export';
import { CredentialVerifier } from './verification';

export class VerificationRequestDto {
  @ApiPropertyOptional({
    description: 'A credential or stacked credential of this ledger, verified as exported (JSON-LD form)',
  })
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
    private readonly stacks: StackedCredentialExporter,
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
    if (credentialId !== undefined) return (await this.exported(credentialId)).json;
    return credential!;
  }

  /** A credential's current export or, when no credential has the id, a stacked credential's. */
  private async exported(id: string) {
    try {
      return await this.exporter.signed(await this.exporter.issued(id));
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      return this.stacks.signed(await this.stacks.awarded(id));
    }
  }
}
