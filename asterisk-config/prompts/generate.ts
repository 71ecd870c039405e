/**
 * `npm run prompts`: generates the Mandarin IVR prompts of prompts.ts as 8 kHz mono 16-bit WAV
 * files into asterisk-config/sounds/zh (or --out DIR), with espeak-ng and sox.
 *
 *   npm run prompts                   generate what is missing or out of date
 *   npm run prompts -- --check        list what is out of date; exit 1 if anything is
 *   npm run prompts -- --out DIR      use another sound folder
 *
 * A WAV that someone replaced with a recording is never overwritten: delete it to get the
 * generated prompt back.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { generatePrompts, type PromptOutcome, type PromptResult } from './generate-prompts';
import { allPrompts } from './prompts';

const DEFAULT_OUT_DIR = fileURLToPath(new URL('../sounds/zh', import.meta.url));

function main(): number {
  let values: { out?: string; check?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run prompts -- [--out DIR] [--check]`);
    return 2;
  }
  if (values.help) {
    console.log('Usage: npm run prompts -- [--out DIR] [--check]\n' +
      '  --out DIR  sound folder to write (default asterisk-config/sounds/zh)\n' +
      '  --check    write nothing; exit 1 when a prompt is missing or out of date');
    return 0;
  }

  const outDir = resolve(values.out ?? DEFAULT_OUT_DIR);
  const check = values.check ?? false;
  const printResult = (result: PromptResult) => {
    console.log(`${describe(result.outcome, check).padEnd(22)} ${result.id}`);
    for (const problem of result.problems) {
      console.warn(`  warning: ${result.id}.wav: ${problem}; Asterisk expects 8 kHz mono 16-bit PCM`);
    }
  };

  let results: PromptResult[];
  try {
    results = generatePrompts({ prompts: allPrompts(), outDir, dryRun: check, onResult: printResult });
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 1;
  }

  const counts = new Map<PromptOutcome, number>();
  for (const result of results) {
    counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  }
  const summary = [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  console.log(`${outDir}: ${summary}`);

  const stale = results.filter((result) => ['generated', 'regenerated', 'removed'].includes(result.outcome));
  if (check && stale.length > 0) {
    console.error(`error: ${stale.length} prompt file(s) are missing or out of date; run npm run prompts and commit the files`);
    return 1;
  }
  return 0;
}

function describe(outcome: PromptOutcome, check: boolean): string {
  if (!check) {
    return outcome === 'recorded' ? 'kept recording' : outcome;
  }
  const wouldBe: Record<PromptOutcome, string> = {
    generated: 'missing',
    regenerated: 'out of date',
    unchanged: 'up to date',
    recorded: 'recording',
    removed: 'retired',
  };
  return wouldBe[outcome];
}

process.exitCode = main();
