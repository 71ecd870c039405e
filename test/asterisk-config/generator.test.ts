/**
 * The prompt generator (`npm run prompts`) run for real with espeak-ng and sox into temporary
 * folders. CI installs both tools; without them these tests fail with the install command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { generatePrompts, PromptTableInvalidError } from '../../asterisk-config/prompts/generate-prompts';
import { ManifestInvalidError, MANIFEST_FILE, readManifest } from '../../asterisk-config/prompts/manifest';
import { allPrompts, type Prompt } from '../../asterisk-config/prompts/prompts';
import { assertToolsInstalled, DEFAULT_VOICE, transcribe } from '../../asterisk-config/prompts/synthesizer';
import { readWavHeader, telephonyFormatProblems } from '../../asterisk-config/prompts/wav-header';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GENERATOR = join(REPO_ROOT, 'asterisk-config', 'prompts', 'generate.ts');

const folders: string[] = [];

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'mq-prompts-test-'));
  folders.push(folder);
  return folder;
}

/** Runs `npm run prompts` as a person would, with `args` after `--`. */
function runGenerator(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', GENERATOR, ...args], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a 1-second 440 Hz tone, standing in for a prompt recorded by a person. */
function writeRecording(file: string, sampleRate = 8000): void {
  const result = spawnSync('sox', ['-n', '-r', String(sampleRate), '-c', '1', '-b', '16', file, 'synth', '1', 'sine', '440']);
  expect(result.status, result.stderr?.toString()).toBe(0);
}

function wavProblems(file: string): string[] {
  return telephonyFormatProblems(readWavHeader(readFileSync(file)));
}

const SMALL_TABLE: Prompt[] = [
  { id: 'hotline-welcome', text: '您好，欢迎致电12345。' },
  { id: 'hotline-goodbye', text: '再见。' },
];

beforeAll(() => {
  assertToolsInstalled();
});

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

describe('npm run prompts', () => {
  it('generates every prompt as a telephony WAV', () => {
    const outDir = tempFolder();

    const run = runGenerator(['--out', outDir]);

    expect(run.status, run.stderr).toBe(0);
    for (const prompt of allPrompts()) {
      expect(wavProblems(join(outDir, `${prompt.id}.wav`)), prompt.id).toEqual([]);
    }
    expect(Object.keys(readManifest(outDir))).toHaveLength(allPrompts().length);
    expect(run.stdout).toContain(`${allPrompts().length} generated`);
  }, 120_000);

  it('leaves a recorded file alone', () => {
    const outDir = tempFolder();
    expect(runGenerator(['--out', outDir]).status).toBe(0);
    const recorded = join(outDir, 'hotline-menu.wav');
    writeRecording(recorded);
    const recordingBytes = readFileSync(recorded);

    const run = runGenerator(['--out', outDir]);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/kept recording\s+hotline-menu/);
    expect(readFileSync(recorded).equals(recordingBytes)).toBe(true);
    expect(readManifest(outDir)['hotline-menu']).toBeUndefined();
    expect(run.stdout).toContain(`${allPrompts().length - 1} unchanged`);
  }, 120_000);

  it('warns about a recording Asterisk would transcode', () => {
    const outDir = tempFolder();
    writeRecording(join(outDir, 'hotline-goodbye.wav'), 44100);

    const run = runGenerator(['--out', outDir]);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('hotline-goodbye.wav: 44100 Hz, expected 8000 Hz');
    expect(readWavHeader(readFileSync(join(outDir, 'hotline-goodbye.wav'))).sampleRate).toBe(44100);
  }, 120_000);

  it('reports missing prompts with --check and writes nothing', () => {
    const outDir = tempFolder();
    expect(runGenerator(['--out', outDir]).status).toBe(0);
    rmSync(join(outDir, 'hotline-goodbye.wav'));

    const run = runGenerator(['--out', outDir, '--check']);

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/missing\s+hotline-goodbye/);
    expect(run.stderr).toContain('1 prompt file(s) are missing or out of date');
    expect(existsSync(join(outDir, 'hotline-goodbye.wav'))).toBe(false);
  }, 120_000);

  it('names the install command when the tools are missing', () => {
    const outDir = tempFolder();
    const emptyPath = tempFolder();

    const run = runGenerator(['--out', join(outDir, 'zh')], { ...process.env, PATH: emptyPath });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('espeak-ng and sox are required to generate the prompts');
    expect(run.stderr).toContain('apt-get install espeak-ng sox');
    expect(existsSync(join(outDir, 'zh'))).toBe(false);
  });

  it('rejects an unknown option', () => {
    const run = runGenerator(['--outdir', 'x']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: npm run prompts');
  });
});

describe('generatePrompts', () => {
  it('regenerates only the prompt whose text changed', () => {
    const outDir = tempFolder();
    generatePrompts({ prompts: SMALL_TABLE, outDir });
    const goodbyeModified = statSync(join(outDir, 'hotline-goodbye.wav')).mtimeMs;
    const welcomeBefore = readFileSync(join(outDir, 'hotline-welcome.wav'));

    const results = generatePrompts({
      prompts: [{ id: 'hotline-welcome', text: '您好，这里是民权县12345热线。' }, SMALL_TABLE[1]],
      outDir,
    });

    expect(results.map((result) => [result.id, result.outcome])).toEqual([
      ['hotline-welcome', 'regenerated'],
      ['hotline-goodbye', 'unchanged'],
    ]);
    expect(readFileSync(join(outDir, 'hotline-welcome.wav')).equals(welcomeBefore)).toBe(false);
    expect(statSync(join(outDir, 'hotline-goodbye.wav')).mtimeMs).toBe(goodbyeModified);
  });

  it('regenerates every prompt when the voice changes', () => {
    const outDir = tempFolder();
    generatePrompts({ prompts: SMALL_TABLE, outDir });

    const results = generatePrompts({ prompts: SMALL_TABLE, outDir, voice: { ...DEFAULT_VOICE, wordsPerMinute: 140 } });

    expect(results.map((result) => result.outcome)).toEqual(['regenerated', 'regenerated']);
  });

  it('produces the same file for the same text', () => {
    const first = tempFolder();
    const second = tempFolder();

    generatePrompts({ prompts: SMALL_TABLE, outDir: first });
    generatePrompts({ prompts: SMALL_TABLE, outDir: second });

    expect(readFileSync(join(first, MANIFEST_FILE), 'utf8')).toBe(readFileSync(join(second, MANIFEST_FILE), 'utf8'));
  });

  it('removes its own file of a retired prompt but keeps a recording', () => {
    const outDir = tempFolder();
    generatePrompts({ prompts: SMALL_TABLE, outDir });
    writeRecording(join(outDir, 'hotline-goodbye.wav'));

    const results = generatePrompts({ prompts: [], outDir });

    expect(results).toEqual([{ id: 'hotline-welcome', outcome: 'removed', problems: [] }]);
    expect(existsSync(join(outDir, 'hotline-welcome.wav'))).toBe(false);
    expect(existsSync(join(outDir, 'hotline-goodbye.wav'))).toBe(true);
    expect(readManifest(outDir)).toEqual({});
  });

  it('generates again once a recording is deleted', () => {
    const outDir = tempFolder();
    writeRecording(join(outDir, 'hotline-goodbye.wav'));
    expect(generatePrompts({ prompts: SMALL_TABLE, outDir })[1].outcome).toBe('recorded');
    rmSync(join(outDir, 'hotline-goodbye.wav'));

    const results = generatePrompts({ prompts: SMALL_TABLE, outDir });

    expect(results[1].outcome).toBe('generated');
    expect(wavProblems(join(outDir, 'hotline-goodbye.wav'))).toEqual([]);
  });

  it('rejects an invalid prompt table before writing', () => {
    const outDir = join(tempFolder(), 'zh');
    const table: Prompt[] = [
      { id: '../etc/passwd', text: '错误' },
      { id: 'hotline-a', text: '甲' },
      { id: 'hotline-a', text: '乙' },
      { id: 'hotline-empty', text: '  ' },
    ];

    expect(() => generatePrompts({ prompts: table, outDir })).toThrow(PromptTableInvalidError);
    expect(() => generatePrompts({ prompts: table, outDir })).toThrow(/"\.\.\/etc\/passwd" must be lower-case[\s\S]*"hotline-a" appears twice[\s\S]*"hotline-empty" has no text/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('rejects a damaged manifest', () => {
    const outDir = tempFolder();
    writeFileSync(join(outDir, MANIFEST_FILE), '{"prompts": {"hotline-welcome": {"source": 1}}}');

    expect(() => generatePrompts({ prompts: SMALL_TABLE, outDir })).toThrow(ManifestInvalidError);
    expect(() => generatePrompts({ prompts: SMALL_TABLE, outDir })).toThrow(/entry "hotline-welcome" needs "source" and "wav"/);
    expect(readdirSync(outDir)).toEqual([MANIFEST_FILE]);
  });
});

describe('espeak-ng voice', () => {
  it('reads Chinese with the pinyin voice', () => {
    expect(transcribe('您好', DEFAULT_VOICE)).not.toContain('(en)');
  });

  it('would read Chinese as English with the plain cmn voice', () => {
    // The reason DEFAULT_VOICE is cmn-latn-pinyin on espeak-ng 1.51; if this starts failing,
    // a newer espeak-ng reads Chinese correctly with `cmn` as well.
    expect(transcribe('您好', { ...DEFAULT_VOICE, voice: 'cmn' })).toContain('(en)');
  });
});
