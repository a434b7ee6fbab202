import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { OnApplicationShutdown } from '@nestjs/common';
import {
  UnknownDocumentError,
  type DataIntegritySigning,
  type DocumentLoader,
  type ProofVerification,
  type RawSigner,
  type SignedCredential,
} from '@credence/credentials';
import { WORKER_BOOTSTRAP, workerEntry } from '../infrastructure/worker-entry';
import type { CallAnswer, FromProofThread, ProofJob } from './proof-thread-messages';

/**
 * Where Data Integrity proofs (eddsa-rdfc-2022) are made and checked: `signDataIntegrity` and
 * `verifyDataIntegrity`, same arguments, same answers.
 */
export abstract class DataIntegrityProofs {
  abstract sign(
    credential: Record<string, unknown>,
    signing: DataIntegritySigning,
  ): Promise<SignedCredential>;
  abstract verify(document: Record<string, unknown>, loader: DocumentLoader): Promise<ProofVerification>;
}

/** The proof thread stopped (a crash, its heap limit) with this proof in it: a server fault, retryable. */
export class ProofThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofThreadError';
  }
}

/**
 * The thread's heap. A signed export churns ~7 MB (jsonld clones its active context per scoped
 * context), which on the main thread grew V8's old generation by ~50 MB after the first exports
 * and kept it (issue 20, bench/README.md "wip/signer"); here the garbage stays in a bounded heap.
 */
export const PROOF_THREAD_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 64,
  maxYoungGenerationSizeMb: 8,
};
/**
 * Jobs of each kind in the thread at once: each holds its expansion's garbage until it ends, so
 * few. Kinds are counted apart, so a signing never waits for the verification that is waiting for it.
 */
const IN_FLIGHT = 4;

type Job = Readonly<{
  message: ProofJob;
  loader: DocumentLoader;
  signer?: RawSigner;
  resolve: (result: never) => void;
  reject: (error: unknown) => void;
}> & { mainError?: unknown };

/**
 * Data Integrity proofs in one long-lived worker thread, started on first use: JSON-LD expansion
 * and RDF canonicalization leave their garbage in the thread's bounded heap instead of the main
 * thread's. The private key and the documents that can change stay on the main thread: the thread
 * asks for bytes to be signed and for any document that is not a bundled context. A thread that
 * stops fails its jobs with ProofThreadError; the next job starts a new one.
 */
export class ProofThread extends DataIntegrityProofs implements OnApplicationShutdown {
  private worker: Worker | undefined;
  /** Per kind: a verification's loader may publish a status list, which signs while it waits. */
  private readonly queued: Record<ProofJob['type'], Job[]> = { sign: [], verify: [] };
  private readonly running = new Map<number, Job>();
  private jobs = 0;

  constructor(private readonly limits: ResourceLimits = PROOF_THREAD_LIMITS) {
    super();
  }

  sign(credential: Record<string, unknown>, signing: DataIntegritySigning): Promise<SignedCredential> {
    const { signer, verificationMethod, created } = signing;
    const message = {
      type: 'sign',
      id: ++this.jobs,
      credential,
      algorithm: signer.algorithm,
      verificationMethod,
      created,
    } as const;
    return this.submit(message, signing.documentLoader, signer);
  }

  verify(document: Record<string, unknown>, loader: DocumentLoader): Promise<ProofVerification> {
    return this.submit({ type: 'verify', id: ++this.jobs, document }, loader);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.terminate();
  }

  private submit<T>(message: ProofJob, loader: DocumentLoader, signer?: RawSigner): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job = { message, loader, signer, resolve: resolve as (result: never) => void, reject };
      this.queued[message.type].push(job);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const [kind, queued] of Object.entries(this.queued)) {
      let running = [...this.running.values()].filter((job) => job.message.type === kind).length;
      for (; running < IN_FLIGHT && queued.length > 0; running++) {
        const job = queued.shift()!;
        const worker = (this.worker ??= this.spawn());
        this.running.set(job.message.id, job);
        worker.postMessage(job.message);
      }
    }
    // Referenced while it holds a job: a caller awaiting a proof keeps the process alive.
    if (this.running.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private spawn(): Worker {
    const { entry, loader } = workerEntry(__dirname, 'proof.worker');
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: { entry, loader },
      execArgv: [],
      resourceLimits: this.limits,
    });
    let failure: unknown;
    worker.on('message', (message: FromProofThread) => this.received(worker, message));
    worker.on('error', (error) => (failure = error));
    worker.once('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      const why = failure instanceof Error ? failure.message : `it exited with code ${code}`;
      for (const job of this.running.values())
        job.reject(new ProofThreadError(`The proof thread stopped: ${why}`));
      this.running.clear();
      this.dispatch();
    });
    return worker;
  }

  private received(worker: Worker, message: FromProofThread): void {
    const job = this.running.get(message.id);
    if (!job) return;
    if (message.type === 'load' || message.type === 'sign-bytes') {
      void this.answer(job, message).then((answer) => {
        if (this.worker === worker) worker.postMessage({ type: 'answer', call: message.call, ...answer });
      });
      return;
    }
    this.running.delete(message.id);
    if (message.type === 'done') job.resolve(message.result as never);
    // An error of the main thread's loader or signer is rejected as itself, not as its message.
    else job.reject(job.mainError ?? new Error(message.message));
    this.dispatch();
  }

  private async answer(
    job: Job,
    call: Extract<FromProofThread, { call: number }>,
  ): Promise<Omit<CallAnswer, 'type' | 'call'>> {
    try {
      if (call.type === 'sign-bytes') return { signature: await job.signer!.sign(call.data) };
      return { document: (await job.loader(call.url)).document };
    } catch (error) {
      // Not held: the thread's loader says so itself, with the same UnknownDocumentError.
      if (error instanceof UnknownDocumentError) return {};
      job.mainError = error;
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }
}
