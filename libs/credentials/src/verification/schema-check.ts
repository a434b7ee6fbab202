import { VC_V2_CONTEXT } from '../jsonld/contexts';
import { failed, passed, type CheckResult, type Credential } from './check';

const includes = (value: unknown, wanted: string) =>
  Array.isArray(value) ? value.includes(wanted) : value === wanted;
const at = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
    value,
  );
const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * The fields OB 3.0 requires of an AchievementCredential (spec §B.1, and 1EdTech's JSON schema),
 * checked by hand: a verifier must not depend on a schema file it would have to fetch.
 */
const REQUIREMENTS: ReadonlyArray<readonly [field: string, holds: (credential: Credential) => boolean]> = [
  [
    '@context[0] is the VC 2.0 context',
    (c) => Array.isArray(c['@context']) && c['@context'][0] === VC_V2_CONTEXT,
  ],
  [
    '@context includes an OB 3.0 context',
    (c) =>
      Array.isArray(c['@context']) &&
      c['@context'].some(
        (url) =>
          typeof url === 'string' &&
          /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/.test(url),
      ),
  ],
  ['id', (c) => present(c.id)],
  ['type includes VerifiableCredential', (c) => includes(c.type, 'VerifiableCredential')],
  [
    'type includes OpenBadgeCredential or AchievementCredential',
    (c) => includes(c.type, 'OpenBadgeCredential') || includes(c.type, 'AchievementCredential'),
  ],
  ['issuer', (c) => present(typeof c.issuer === 'string' ? c.issuer : at(c, ['issuer', 'id']))],
  ['validFrom', (c) => present(c.validFrom)],
  [
    'credentialSubject.type includes AchievementSubject',
    (c) => includes(at(c, ['credentialSubject', 'type']), 'AchievementSubject'),
  ],
  [
    'credentialSubject.id or credentialSubject.identifier',
    (c) =>
      present(at(c, ['credentialSubject', 'id'])) ||
      Array.isArray(at(c, ['credentialSubject', 'identifier'])),
  ],
  ...(['id', 'name', 'description', 'criteria'] as const).map(
    (field) =>
      [
        `credentialSubject.achievement.${field}`,
        (c: Credential) => present(at(c, ['credentialSubject', 'achievement', field])),
      ] as const,
  ),
  [
    'credentialSubject.achievement.type includes Achievement',
    (c) => includes(at(c, ['credentialSubject', 'achievement', 'type']), 'Achievement'),
  ],
];

export const schemaCheck = (credential: Credential): CheckResult => {
  const missing = REQUIREMENTS.filter(([, holds]) => !holds(credential)).map(([field]) => field);
  return missing.length === 0
    ? passed('schema', 'All fields OB 3.0 requires are present.', { checked: REQUIREMENTS.length })
    : failed('schema', `Required OB 3.0 fields are missing or wrong: ${missing.join('; ')}.`, { missing });
};
