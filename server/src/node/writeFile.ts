import { linkSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replaces a file's contents atomically: the new text goes to a temporary file beside it,
 * which is then renamed over the original. A failure at any point leaves the original intact.
 */
export function writeFileAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Creates a file that must not exist yet, atomically: the text is written to a temporary file
 * beside it, which is then hard-linked to the target name. Linking fails with EEXIST when the
 * target appeared meanwhile, so nothing is ever overwritten, and a reader never sees a partial
 * file. The temporary file is removed in every case.
 */
export function createFileExclusively(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.new`);
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    linkSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
