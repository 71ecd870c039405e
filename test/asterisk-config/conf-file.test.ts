import { describe, expect, it } from 'vitest';

import { dialplanOf, parseConf, settingsOf } from './conf-file';

describe('parseConf', () => {
  it('reads sections, templates and both assignment forms', () => {
    const sections = parseConf(['[base](!)', 'type = endpoint', '', '[8001](base,extra) ; an agent', 'aors => 8001'].join('\n'));

    expect(sections).toEqual([
      { name: 'base', isTemplate: true, templates: [], entries: [{ key: 'type', value: 'endpoint', line: 2 }] },
      { name: '8001', isTemplate: false, templates: ['base', 'extra'], entries: [{ key: 'aors', value: '8001', line: 5 }] },
    ]);
  });

  it('drops comments but keeps escaped semicolons', () => {
    const [section] = parseConf('[general]\nnote = a\\;b ; comment\n; whole line');

    expect(section.entries).toEqual([{ key: 'note', value: 'a\\;b', line: 2 }]);
  });

  it('rejects a line outside any section', () => {
    expect(() => parseConf('enabled = yes')).toThrow(/line 1/);
  });

  it('rejects a line without a value', () => {
    expect(() => parseConf('[general]\nenabled')).toThrow(/line 2 is neither/);
  });
});

describe('settingsOf', () => {
  it('applies templates before the section', () => {
    const sections = parseConf('[base](!)\ntype = endpoint\ncontext = a\n[8001](base)\ncontext = b');

    expect([...settingsOf(sections, sections[1])]).toEqual([
      ['type', 'endpoint'],
      ['context', 'b'],
    ]);
  });

  it('rejects a missing template', () => {
    const sections = parseConf('[8001](nowhere)\ntype = aor');

    expect(() => settingsOf(sections, sections[0])).toThrow('missing template [nowhere]');
  });
});

describe('dialplanOf', () => {
  it('gives same lines the extension above them', () => {
    const sections = parseConf('[ctx]\nexten => 12345,1,NoOp(a, b)\n same => n,Stasis(hotline,inbound)');

    expect(dialplanOf(sections, 'ctx')).toEqual([
      { extension: '12345', priority: '1', application: 'NoOp(a, b)' },
      { extension: '12345', priority: 'n', application: 'Stasis(hotline,inbound)' },
    ]);
  });

  it('rejects an unknown context', () => {
    expect(() => dialplanOf([], 'missing')).toThrow('context [missing] not found');
  });
});
