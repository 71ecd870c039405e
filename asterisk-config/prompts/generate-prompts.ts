/**
 * Brings a sound folder in line with the prompt table: generates missing prompts, regenerates
 * prompts whose text or voice settings changed, keeps recorded files, and removes files it once
 * generated for prompts that left the table.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { readManifest, sha256, sourceHash, writeManifest, type Manifest } from './manifest';
import type { Prompt } from './prompts';
import { toSpokenText } from './spoken-text';
import { assertToolsInstalled, DEFAULT_VOICE, synthesize, type VoiceSettings } from './synthesizer';
import { readWavHeader, telephonyFormatProblems, WavFormatError } from './wav-header';

/**
 * What happened to one prompt's file:
 * - `generated`: there was no file, now there is;
 * - `regenerated`: the generator's own file was made from an older text or older settings;
 * - `unchanged`: the generator's own file is up to date;
 * - `recorded`: the file is not the generator's (a recorded voice) and was left alone;
 * - `removed`: the prompt left the table and the generator deleted the file it had made.
 */
export type PromptOutcome = 'generated' | 'regenerated' | 'unchanged' | 'recorded' | 'removed';

export interface PromptResult {
  id: string;
  outcome: PromptOutcome;
  /** For a recorded file: how its format differs from 8 kHz mono 16-bit PCM. */
  problems: string[];
}

export interface GenerateOptions {
  prompts: readonly Prompt[];
  /** Sound folder, e.g. asterisk-config/sounds/zh; created when missing. */
  outDir: string;
  voice?: VoiceSettings;
  /** Work out the outcomes without writing, deleting or requiring espeak-ng and sox. */
  dryRun?: boolean;
  /** Called once per prompt as soon as its outcome is known. */
  onResult?: (result: PromptResult) => void;
}

/** A prompt id becomes a file name and an Asterisk sound name, so it is limited to these. */
const PROMPT_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export class PromptTableInvalidError extends Error {
  readonly code = 'PROMPT_TABLE_INVALID';
  constructor(problems: string[]) {
    super(`prompt table is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'PromptTableInvalidError';
  }
}

/**
 * Generates the prompts into `outDir` and returns one result per prompt, then one per removed
 * file. Throws `PromptTableInvalidError`, `PromptToolMissingError` (before touching any file),
 * `PromptSynthesisError` or `ManifestInvalidError`.
 */
export function generatePrompts(options: GenerateOptions): PromptResult[] {
  const voice = options.voice ?? DEFAULT_VOICE;
  validatePromptTable(options.prompts);
  if (!options.dryRun) {
    assertToolsInstalled();
    mkdirSync(options.outDir, { recursive: true });
  }

  const manifest: Manifest = readManifest(options.outDir);
  const results: PromptResult[] = [];
  const report = (result: PromptResult) => {
    results.push(result);
    options.onResult?.(result);
  };

  for (const prompt of options.prompts) {
    const file = join(options.outDir, `${prompt.id}.wav`);
    const spokenText = toSpokenText(prompt.text);
    const expectedSource = sourceHash(spokenText, voice);
    const entry = manifest[prompt.id];

    let outcome: PromptOutcome;
    if (!existsSync(file)) {
      outcome = 'generated';
    } else if (!entry || entry.wav !== sha256(readFileSync(file))) {
      report({ id: prompt.id, outcome: 'recorded', problems: formatProblems(file) });
      if (entry && !options.dryRun) {
        delete manifest[prompt.id];
        writeManifest(options.outDir, manifest);
      }
      continue;
    } else if (entry.source === expectedSource) {
      report({ id: prompt.id, outcome: 'unchanged', problems: [] });
      continue;
    } else {
      outcome = 'regenerated';
    }

    if (!options.dryRun) {
      synthesize(prompt.id, spokenText, file, voice);
      // Recorded after each prompt, so an interrupted run does not mistake its own files for recordings.
      manifest[prompt.id] = { source: expectedSource, wav: sha256(readFileSync(file)) };
      writeManifest(options.outDir, manifest);
    }
    report({ id: prompt.id, outcome, problems: [] });
  }

  removeRetiredPrompts(options, manifest, report);
  return results;
}

/** Deletes files the generator made for prompts that are no longer in the table. */
function removeRetiredPrompts(options: GenerateOptions, manifest: Manifest, report: (result: PromptResult) => void): void {
  const current = new Set(options.prompts.map((prompt) => prompt.id));
  for (const [id, entry] of Object.entries(manifest)) {
    if (current.has(id)) {
      continue;
    }
    const file = join(options.outDir, `${id}.wav`);
    const ownFile = existsSync(file) && entry.wav === sha256(readFileSync(file));
    if (!options.dryRun) {
      if (ownFile) {
        rmSync(file);
      }
      delete manifest[id];
      writeManifest(options.outDir, manifest);
    }
    if (ownFile) {
      report({ id, outcome: 'removed', problems: [] });
    }
  }
}

function validatePromptTable(prompts: readonly Prompt[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const prompt of prompts) {
    if (!PROMPT_ID_PATTERN.test(prompt.id)) {
      problems.push(`id "${prompt.id}" must be lower-case letters, digits and hyphens`);
    }
    if (seen.has(prompt.id)) {
      problems.push(`id "${prompt.id}" appears twice`);
    }
    seen.add(prompt.id);
    if (prompt.text.trim() === '') {
      problems.push(`prompt "${prompt.id}" has no text`);
    }
  }
  if (problems.length > 0) {
    throw new PromptTableInvalidError(problems);
  }
}

function formatProblems(file: string): string[] {
  try {
    return telephonyFormatProblems(readWavHeader(readFileSync(file)));
  } catch (error) {
    if (error instanceof WavFormatError) {
      return [error.message];
    }
    throw error;
  }
}
