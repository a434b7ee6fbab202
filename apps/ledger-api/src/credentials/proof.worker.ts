import { parentPort } from 'node:worker_threads';
// The modules, not the barrel: the thread loads only what it runs.
import { createDocumentLoader } from '@credence/credentials/jsonld/document-loader';
import { signDataIntegrity, verifyDataIntegrity } from '@credence/credentials/signing/data-integrity';
import type { CallAnswer, FromProofThread, ProofJob, ToProofThread } from './proof-thread-messages';

/**
 * The proof thread of proof-thread.ts: JSON-LD canonicalization, with bundled contexts held here
 * and everything else (issuer profiles, status lists, the signature itself) asked of the main thread.
 */
const port = parentPort!;
const waiting = new Map<number, (answer: CallAnswer) => void>();
let calls = 0;

type Call =
  | Readonly<{ type: 'load'; id: number; url: string }>
  | Readonly<{ type: 'sign-bytes'; id: number; data: Uint8Array }>;

const ask = async (call: Call): Promise<CallAnswer> => {
  const answer = await new Promise<CallAnswer>((resolve) => {
    const number = ++calls;
    waiting.set(number, resolve);
    port.postMessage({ ...call, call: number } satisfies FromProofThread);
  });
  if (answer.error !== undefined) throw new Error(answer.error);
  return answer;
};

const run = (job: ProofJob) => {
  // Bundled contexts from this thread's own copy (static: jsonld keeps them processed here).
  const documentLoader = createDocumentLoader(
    async (url) => (await ask({ type: 'load', id: job.id, url })).document,
  );
  if (job.type === 'verify') return verifyDataIntegrity(job.document, documentLoader);
  return signDataIntegrity(job.credential, {
    signer: {
      algorithm: job.algorithm,
      sign: async (data) => (await ask({ type: 'sign-bytes', id: job.id, data })).signature!,
    },
    verificationMethod: job.verificationMethod,
    documentLoader,
    created: job.created,
  });
};

port.on('message', (message: ToProofThread) => {
  if (message.type === 'answer') {
    waiting.get(message.call)?.(message);
    waiting.delete(message.call);
    return;
  }
  run(message).then(
    (result) => port.postMessage({ type: 'done', id: message.id, result } satisfies FromProofThread),
    (error: unknown) =>
      port.postMessage({
        type: 'failed',
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
      } satisfies FromProofThread),
  );
});
