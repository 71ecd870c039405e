/**
 * The committed prompts in asterisk-config/sounds/zh: one telephony WAV per prompt id, made from
 * the current texts, so a deployment can copy them without running the generator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { generatePrompts } from '../../asterisk-config/prompts/generate-prompts';
import { MANIFEST_FILE, readManifest } from '../../asterisk-config/prompts/manifest';
import { allPrompts, PROMPTS } from '../../asterisk-config/prompts/prompts';
import { toSpokenText } from '../../asterisk-config/prompts/spoken-text';
import { assertToolsInstalled, transcribe } from '../../asterisk-config/prompts/synthesizer';
import { readWavHeader, telephonyFormatProblems } from '../../asterisk-config/prompts/wav-header';
import { ASTERISK_CONFIG_DIR } from './conf-file';

const soundDir = join(ASTERISK_CONFIG_DIR, 'sounds', 'zh');

describe('committed prompt files', () => {
  it.each(allPrompts().map((prompt) => prompt.id))('%s is 8 kHz mono 16-bit PCM', (id) => {
    const info = readWavHeader(readFileSync(join(soundDir, `${id}.wav`)));

    expect(info.sampleRate).toBe(8000);
    expect(info.channels).toBe(1);
    expect(info.bitsPerSample).toBe(16);
    expect(info.audioFormat).toBe(1);
    expect(telephonyFormatProblems(info)).toEqual([]);
  });

  it('last long enough to hold speech', () => {
    for (const prompt of PROMPTS) {
      const info = readWavHeader(readFileSync(join(soundDir, `${prompt.id}.wav`)));

      expect(info.durationSeconds, prompt.id).toBeGreaterThan(0.5);
      expect(info.durationSeconds, prompt.id).toBeLessThan(20);
    }
  });

  it('are up to date with the prompt table', () => {
    const results = generatePrompts({ prompts: allPrompts(), outDir: soundDir, dryRun: true });
    const stale = results.filter((result) => result.outcome !== 'unchanged' && result.outcome !== 'recorded');

    expect(stale, 'run npm run prompts and commit asterisk-config/sounds/zh').toEqual([]);
  });

  it('contain no file outside the prompt table', () => {
    const expected = new Set([...allPrompts().map((prompt) => `${prompt.id}.wav`), MANIFEST_FILE]);

    expect(readdirSync(soundDir).filter((name) => !expected.has(name))).toEqual([]);
  });

  it('are listed in the manifest as generated', () => {
    const manifest = readManifest(soundDir);

    expect(Object.keys(manifest).sort()).toEqual(allPrompts().map((prompt) => prompt.id).sort());
  });
});

describe('prompt voice', () => {
  it('has espeak-ng and sox installed', () => {
    expect(() => assertToolsInstalled()).not.toThrow();
  });

  it('reads every prompt as Mandarin', () => {
    for (const prompt of allPrompts()) {
      const phonemes = transcribe(toSpokenText(prompt.text));

      // espeak-ng marks a switch to another language's rules with "(en)" and the like.
      expect(phonemes, `${prompt.id}: ${prompt.text}`).not.toMatch(/\([a-z]{2,3}\)/);
      expect(phonemes.length, prompt.id).toBeGreaterThan(0);
    }
  });
});
