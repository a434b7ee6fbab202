import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** An AES-256-GCM sealed value: iv ‖ tag ‖ ciphertext. */
export type Sealed = Buffer;

/**
 * Encrypts a private key under the key-encryption key. `context` (issuer, key id, algorithm) is
 * authenticated as associated data, so a ciphertext copied onto another row fails to open.
 */
export const seal = (kek: Buffer, plaintext: string, context: string): Sealed => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
};

/** Throws when the key, the context or a single bit of the sealed value is wrong. */
export const open = (kek: Buffer, sealed: Sealed, context: string): string => {
  const decipher = createDecipheriv('aes-256-gcm', kek, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
};
