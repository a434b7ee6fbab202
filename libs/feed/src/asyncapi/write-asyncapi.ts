import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { asyncApiFile, renderAsyncApi } from './render';

// Writes docs/asyncapi.yaml; the asyncapi unit test fails while the committed file differs.
const root = resolve(__dirname, '../../../..');
const file = asyncApiFile(root);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, renderAsyncApi(root));
console.error(`wrote ${file}`);
