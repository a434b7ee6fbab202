import { createHash } from 'node:crypto';
import { formatCheckpoint, parseCheckpoint } from './checkpoint';
import { NoteError, openNote, parseVerifierKey, signerFromSeed } from './signed-note';

/** The example of golang.org/x/mod/sumdb/note (note.go package documentation and note_test.go). */
const GO = {
  signerKey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  vkey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  text: "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
  signature:
    '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
};
const goSeed = Buffer.from(GO.signerKey.split('+').slice(4).join('+'), 'base64').subarray(1);

describe('Signed notes (C2SP signed-note, Ed25519)', () => {
  it("reproduces Go's sumdb/note example byte for byte: verifier key and signature", () => {
    const signer = signerFromSeed('PeterNeumann', goSeed);
    expect(signer.vkey).toBe(GO.vkey);
    expect(signer.sign(GO.text)).toBe(`${GO.text}\n${GO.signature}`);
  });

  it("opens Go's signed example with its published verifier key", () => {
    const opened = openNote(`${GO.text}\n${GO.signature}`, parseVerifierKey(GO.vkey));
    expect(opened.text).toBe(GO.text);
  });

  it('refuses a note whose text was changed, or that another key signed', () => {
    const signed = `${GO.text}\n${GO.signature}`;
    expect(() => openNote(signed.replace('problem,', 'problems,'), parseVerifierKey(GO.vkey))).toThrow(
      NoteError,
    );
    const stranger = signerFromSeed('PeterNeumann', createHash('sha256').update('other').digest());
    expect(() => openNote(signed, stranger)).toThrow(/no signature by/);
  });

  it('refuses a verifier key whose hash does not match its key', () => {
    expect(() => parseVerifierKey(GO.vkey.replace('c74f20a3', 'c74f20a4'))).toThrow(NoteError);
  });

  it('signs and parses a checkpoint body', () => {
    const signer = signerFromSeed('ledger.example/log', createHash('sha256').update('seed').digest());
    const root = createHash('sha256').update('root').digest();
    const note = signer.sign(
      formatCheckpoint({ origin: 'ledger.example/log', treeSize: 42, rootHash: root }),
    );
    expect(note.split('\n').slice(0, 4)).toEqual(['ledger.example/log', '42', root.toString('base64'), '']);
    const parsed = parseCheckpoint(openNote(note, parseVerifierKey(signer.vkey)).text);
    expect(parsed).toEqual({ origin: 'ledger.example/log', treeSize: 42, rootHash: root });
  });
});
