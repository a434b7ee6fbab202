import { HASH_SIZE } from '../tree/rfc9162';
import { NoteError } from './signed-note';

/** C2SP tlog-checkpoint body: origin, decimal tree size, base64 root hash, each on its own line. */
export type Checkpoint = Readonly<{ origin: string; treeSize: number; rootHash: Buffer }>;

export const formatCheckpoint = ({ origin, treeSize, rootHash }: Checkpoint): string =>
  `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n`;

/** Parses the text of an opened note; extension lines after the root are allowed and ignored. */
export const parseCheckpoint = (text: string): Checkpoint => {
  const [origin, size, root] = text.split('\n');
  const rootHash = Buffer.from(root ?? '', 'base64');
  if (
    !origin ||
    !/^(0|[1-9]\d{0,15})$/.test(size ?? '') ||
    rootHash.length !== HASH_SIZE ||
    rootHash.toString('base64') !== root
  ) {
    throw new NoteError('malformed checkpoint');
  }
  return { origin, treeSize: Number(size), rootHash };
};
