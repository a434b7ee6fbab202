import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Role } from '@credence/domain';
import { Roles } from '../auth/roles';
import { SIGNED_CREDENTIAL_CONTENT } from '../credentials/signed-credential-content';

/** Auditors, QA bodies and regulators see every record; an issuer sees its own (checked per route). */
export const READ_MODEL_READERS: readonly Role[] = ['auditor', 'qa-body', 'regulator', 'issuer'];

export const ReadModelController = (path: string) =>
  applyDecorators(ApiTags('read models'), ApiBearerAuth(), Controller(path));

/**
 * A read-model route: its roles, and what it answers, in JSON or (where `csv`) as a CSV export,
 * or (where `credential`) as a verifiable credential.
 */
export const ReadModelRoute = (description: string, formats: { csv: boolean; credential?: boolean }) =>
  applyDecorators(
    Roles(...READ_MODEL_READERS),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { type: 'object' } },
        ...(formats.csv
          ? {
              'text/csv': {
                schema: {
                  type: 'string',
                  description: 'Sent for `Accept: text/csv`: a header row, then RFC 4180 rows',
                },
              },
            }
          : {}),
        ...(formats.credential ? SIGNED_CREDENTIAL_CONTENT : {}),
      },
    }),
    ApiServiceUnavailableResponse({
      description: '`projection.behind`: the read model did not reach `waitFor` within `waitMs`',
    }),
  );
