/**
 * The three forms of an issuer's OB 3.0 id (`CREDENCE_ISSUER_ID_FORM`) and the URLs derived from
 * it. The verification method is always `<issuer id>#<publicKeyMultibase>`, so a verifier reads
 * the key from the fragment and checks that the part before `#` is the issuer.
 */
export const ISSUER_ID_FORMS = ['url', 'did-web', 'did-key'] as const;
export type IssuerIdForm = (typeof ISSUER_ID_FORMS)[number];

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');
const segment = (value: string) => encodeURIComponent(value);

/** `${publicUrl}/issuers/{id}`: the profile URL, and the issuer id in the `url` form. */
export const issuerProfileUrl = (publicUrl: string, issuerId: string) =>
  `${base(publicUrl)}/issuers/${segment(issuerId)}`;

/** The public JWK a vc+jwt `kid` names. */
export const issuerJwkUrl = (publicUrl: string, issuerId: string, keyId: string) =>
  `${issuerProfileUrl(publicUrl, issuerId)}/keys/${segment(keyId)}.jwk`;

/** did:web for `${publicUrl}/issuers/{id}/did.json`: the port's colon is %3A-encoded, path segments become `:`. */
export const didWebFor = (publicUrl: string, issuerId: string): string => {
  const url = new URL(base(publicUrl));
  const path = url.pathname.split('/').filter(Boolean).map(segment);
  return ['did:web', segment(url.host), ...path, 'issuers', segment(issuerId)].join(':');
};

/** Where a did:web document lives. did:web resolves over https only; http is for local tests that say so. */
export const didWebDocumentUrl = (did: string, scheme: 'https' | 'http' = 'https'): string => {
  const [host, ...path] = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  return path.length === 0
    ? `${scheme}://${host}/.well-known/did.json`
    : `${scheme}://${host}/${path.map(segment).join('/')}/did.json`;
};

/** did:key of the issuer's current Ed25519 key: rotation changes the issuer id in this form. */
export const didKeyFor = (ed25519PublicKeyMultibase: string) => `did:key:${ed25519PublicKeyMultibase}`;

export const issuerIdFor = (
  form: IssuerIdForm,
  {
    publicUrl,
    issuerId,
    ed25519PublicKeyMultibase,
  }: { publicUrl: string; issuerId: string; ed25519PublicKeyMultibase: string },
): string => {
  switch (form) {
    case 'url':
      return issuerProfileUrl(publicUrl, issuerId);
    case 'did-web':
      return didWebFor(publicUrl, issuerId);
    case 'did-key':
      return didKeyFor(ed25519PublicKeyMultibase);
    default: {
      const unknownForm: never = form;
      throw new Error(`Unknown issuer id form ${String(unknownForm)}`);
    }
  }
};

export const verificationMethodId = (issuerObId: string, publicKeyMultibase: string) =>
  `${issuerObId}#${publicKeyMultibase}`;

/** The issuer and key id a Credence JWK URL names, or undefined for any other URL. */
export const parseIssuerJwkUrl = (
  publicUrl: string,
  kid: string,
): { issuerId: string; keyId: string } | undefined => {
  const prefix = `${base(publicUrl)}/issuers/`;
  if (!kid.startsWith(prefix)) return undefined;
  const match = /^([^/]+)\/keys\/([^/]+)\.jwk$/.exec(kid.slice(prefix.length));
  return match
    ? { issuerId: decodeURIComponent(match[1]!), keyId: decodeURIComponent(match[2]!) }
    : undefined;
};
