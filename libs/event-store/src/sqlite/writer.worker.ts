/**
 * The writer thread (see WriterThread): owns the writing connection and runs the GroupCommit the
 * main thread would, so COMMIT's fsync, the hash chain and the commit hook never block the API's
 * event loop. Answers go back only after COMMIT returned.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AppendObserver } from '../observer';
import { BackgroundCheckpoints } from './background-checkpoints';
import { loadCommitHook } from './commit-hook';
import { openConnection } from './connection';
import { GroupCommit } from './group-commit';
import { OwnCommits } from './own-commits';
import { prepareStatements } from './statements';
import { type Answer, type ToWriter, toWire, type WriterThreadData } from './writer-messages';

const data = workerData as WriterThreadData;
const port = parentPort!;
const db = openConnection(data.connection);
const own = new OwnCommits(data.ownCommits, data.headAtOpen);

let answers: Answer[] = [];
let head: number | undefined;
let commits: number[] = [];
/** The added types of each successful append, in the order GroupCommit answers them. */
const added: string[][] = [];
const observer: AppendObserver | undefined = data.observe
  ? { committed: (appends) => commits.push(appends), appended: (_, types) => added.push([...types]) }
  : undefined;

// eslint-disable-next-line prefer-const -- the writer and the checkpoints each need the other
let checkpoints: BackgroundCheckpoints;
const writer = new GroupCommit(
  db,
  prepareStatements(db),
  (_, headAfter, headBefore) => {
    own.committed(headBefore, headAfter);
    head = headAfter;
    checkpoints.committed();
  },
  undefined,
  observer,
  loadCommitHook(data.commitHook),
);
checkpoints = new BackgroundCheckpoints(db, data.connection.path, writer, data.wal);

/**
 * A flush resolves all of its appends synchronously, so their reactions are queued together: a
 * microtask queued by the first runs after the last, and one message carries the whole commit.
 */
const send = (answer: Answer): void => {
  if (answers.push(answer) > 1) return;
  queueMicrotask(() => {
    port.postMessage({ answers, head, commits, stats: { ...writer.stats } });
    [answers, head, commits] = [[], undefined, []];
  });
};

const close = async (): Promise<void> => {
  await writer.whenIdle();
  await checkpoints.stop();
  db.close();
  port.close();
};

port.on('message', (message: ToWriter) => {
  if (message.kind === 'close') {
    void close();
    return;
  }
  const { id, request } = message;
  writer.append(request).then(
    (result) => send({ id, ok: true, result, added: observer ? added.shift() : undefined }),
    (error: unknown) => send({ id, ok: false, error: toWire(error) }),
  );
});
