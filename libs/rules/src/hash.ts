import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RulesetDocument } from './parse';

/**
 * SHA-256 (hex) of the RFC 8785 canonical JSON of the parsed ruleset. Hashing the data, not the
 * text, means comments, key order, quoting and indentation do not change it; any change to an id,
 * expression, message, parameter or severity does. The caller passes `version` as a string.
 */
export const rulesetHash = (document: RulesetDocument): string =>
  createHash('sha256')
    .update(canonicalize(document) ?? '')
    .digest('hex');
