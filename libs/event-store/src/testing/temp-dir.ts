import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir for database files; `remove()` in afterAll. */
export const tempDir = (prefix: string) => {
  const path = mkdtempSync(join(tmpdir(), `credence-${prefix}-`));
  let files = 0;
  return {
    path,
    /** A new, unused file name in the directory. */
    nextFile: (name = 'store') => join(path, `${name}-${++files}.db`),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
};
