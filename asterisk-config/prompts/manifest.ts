/**
 * The generator's manifest: for each prompt it generated, a hash of what went into the audio
 * (text and voice settings) and a hash of the WAV file it wrote.
 *
 * A WAV whose hash differs from the manifest was put there by someone else (a recorded voice),
 * so the generator never overwrites it. A WAV whose source hash differs was generated from an
 * older text or older settings, so it is regenerated.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { VoiceSettings } from './synthesizer';

export const MANIFEST_FILE = 'prompts-manifest.json';

/** Bump when the pipeline changes in a way the settings do not show, to regenerate every prompt. */
export const PIPELINE_VERSION = 1;

export interface ManifestEntry {
  /** sha256 of the spoken text, the voice settings and the pipeline version. */
  source: string;
  /** sha256 of the WAV file as the generator wrote it. */
  wav: string;
}

export type Manifest = Record<string, ManifestEntry>;

interface ManifestFile {
  note: string;
  prompts: Manifest;
}

export class ManifestInvalidError extends Error {
  readonly code = 'PROMPT_MANIFEST_INVALID';
  constructor(path: string, detail: string) {
    super(`prompt manifest ${path} is invalid (${detail}); fix it or delete it, then run npm run prompts again`);
    this.name = 'ManifestInvalidError';
  }
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sourceHash(spokenText: string, voice: VoiceSettings): string {
  return sha256(JSON.stringify({ spokenText, voice, pipeline: PIPELINE_VERSION }));
}

/** Reads the manifest in `dir`; an absent manifest is empty. Throws `ManifestInvalidError`. */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ManifestInvalidError(path, (error as Error).message);
  }
  const prompts = (parsed as Partial<ManifestFile> | null)?.prompts;
  if (typeof prompts !== 'object' || prompts === null) {
    throw new ManifestInvalidError(path, 'no "prompts" object');
  }
  for (const [id, entry] of Object.entries(prompts)) {
    if (typeof entry?.source !== 'string' || typeof entry?.wav !== 'string') {
      throw new ManifestInvalidError(path, `entry "${id}" needs "source" and "wav" strings`);
    }
  }
  return prompts as Manifest;
}

/** Writes the manifest with sorted keys, so it diffs cleanly in git; replaces the file atomically. */
export function writeManifest(dir: string, manifest: Manifest): void {
  const sorted: Manifest = {};
  for (const id of Object.keys(manifest).sort()) {
    sorted[id] = manifest[id];
  }
  const content: ManifestFile = {
    note: 'Written by `npm run prompts`. Lists the WAV files it generated; a WAV not listed or with another hash is a recording and is left alone.',
    prompts: sorted,
  };
  const path = join(dir, MANIFEST_FILE);
  const partPath = `${path}.part`;
  writeFileSync(partPath, `${JSON.stringify(content, null, 2)}\n`);
  renameSync(partPath, path);
}
