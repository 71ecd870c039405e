/**
 * The folder that contains the bytes of case attachments. Each file is stored under a random key
 * (never the uploaded name), written to a temporary name first and renamed when complete, so a
 * reader never sees half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SavedFile {
  storageKey: string;
  sizeBytes: number;
  sha256: string;
}

const STORAGE_KEY = /^[0-9a-f]{32}\.[a-z]{1,5}$/;

export class AttachmentStore {
  readonly folder: string;

  constructor(folder: string) {
    this.folder = path.resolve(folder);
  }

  /**
   * Writes `source` to a new file with this extension and returns its key, size and SHA-256.
   * `onChunk` receives every chunk on its way to the file. Removes the partial file and rethrows
   * when the stream fails or is destroyed.
   */
  async save(source: Readable, extension: string, onChunk: (chunk: Buffer) => void = () => undefined): Promise<SavedFile> {
    await mkdir(this.folder, { recursive: true });
    const storageKey = `${randomBytes(16).toString('hex')}.${extension.toLowerCase()}`;
    const finalPath = this.pathOf(storageKey);
    const temporaryPath = `${finalPath}.part`;
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        onChunk(chunk);
        callback(null, chunk);
      },
    });

    try {
      await pipeline(source, meter, createWriteStream(temporaryPath, { flags: 'wx' }));
      await rename(temporaryPath, finalPath);
    } catch (error) {
      await rm(temporaryPath, { force: true });
      throw error;
    }
    return { storageKey, sizeBytes, sha256: hash.digest('hex') };
  }

  /** Opens a stored file for reading; throws ENOENT when it is gone. */
  async open(storageKey: string): Promise<{ stream: ReadStream; sizeBytes: number }> {
    const filePath = this.pathOf(storageKey);
    const { size } = await stat(filePath);
    return { stream: createReadStream(filePath), sizeBytes: size };
  }

  /** Deletes a stored file, as when the upload it belonged to failed. Missing files are ignored. */
  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  private pathOf(storageKey: string): string {
    // Keys come from this class or the database; the check keeps a bad row from naming another path.
    if (!STORAGE_KEY.test(storageKey)) throw new Error(`invalid attachment storage key: ${storageKey}`);
    return path.join(this.folder, storageKey);
  }
}
