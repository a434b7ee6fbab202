import { parentPort, workerData } from 'node:worker_threads';
import { openDurableDatabase } from '@credence/sqlite';
import { buildEmbeddedTree } from '@credence/transparency';

/** The thread of tree-prebuild.ts: builds the embedded log's tree on its own connection, posts its size. */
const db = openDurableDatabase({ path: (workerData as { path: string }).path });
try {
  parentPort!.postMessage(buildEmbeddedTree(db));
} finally {
  db.close();
}
