import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * C2SP signed-note with Ed25519 (algorithm byte 0x01), as Go's sumdb and the tlog ecosystem use:
 * key hash = first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key); a signature line is
 * `— <name> <base64(key hash ‖ signature)>`; a verifier key is `<name>+<hex key hash>+<base64(0x01 ‖ key)>`.
 */
const ED25519 = 0x01;
const EM_DASH_LINE = '\u2014 ';
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

const validName = (name: string): string => {
  if (name.length === 0 || /[\s+]/u.test(name))
    throw new NoteError(`a key name may not be empty or hold spaces or '+': ${JSON.stringify(name)}`);
  return name;
};

export const keyHash = (name: string, publicKey: Uint8Array): Buffer =>
  createHash('sha256')
    .update(name)
    .update(Uint8Array.of(0x0a, ED25519))
    .update(publicKey)
    .digest()
    .subarray(0, 4);

export type NoteVerifier = Readonly<{ name: string; keyHash: Buffer; publicKey: Buffer; vkey: string }>;

const verifierOf = (name: string, publicKey: Buffer): NoteVerifier => {
  const hash = keyHash(name, publicKey);
  return {
    name,
    keyHash: hash,
    publicKey,
    vkey: `${name}+${hash.toString('hex')}+${Buffer.concat([Buffer.of(ED25519), publicKey]).toString('base64')}`,
  };
};

/** Parses `<name>+<hex hash>+<base64(0x01 ‖ key)>` and checks the hash matches the key. */
export const parseVerifierKey = (vkey: string): NoteVerifier => {
  const parts = vkey.trim().split('+');
  if (parts.length < 3) throw new NoteError('a verifier key is <name>+<hash>+<key>');
  // The base64 part may itself contain '+'.
  const [name, hex, ...rest] = parts;
  const key = Buffer.from(rest.join('+'), 'base64');
  if (!/^[0-9a-f]{8}$/.test(hex) || key.length !== 33 || key[0] !== ED25519)
    throw new NoteError('not an Ed25519 verifier key');
  const verifier = verifierOf(validName(name), key.subarray(1));
  if (verifier.vkey !== vkey.trim()) throw new NoteError('the verifier key hash does not match its key');
  return verifier;
};

export type NoteSigner = NoteVerifier & Readonly<{ sign: (text: string) => string }>;

/** A signer from a 32-byte Ed25519 seed. */
export const signerFromSeed = (name: string, seed: Uint8Array): NoteSigner => {
  if (seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const verifier = verifierOf(validName(name), spki.subarray(SPKI_ED25519_PREFIX.length));
  return {
    ...verifier,
    sign: (text: string) => {
      if (!text.endsWith('\n')) throw new NoteError('note text must end in a newline');
      const signature = sign(null, Buffer.from(text), privateKey);
      return `${text}\n${EM_DASH_LINE}${name} ${Buffer.concat([verifier.keyHash, signature]).toString('base64')}\n`;
    },
  };
};

export type OpenedNote = Readonly<{ text: string; signedBy: string }>;

/**
 * Splits a note into text and signature lines and checks a signature by `verifier`. Signatures by
 * other keys (cosigning witnesses) are allowed and ignored.
 */
export const openNote = (note: string, verifier: NoteVerifier): OpenedNote => {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteError('malformed note: no signature block');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const publicKey = createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, verifier.publicKey]),
    format: 'der',
    type: 'spki',
  });
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!match) throw new NoteError(`malformed signature line: ${JSON.stringify(line)}`);
    const blob = Buffer.from(match[2], 'base64');
    if (match[1] !== verifier.name || blob.length < 4 || !blob.subarray(0, 4).equals(verifier.keyHash))
      continue;
    if (verify(null, Buffer.from(text), publicKey, blob.subarray(4)))
      return { text, signedBy: verifier.name };
    throw new NoteError(`the signature of ${verifier.name} does not verify`);
  }
  throw new NoteError(`the note carries no signature by ${verifier.name}`);
};
