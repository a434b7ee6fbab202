import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildAsyncApiDocument } from './document';
import { readFeedSchemas } from './event-schemas';

export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';

const HEADER = [
  '# Generated from the TypeScript event types by libs/feed/src/asyncapi (do not edit by hand).',
  '# Regenerate: node --import ./scripts/register-ts.mjs libs/feed/src/asyncapi/write-asyncapi.ts',
  '',
].join('\n');

/** The document's YAML text exactly as it should be committed. */
export const renderAsyncApi = (repoRoot: string): string =>
  HEADER +
  stringify(buildAsyncApiDocument(readFeedSchemas(repoRoot)), { lineWidth: 0, aliasDuplicateObjects: false });

export const asyncApiFile = (repoRoot: string): string => join(repoRoot, ASYNCAPI_PATH);
