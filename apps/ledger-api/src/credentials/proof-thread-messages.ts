import type { KeyAlgorithm, ProofVerification, SignedCredential } from '@credence/credentials';

/** A proof to make or check. The private key stays on the main thread: the thread asks it to sign bytes. */
export type ProofJob =
  | Readonly<{
      type: 'sign';
      id: number;
      credential: Record<string, unknown>;
      algorithm: KeyAlgorithm;
      verificationMethod: string;
      created: string;
    }>
  | Readonly<{ type: 'verify'; id: number; document: Record<string, unknown> }>;

/** The main thread's answer to one of the thread's calls: what its loader or signer gave, or why not. */
export type CallAnswer = Readonly<{
  type: 'answer';
  call: number;
  /** A loaded document; absent with no `error`: the main thread's loader does not hold the URL. */
  document?: object;
  signature?: Uint8Array;
  error?: string;
}>;

export type ToProofThread = ProofJob | CallAnswer;

/** From the thread: a call back to the main thread for one job, or the job's end. */
export type FromProofThread =
  | Readonly<{ type: 'load'; id: number; call: number; url: string }>
  | Readonly<{ type: 'sign-bytes'; id: number; call: number; data: Uint8Array }>
  | Readonly<{ type: 'done'; id: number; result: SignedCredential | ProofVerification }>
  | Readonly<{ type: 'failed'; id: number; message: string }>;
