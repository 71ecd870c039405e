/**
 * The READMEs document every configuration setting with its real default, in English and in
 * Chinese, and open with the two commands a newcomer runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../server/config';

const READMES = ['README.md', 'README.zh-CN.md'];
const defaults = loadConfig({ JWT_SECRET: 'x'.repeat(32) });

/** Rows of the table between the config-table markers: variable name → default cell. */
function configTable(file: string): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('<!-- config-table:start -->');
  const end = text.indexOf('<!-- config-table:end -->');
  expect(start, `${file} has no config-table markers`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string>();
  for (const line of text.slice(start, end).split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = cells[1]?.match(/^`([A-Z0-9_]+)`$/)?.[1];
    if (name) rows.set(name, cells[2]);
  }
  return rows;
}

describe.each(READMES)('%s', (file) => {
  it('documents every configuration setting', () => {
    const documented = [...configTable(file).keys()];
    expect(documented.sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('gives each setting its real default', () => {
    for (const [name, cell] of configTable(file)) {
      if (name === 'JWT_SECRET') continue;
      const value = String(defaults[name as keyof typeof defaults]);
      const expected = value === '' ? /^(\(empty\)|（空）)$/ : new RegExp(`^\`${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`$`);
      expect(cell, `default of ${name}`).toMatch(expected);
    }
  });

  it('opens with the demo and the test commands', () => {
    const text = readFileSync(file, 'utf8');
    const firstBlock = text.slice(text.indexOf('```sh'), text.indexOf('```', text.indexOf('```sh') + 5));
    expect(firstBlock).toContain('npm run demo');
    expect(firstBlock).toContain('bash .ci/run');
  });
});

describe('.ci/run', () => {
  it('runs the test command of the README', () => {
    const script = readFileSync('.ci/run', 'utf8');
    expect(script).toMatch(/npm test/);
    expect(readFileSync('README.md', 'utf8')).toContain('npm test');
  });
});
