import {
  type NoteVerifier,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  type Checkpoint,
} from '@credence/transparency';

export type SignedCheckpoint = Checkpoint & Readonly<{ note: string }>;

/** The ledger's public log routes (and the events route for an auditor), over plain fetch. */
export class LogClient {
  constructor(
    private readonly api: string,
    private readonly token?: string,
  ) {}

  async text(path: string): Promise<string> {
    const response = await fetch(this.url(path), { headers: this.headers() });
    const body = await response.text();
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body}`);
    return body;
  }

  async json<T>(path: string): Promise<T> {
    return JSON.parse(await this.text(path)) as T;
  }

  async key(): Promise<NoteVerifier> {
    return parseVerifierKey((await this.text('/v1/log/key')).trim());
  }

  /** The latest (or a given size's) checkpoint, its signature checked against the pinned key. */
  async checkpoint(verifier: NoteVerifier, treeSize?: number): Promise<SignedCheckpoint> {
    const note = await this.text(
      `/v1/log/checkpoint${treeSize === undefined ? '' : `?treeSize=${treeSize}`}`,
    );
    return openCheckpoint(note, verifier);
  }

  private url(path: string): string {
    return `${this.api.replace(/\/+$/, '')}${path}`;
  }

  private headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }
}

/** Opens a note with the pinned key and checks that its origin is the key's name. */
export const openCheckpoint = (note: string, verifier: NoteVerifier): SignedCheckpoint => {
  const checkpoint = parseCheckpoint(openNote(note, verifier).text);
  if (checkpoint.origin !== verifier.name)
    throw new Error(`checkpoint origin ${checkpoint.origin} is not the key's name ${verifier.name}`);
  return { ...checkpoint, note };
};

export const fromBase64 = (hashes: readonly string[]): Buffer[] =>
  hashes.map((h) => Buffer.from(h, 'base64'));
