import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoteError, type NoteSigner, signerFromSeed } from '../note/signed-note';

export const logKeyPath = (dataDir: string): string => join(dataDir, 'log-key');

/** A seed given as 64 hex digits or as base64 of 32 bytes. */
export const parseSeed = (value: string): Buffer => {
  const text = value.trim();
  const seed = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (seed.length !== 32)
    throw new NoteError('CREDENCE_LOG_KEY must be a 32-byte Ed25519 seed, as 64 hex digits or base64');
  return seed;
};

export type LogKeySettings = Readonly<{ dataDir: string; origin: string; seed?: string }>;

/**
 * The operator's log key (never an issuer key). CREDENCE_LOG_KEY, when set, is authoritative.
 * Otherwise a seed is generated on first start into <dataDir>/log-key, readable by the owner only,
 * like the bootstrap admin: a signing key cannot be kept as a hash, so production deployments
 * should pass it from their secret store instead.
 */
export const loadLogSigner = ({
  dataDir,
  origin,
  seed,
}: LogKeySettings): { signer: NoteSigner; generated: boolean } => {
  if (seed) return { signer: signerFromSeed(origin, parseSeed(seed)), generated: false };
  const path = logKeyPath(dataDir);
  if (existsSync(path))
    return { signer: signerFromSeed(origin, parseSeed(readFileSync(path, 'utf8'))), generated: false };
  mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(32);
  // 'wx': two processes starting at once must not both write a key; the loser reads the winner's.
  try {
    writeFileSync(path, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { signer: signerFromSeed(origin, parseSeed(readFileSync(path, 'utf8'))), generated: false };
  }
  return { signer: signerFromSeed(origin, fresh), generated: true };
};
