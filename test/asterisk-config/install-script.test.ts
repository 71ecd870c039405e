/**
 * asterisk-config/install.sh run into a temporary DESTDIR, as a packager or a county's
 * administrator would run it on a server.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { allPrompts } from '../../asterisk-config/prompts/prompts';
import { ASTERISK_CONFIG_DIR, readConf, parseConf, sectionsNamed, settingsOf } from './conf-file';

const SCRIPT = join(ASTERISK_CONFIG_DIR, 'install.sh');
const SECRETS = { ARI_PASSWORD: 'ari-password-0123456789', AMI_SECRET: 'ami-secret-0123456789' };

const folders: string[] = [];

function install(destDir: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync('bash', [SCRIPT, ...args], { env: { PATH: process.env.PATH, DESTDIR: destDir, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function destination(): string {
  const folder = mkdtempSync(join(tmpdir(), 'mq-install-test-'));
  folders.push(folder);
  return folder;
}

function installedSection(destDir: string, fileName: string, name: string) {
  const sections = parseConf(readFileSync(join(destDir, 'etc', 'asterisk', fileName), 'utf8'));
  return settingsOf(sections, sectionsNamed(sections, name)[0]);
}

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

describe('install.sh', () => {
  it('installs every configuration file and prompt', () => {
    const destDir = destination();

    const run = install(destDir, SECRETS);

    expect(run.status, run.stderr).toBe(0);
    const confFiles = readdirSync(ASTERISK_CONFIG_DIR).filter((name) => name.endsWith('.conf')).sort();
    expect(readdirSync(join(destDir, 'etc', 'asterisk')).sort()).toEqual(confFiles);
    for (const prompt of allPrompts()) {
      expect(existsSync(join(destDir, 'var', 'lib', 'asterisk', 'sounds', 'zh', `${prompt.id}.wav`)), prompt.id).toBe(true);
    }
  });

  it('fills in the platform secrets', () => {
    const destDir = destination();

    install(destDir, SECRETS);

    expect(installedSection(destDir, 'ari.conf', 'hotline').get('password')).toBe(SECRETS.ARI_PASSWORD);
    expect(installedSection(destDir, 'manager.conf', 'hotline').get('secret')).toBe(SECRETS.AMI_SECRET);
  });

  it('keeps files with secrets private', () => {
    const destDir = destination();

    install(destDir, SECRETS);

    for (const fileName of ['ari.conf', 'manager.conf', 'pjsip.conf']) {
      expect(statSync(join(destDir, 'etc', 'asterisk', fileName)).mode & 0o777, fileName).toBe(0o640);
    }
    expect(statSync(join(destDir, 'etc', 'asterisk', 'extensions.conf')).mode & 0o777).toBe(0o644);
  });

  it('lists the placeholders left to edit', () => {
    const run = install(destination(), SECRETS);

    expect(run.stdout).toContain('placeholders left to replace by hand');
    expect(run.stdout).toContain('CHANGE_ME_CARRIER_PASSWORD');
    expect(run.stdout).not.toContain('CHANGE_ME_ARI_PASSWORD');
  });

  it('keeps a changed file unless forced', () => {
    const destDir = destination();
    install(destDir, SECRETS);
    const httpConf = join(destDir, 'etc', 'asterisk', 'http.conf');
    appendFileSync(httpConf, '; local change\n');

    const kept = install(destDir, SECRETS);

    expect(kept.stdout).toMatch(/kept\s+\S+http\.conf/);
    expect(readFileSync(httpConf, 'utf8')).toContain('; local change');

    const forced = install(destDir, SECRETS, ['--force']);

    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(httpConf, 'utf8')).not.toContain('; local change');
    const backups = readdirSync(join(destDir, 'etc', 'asterisk')).filter((name) => name.startsWith('http.conf.bak-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(destDir, 'etc', 'asterisk', backups[0]), 'utf8')).toContain('; local change');
  });

  it.each([
    ['a missing ARI_PASSWORD', { AMI_SECRET: SECRETS.AMI_SECRET }, 'ARI_PASSWORD is not set'],
    ['a short AMI_SECRET', { ...SECRETS, AMI_SECRET: 'short' }, 'AMI_SECRET is 5 characters long'],
    ['a semicolon in a secret', { ...SECRETS, ARI_PASSWORD: 'abc;defghijklmnopqrs' }, 'ARI_PASSWORD may contain only'],
  ])('rejects %s', (_case, env, message) => {
    const destDir = destination();

    const run = install(destDir, env);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(destDir, 'etc'))).toBe(false);
  });

  it('rejects an unknown option', () => {
    const run = install(destination(), SECRETS, ['--yes']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown option --yes');
  });

  it('leaves the repository files unchanged', () => {
    install(destination(), SECRETS);

    expect(settingsOf(readConf('ari.conf'), sectionsNamed(readConf('ari.conf'), 'hotline')[0]).get('password')).toBe('CHANGE_ME_ARI_PASSWORD');
  });
});
