#!/usr/bin/env node
// `credence` (npm run credence -- …, npx credence …): runs the CLI's TypeScript through the repo's
// loader, so a fresh clone needs `npm ci` and nothing else, no build.
import '../scripts/register-ts.mjs';

await import('../apps/cli/src/main.ts');
