import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEK_FILE_NAME = 'key-encryption.key';
const KEK_BYTES = 32;

export type KekOptions = Readonly<{
  /** `CREDENCE_KEY_ENCRYPTION_KEY`: 32 bytes, base64 or base64url. Unset: a key file in the data dir. */
  configured?: string;
  dataDir: string;
  warn: (message: string) => void;
}>;

/**
 * The key-encryption key. A configured key wins; otherwise the data dir's key file, created on
 * first use with mode 0600 and a warning, because a key beside the data it protects only guards
 * against leaked database files, not against a stolen disk.
 */
export const loadKeyEncryptionKey = ({ configured, dataDir, warn }: KekOptions): Buffer => {
  if (configured !== undefined && configured !== '')
    return decodeKek(configured, 'CREDENCE_KEY_ENCRYPTION_KEY');
  const path = join(dataDir, KEK_FILE_NAME);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting together never overwrite each other's key.
    writeFileSync(path, randomBytes(KEK_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600); // the umask may have narrowed the mode, never widened it; be explicit anyway
    warn(
      `CREDENCE_KEY_ENCRYPTION_KEY is unset: generated ${path} (mode 0600). Set the variable, or keep this file off backups of the data dir.`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((statSync(path).mode & 0o077) !== 0) warn(`${path} is readable by other users: chmod 600 it.`);
  }
  return decodeKek(readFileSync(path, 'utf8').trim(), path);
};

const decodeKek = (text: string, source: string): Buffer => {
  const key = Buffer.from(text, 'base64');
  if (key.length !== KEK_BYTES)
    throw new Error(`${source} must be ${KEK_BYTES} bytes in base64 (got ${key.length})`);
  return key;
};
