/**
 * Speaks one prompt into a telephony WAV file with Debian's espeak-ng and sox.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Everything that shapes the audio besides the text; a change regenerates every prompt. */
export interface VoiceSettings {
  /**
   * espeak-ng voice. `cmn-latn-pinyin` is espeak-ng's Mandarin voice: in espeak-ng 1.51 (Debian
   * 12) the plain `cmn` voice passes the pinyin it looks up for each character to English
   * letter-to-sound rules, so Chinese text comes out as English syllables (check with
   * `espeak-ng -v cmn -x 您好`).
   */
  voice: string;
  /** Speaking rate in words per minute (espeak-ng -s; its default is 175). */
  wordsPerMinute: number;
  /** Pitch from 0 to 99 (espeak-ng -p; its default is 50). */
  pitch: number;
  /** Peak level of the finished prompt in dBFS. */
  peakDbfs: number;
}

export const DEFAULT_VOICE: VoiceSettings = {
  voice: 'cmn-latn-pinyin',
  // A little slower than espeak-ng's default, because callers hear it through a phone line.
  wordsPerMinute: 165,
  pitch: 50,
  peakDbfs: -3,
};

/** The tools the generator runs, with the Debian package that provides each. */
const TOOLS = [
  { command: 'espeak-ng', versionFlag: '--version', debianPackage: 'espeak-ng' },
  { command: 'sox', versionFlag: '--version', debianPackage: 'sox' },
] as const;

export class PromptToolMissingError extends Error {
  readonly code = 'PROMPT_TOOL_MISSING';
  constructor(readonly missing: string[]) {
    super(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required to generate the prompts but ` +
        `${missing.length === 1 ? 'was' : 'were'} not found on PATH. Install with: apt-get install espeak-ng sox`,
    );
    this.name = 'PromptToolMissingError';
  }
}

export class PromptSynthesisError extends Error {
  readonly code = 'PROMPT_SYNTHESIS_FAILED';
  constructor(
    readonly promptId: string,
    detail: string,
  ) {
    super(`generating prompt ${promptId} failed: ${detail}`);
    this.name = 'PromptSynthesisError';
  }
}

/** Throws `PromptToolMissingError` naming every tool that cannot be started. */
export function assertToolsInstalled(): void {
  const missing = TOOLS.filter((tool) => {
    const result = spawnSync(tool.command, [tool.versionFlag], { stdio: 'ignore' });
    return result.error !== undefined;
  }).map((tool) => tool.debianPackage);
  if (missing.length > 0) {
    throw new PromptToolMissingError(missing);
  }
}

/** Returns espeak-ng's phoneme transcription of `spokenText`, to check how the voice reads it. */
export function transcribe(spokenText: string, voice: VoiceSettings = DEFAULT_VOICE): string {
  const result = spawnSync('espeak-ng', ['-b', '1', '-q', '-x', '-v', voice.voice, '--stdin'], {
    input: spokenText,
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new PromptSynthesisError('(transcription)', result.error?.message ?? result.stderr.trim());
  }
  return result.stdout.trim();
}

/**
 * Speaks `spokenText` into `outFile` as 8 kHz mono 16-bit PCM WAV, peak-normalised. The file is
 * written under a temporary name and renamed, so a failed run never leaves half a prompt.
 */
export function synthesize(promptId: string, spokenText: string, outFile: string, voice: VoiceSettings = DEFAULT_VOICE): void {
  const workDir = mkdtempSync(join(tmpdir(), 'mq-prompt-'));
  const rawFile = join(workDir, 'espeak.wav');
  const partFile = join(dirname(outFile), `.${promptId}.part.wav`);
  try {
    // -b 1: the text on stdin is UTF-8, whatever the locale says.
    run(promptId, 'espeak-ng', ['-b', '1', '-v', voice.voice, '-s', String(voice.wordsPerMinute), '-p', String(voice.pitch), '--stdin', '-w', rawFile], spokenText);

    // -R: repeatable output (fixed dither seed), so the same text gives the same file.
    // -G: guard against clipping while resampling; `norm` then sets the final peak.
    run(promptId, 'sox', [
      '-R', '-G', rawFile,
      '-c', '1', '-b', '16', '-e', 'signed-integer', '--comment', '', partFile,
      'rate', '-v', '8000',
      'norm', String(voice.peakDbfs),
    ]);
    renameSync(partFile, outFile);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    rmSync(partFile, { force: true });
  }
}

function run(promptId: string, command: string, args: string[], input?: string): void {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  if (result.error) {
    throw new PromptSynthesisError(promptId, `${command} could not be started: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new PromptSynthesisError(promptId, `${command} exited with ${result.status}: ${result.stderr.trim()}`);
  }
}
