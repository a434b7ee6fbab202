// Merges the shards of one `npm run fuzz` into one report:
// node --import ./scripts/register-ts.mjs test/security/fuzz/merge-reports.ts <out.md> <shard.json>...
import { mergeSummaries, readSummary, writeReport } from './report';

const [out, ...shards] = process.argv.slice(2);
if (!out || shards.length === 0) throw new Error('usage: merge-reports.ts <out.md> <shard.json>...');
writeReport(out, mergeSummaries(shards.map(readSummary)));
