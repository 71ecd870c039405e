/**
 * The Asterisk configuration in asterisk-config/ must fit the platform's defaults in
 * server/config.ts: a county that installs both unchanged gets a working pair.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { allPrompts } from '../../asterisk-config/prompts/prompts';
import { loadConfig } from '../../server/config';
import { ASTERISK_CONFIG_DIR, dialplanOf, pjsipObjects, readConf, sectionsNamed, settingsOf } from './conf-file';

const defaults = loadConfig({ JWT_SECRET: 'x'.repeat(32) });
const promptIds = new Set(allPrompts().map((prompt) => prompt.id));
const soundDir = join(ASTERISK_CONFIG_DIR, 'sounds', defaults.PROMPT_LANGUAGE);

/** The numbers the carrier may deliver for the hotline: 12345 and the county's (0370)12345. */
const HOTLINE_NUMBERS = ['12345', '037012345', '+8637012345'];

function onlySection(fileName: string, name: string) {
  const sections = readConf(fileName);
  const matches = sectionsNamed(sections, name);
  expect(matches, `[${name}] in ${fileName}`).toHaveLength(1);
  return settingsOf(sections, matches[0]);
}

describe('extensions.conf', () => {
  const dialplan = readConf('extensions.conf');

  it.each(HOTLINE_NUMBERS)('sends %s to the Stasis application', (number) => {
    const steps = dialplanOf(dialplan, 'from-trunk').filter((step) => step.extension === number);

    expect(steps.map((step) => step.application)).toContain(`Stasis(${defaults.ARI_APP},inbound)`);
  });

  it('sets the prompt language before Stasis', () => {
    for (const number of HOTLINE_NUMBERS) {
      const applications = dialplanOf(dialplan, 'from-trunk')
        .filter((step) => step.extension === number)
        .map((step) => step.application);
      const languageStep = applications.indexOf(`Set(CHANNEL(language)=${defaults.PROMPT_LANGUAGE})`);
      const stasisStep = applications.indexOf(`Stasis(${defaults.ARI_APP},inbound)`);

      expect(languageStep, number).toBeGreaterThanOrEqual(0);
      expect(languageStep, number).toBeLessThan(stasisStep);
    }
  });

  it('rejects unknown numbers from the trunk', () => {
    const catchAll = dialplanOf(dialplan, 'from-trunk').filter((step) => step.extension === '_X.');

    expect(catchAll.map((step) => step.application)).toContain('Hangup(1)');
    expect(catchAll.some((step) => step.application.startsWith('Stasis'))).toBe(false);
  });

  it('plays only prompts that exist', () => {
    const played = dialplan
      .flatMap((section) => section.entries)
      .flatMap((entry) => [...entry.value.matchAll(/Playback\(([^),]+)/g)].map((match) => match[1]));

    expect(played.length).toBeGreaterThan(0);
    for (const sound of played) {
      expect(promptIds.has(sound), `${sound} is a prompt in prompts.ts`).toBe(true);
      expect(existsSync(join(soundDir, `${sound}.wav`)), `${sound}.wav exists`).toBe(true);
    }
  });

  it('provides the Local contexts the dial templates name', () => {
    for (const template of ['Local/{extension}@agent-phones', 'Local/{number}@dept-phones']) {
      const context = template.split('@')[1];
      const steps = dialplanOf(dialplan, context);

      expect(steps[0].extension, context).toBe('_X.');
    }
  });

  it('has every context that an endpoint enters', () => {
    const pjsip = readConf('pjsip.conf');
    const contexts = new Set(pjsipObjects(pjsip, 'endpoint').map((endpoint) => endpoint.settings.get('context')));

    expect([...contexts].sort()).toEqual(['from-trunk', 'internal']);
    for (const context of contexts) {
      expect(sectionsNamed(dialplan, context!), context).toHaveLength(1);
    }
  });
});

describe('ari.conf and http.conf', () => {
  it('defines the ARI user the platform logs in with', () => {
    const user = onlySection('ari.conf', defaults.ARI_USER);

    expect(user.get('type')).toBe('user');
    expect(user.get('read_only')).toBe('no');
  });

  it('enables ARI', () => {
    expect(onlySection('ari.conf', 'general').get('enabled')).toBe('yes');
  });

  it('serves HTTP where ARI_URL points', () => {
    const ariUrl = new URL(defaults.ARI_URL);
    const http = onlySection('http.conf', 'general');

    expect(http.get('enabled')).toBe('yes');
    expect(http.get('bindaddr')).toBe(ariUrl.hostname);
    expect(http.get('bindport')).toBe(ariUrl.port);
  });
});

describe('manager.conf', () => {
  const user = () => onlySection('manager.conf', defaults.AMI_USER);
  const classes = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim());

  it('listens where the platform connects', () => {
    const general = onlySection('manager.conf', 'general');

    expect(general.get('enabled')).toBe('yes');
    expect(general.get('bindaddr')).toBe(defaults.AMI_HOST);
    expect(general.get('port')).toBe(String(defaults.AMI_PORT));
  });

  it('lets the AMI user in from loopback only', () => {
    const sections = readConf('manager.conf');
    const entries = sectionsNamed(sections, defaults.AMI_USER)[0].entries;
    const acl = entries.filter((entry) => entry.key === 'deny' || entry.key === 'permit').map((entry) => `${entry.key} ${entry.value}`);

    expect(acl).toEqual(['deny 0.0.0.0/0.0.0.0', 'permit 127.0.0.1/255.255.255.255']);
  });

  it('grants the actions the platform runs', () => {
    const write = classes(user().get('write'));

    // Originate needs `originate`; Getvar and DeviceStateList need `call` or `reporting`;
    // CoreShowChannels needs `system` or `reporting`.
    expect(write).toContain('originate');
    expect(write).toContain('call');
    expect(write).toContain('reporting');
  });

  it('withholds administrative action classes', () => {
    const write = classes(user().get('write'));

    for (const withheld of ['system', 'command', 'config', 'all']) {
      expect(write, withheld).not.toContain(withheld);
    }
  });

  it('receives call and system events but not dialplan steps', () => {
    const read = classes(user().get('read'));

    expect(read).toContain('call');
    expect(read).toContain('system');
    expect(read).not.toContain('dialplan');
    expect(read).not.toContain('all');
  });
});

describe('pjsip.conf', () => {
  const pjsip = readConf('pjsip.conf');
  const aorNames = new Set(pjsipObjects(pjsip, 'aor').map((aor) => aor.name));
  const agentEndpoints = pjsip.filter((section) => section.templates.includes('agent-endpoint'));

  /** Splits a PJSIP dial string into endpoint and optional user (`PJSIP/user@endpoint`). */
  function pjsipTarget(dialString: string): { endpoint: string; user: string | null } {
    const match = /^PJSIP\/(?:([^@]+)@)?([^@/]+)$/.exec(dialString);
    if (!match) {
      throw new Error(`${dialString} is not a PJSIP dial string`);
    }
    return { user: match[1] ?? null, endpoint: match[2] };
  }

  it('declares the agent endpoint template', () => {
    const templates = sectionsNamed(pjsip, 'agent-endpoint');

    expect(templates).toHaveLength(1);
    expect(templates[0].isTemplate).toBe(true);
    expect(settingsOf(pjsip, templates[0]).get('type')).toBe('endpoint');
  });

  it('has agents 8001 to 8003', () => {
    expect(agentEndpoints.map((section) => section.name)).toEqual(['8001', '8002', '8003']);
  });

  it('makes AGENT_DIAL_TEMPLATE reach each agent phone', () => {
    for (const section of agentEndpoints) {
      const extension = section.name;
      const target = pjsipTarget(defaults.AGENT_DIAL_TEMPLATE.replace('{extension}', extension));
      const endpoint = settingsOf(pjsip, section);

      expect(target.endpoint, extension).toBe(extension);
      expect(endpoint.get('aors'), extension).toBe(extension);
      expect(aorNames.has(extension), `aor ${extension}`).toBe(true);
    }
  });

  it('gives each agent its own credentials', () => {
    const auths = new Map(pjsipObjects(pjsip, 'auth').map((auth) => [auth.name, auth.settings]));

    for (const section of agentEndpoints) {
      const authName = settingsOf(pjsip, section).get('auth')!;
      const auth = auths.get(authName);

      expect(auth, `auth ${authName}`).toBeDefined();
      expect(auth!.get('username')).toBe(section.name);
      expect(auth!.get('password')).toMatch(new RegExp(`^CHANGE_ME_${section.name}_`));
    }
  });

  it('makes DEPT_DIAL_TEMPLATE reach the carrier trunk', () => {
    const target = pjsipTarget(defaults.DEPT_DIAL_TEMPLATE.replace('{number}', '03708123456'));
    const endpoint = pjsipObjects(pjsip, 'endpoint').find((candidate) => candidate.name === target.endpoint);
    const aor = pjsipObjects(pjsip, 'aor').find((candidate) => candidate.name === endpoint?.settings.get('aors'));

    expect(target.user).toBe('03708123456');
    expect(endpoint?.settings.get('context')).toBe('from-trunk');
    expect(aor?.settings.get('contact')).toMatch(/^sip:/);
  });

  it('registers and identifies the carrier', () => {
    const registration = pjsipObjects(pjsip, 'registration')[0];
    const identify = pjsipObjects(pjsip, 'identify')[0];

    expect(registration.settings.get('endpoint')).toBe('carrier');
    expect(registration.settings.get('outbound_auth')).toBe('carrier-auth');
    expect(identify.settings.get('endpoint')).toBe('carrier');
    expect(identify.settings.get('match')).toBeTruthy();
  });

  it('speaks the prompt language on every endpoint', () => {
    for (const endpoint of pjsipObjects(pjsip, 'endpoint')) {
      expect(endpoint.settings.get('language'), endpoint.name).toBe(defaults.PROMPT_LANGUAGE);
    }
  });

  it('refers only to defined transports and auths', () => {
    const transports = new Set(pjsipObjects(pjsip, 'transport').map((transport) => transport.name));
    const auths = new Set(pjsipObjects(pjsip, 'auth').map((auth) => auth.name));

    for (const object of [...pjsipObjects(pjsip, 'endpoint'), ...pjsipObjects(pjsip, 'registration')]) {
      expect(transports.has(object.settings.get('transport')!), `${object.name} transport`).toBe(true);
      for (const key of ['auth', 'outbound_auth']) {
        const auth = object.settings.get(key);
        if (auth) expect(auths.has(auth), `${object.name} ${key}`).toBe(true);
      }
    }
  });
});

describe('musiconhold.conf', () => {
  it('defines MOH_CLASS as a files class', () => {
    const mohClass = onlySection('musiconhold.conf', defaults.MOH_CLASS);

    expect(mohClass.get('mode')).toBe('files');
    expect(mohClass.get('directory')).toBeTruthy();
  });
});

describe('secrets in asterisk-config', () => {
  it('are all placeholders', () => {
    const secretKeys = new Set(['password', 'secret']);
    const confFiles = readdirSync(ASTERISK_CONFIG_DIR).filter((name) => name.endsWith('.conf'));

    expect(confFiles.length).toBeGreaterThanOrEqual(6);
    for (const fileName of confFiles) {
      for (const entry of readConf(fileName).flatMap((section) => section.entries)) {
        if (secretKeys.has(entry.key)) {
          expect(entry.value, `${fileName} line ${entry.line}`).toMatch(/^CHANGE_ME_[A-Z0-9_]+$/);
        }
      }
    }
  });
});

describe('sounds the IVR plays', () => {
  it('exist for every prompt id', () => {
    for (const id of promptIds) {
      expect(existsSync(join(soundDir, `${id}.wav`)), `${id}.wav`).toBe(true);
    }
  });

  it('include every sound named in call-control code', () => {
    const sourceFiles = listTypeScript(join(ASTERISK_CONFIG_DIR, '..', 'ivr'));
    const named = sourceFiles.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/sound:([a-z0-9-]+)['"`]/g)].map((match) => ({ file, sound: match[1] })),
    );

    for (const { file, sound } of named) {
      expect(promptIds.has(sound), `sound:${sound} in ${file}`).toBe(true);
    }
  });
});

function listTypeScript(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return listTypeScript(path);
    }
    return name.endsWith('.ts') ? [path] : [];
  });
}
