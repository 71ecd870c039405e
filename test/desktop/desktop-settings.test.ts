import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePopNotice, parsePopNotice } from '../../agent-desktop/main/pop-notice';
import { DEFAULT_SERVER_URL, isServerOrigin, readSettingsFile, resolveServerUrl } from '../../agent-desktop/main/settings';
import { drawTrayIcon } from '../../agent-desktop/main/tray-icon';
import { createPopHandler } from '../../agent-desktop/main/window-controller';
import type { BrowserWindowLike, NotificationConstructor } from '../../agent-desktop/main/electron-api';

describe('server URL setting', () => {
  const none = { argv: [], env: {}, settingsFile: undefined };

  it('defaults to the local server', () => {
    expect(resolveServerUrl(none)).toEqual({ serverUrl: DEFAULT_SERVER_URL, source: 'default', problems: [] });
  });

  it('prefers argument, then environment, then settings file', () => {
    const all = {
      argv: ['--server-url=http://10.0.0.5:3000/'],
      env: { HOTLINE_SERVER_URL: 'http://10.0.0.6:3000' },
      settingsFile: { serverUrl: 'https://12345.example.gov.cn' },
    };
    expect(resolveServerUrl(all)).toMatchObject({ serverUrl: 'http://10.0.0.5:3000', source: 'argument' });
    expect(resolveServerUrl({ ...all, argv: [] })).toMatchObject({ serverUrl: 'http://10.0.0.6:3000', source: 'environment' });
    expect(resolveServerUrl({ ...all, argv: [], env: {} })).toMatchObject({ serverUrl: 'https://12345.example.gov.cn', source: 'settings-file' });
  });

  it('skips invalid values and reports them', () => {
    const resolved = resolveServerUrl({ argv: ['--server-url=file:///etc/passwd'], env: { HOTLINE_SERVER_URL: 'not a url' }, settingsFile: { serverUrl: 42 } });

    expect(resolved.serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(resolved.problems).toHaveLength(3);
    expect(resolved.problems[0]).toContain('file:///etc/passwd');
  });

  it('compares origins for navigation', () => {
    expect(isServerOrigin('http://127.0.0.1:3000/a?b=1', 'http://127.0.0.1:3000')).toBe(true);
    expect(isServerOrigin('http://127.0.0.1:3001/', 'http://127.0.0.1:3000')).toBe(false);
    expect(isServerOrigin('javascript:alert(1)', 'http://127.0.0.1:3000')).toBe(false);
  });
});

describe('settings file', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it('reads serverUrl from settings.json', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mq-settings-'));
    await writeFile(path.join(dir, 'settings.json'), '{"serverUrl":"http://10.1.1.1:3000"}');

    expect(readSettingsFile(dir)).toEqual({ serverUrl: 'http://10.1.1.1:3000' });
  });

  it('returns undefined for a missing file', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mq-settings-'));
    expect(readSettingsFile(dir)).toBeUndefined();
  });

  it('names the file when its JSON is invalid', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mq-settings-'));
    await writeFile(path.join(dir, 'settings.json'), '{serverUrl:');

    expect(() => readSettingsFile(dir!)).toThrow(/settings\.json is not valid JSON/);
  });
});

describe('pop notices', () => {
  const notice = { callId: 'c1', callerNumber: '0370123', enterpriseName: null, ivrChoiceLabel: '转人工', repeatCaller: false };

  it('accepts a well-formed notice and drops extra fields', () => {
    expect(parsePopNotice({ ...notice, html: '<b>' })).toEqual(notice);
  });

  it.each([
    ['null', null],
    ['a string', 'call'],
    ['an empty call id', { ...notice, callId: '' }],
    ['a numeric caller number', { ...notice, callerNumber: 370123 }],
    ['an overlong enterprise name', { ...notice, enterpriseName: 'x'.repeat(201) }],
    ['a missing repeat flag', { ...notice, repeatCaller: undefined }],
  ])('rejects %s', (_name, payload) => {
    expect(parsePopNotice(payload)).toBeNull();
  });

  it('writes the notification in Chinese', () => {
    expect(describePopNotice(notice)).toEqual({ title: '来电 0370123', body: '未匹配到企业\n语音导航：转人工' });
    expect(describePopNotice({ ...notice, callerNumber: '' }).title).toBe('来电 未知号码');
  });

  it('raises the window even where notifications are unsupported', () => {
    const calls: string[] = [];
    const window = {
      isMinimized: () => false,
      isVisible: () => true,
      isFocused: () => false,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      moveTop: () => calls.push('moveTop'),
      focus: () => calls.push('focus'),
      flashFrame: (flag: boolean) => calls.push(`flashFrame:${flag}`),
    } as unknown as BrowserWindowLike;
    const Unsupported = Object.assign(
      function () {
        throw new Error('must not be constructed');
      },
      { isSupported: () => false },
    ) as unknown as NotificationConstructor;

    createPopHandler({ getWindow: () => window, Notification: Unsupported })(notice);

    expect(calls).toEqual(['moveTop', 'focus', 'flashFrame:true']);
  });
});

describe('tray icon', () => {
  it('is a blue disc on a transparent square', () => {
    const size = 32;
    const pixels = drawTrayIcon(size);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];

    expect(pixels.byteLength).toBe(size * size * 4);
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
    expect(at(16, 16)).toEqual([0xd8, 0x4e, 0x1d, 0xff]);
  });
});
