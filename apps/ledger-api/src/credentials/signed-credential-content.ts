import { VC_JWT_MEDIA_TYPE } from '@credence/credentials';

/** The two forms of a verifiable credential an export route answers, by `Accept`. */
export const SIGNED_CREDENTIAL_CONTENT = {
  'application/ld+json': { schema: { type: 'object', description: 'The credential as JSON-LD' } },
  [VC_JWT_MEDIA_TYPE]: {
    schema: { type: 'string', description: 'Sent for `Accept: application/vc+jwt`: a compact JWS (ES256)' },
  },
};
