/**
 * The Electron main process and preload script, bundled exactly as main.cjs bundles them and run
 * against a fake `electron` module, because the Electron binary is not installed here.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserWindowOptions, MenuItemTemplate, NotificationOptions } from '../../agent-desktop/main/electron-api';
import type { DesktopOptions } from '../../agent-desktop/main/desktop';
import { POP_CHANNEL, type PopNotice } from '../../agent-desktop/shared/desktop-bridge';

const require = createRequire(import.meta.url);
const { buildMainProcess } = require('../../agent-desktop/main/build-main-process.cjs') as {
  buildMainProcess(outdir: string): { desktopPath: string; preloadPath: string };
};

const NOTICE: PopNotice = {
  callId: 'call-1',
  callerNumber: '13937012345',
  enterpriseName: '民权县华通机械制造有限公司',
  ivrChoiceLabel: '企业服务',
  repeatCaller: true,
};

type Listener = (...args: any[]) => void;

/** Creates a fake of the Electron main-process API that records what the desktop does with it. */
function createFakeElectron(options: { singleInstance?: boolean } = {}) {
  const calls: string[] = [];
  const appListeners = new Map<string, Listener>();
  const ipcListeners = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  const notifications: { options: NotificationOptions; shown: boolean; click?: Listener }[] = [];
  const trays: { tooltip?: string; menu?: unknown; icon: unknown; click?: Listener }[] = [];
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  class FakeWindow {
    listeners = new Map<string, Listener>();
    contentsListeners = new Map<string, Listener>();
    minimized = true;
    visible = false;
    focused = false;
    loadedUrls: string[] = [];
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    webContents = {
      id: 41,
      on: (event: string, listener: Listener) => this.contentsListeners.set(event, listener),
      setWindowOpenHandler: (handler: FakeWindow['openHandler']) => (this.openHandler = handler),
    };
    constructor(readonly options: BrowserWindowOptions) {
      windows.push(this);
    }
    isMinimized = () => this.minimized;
    isVisible = () => this.visible;
    isFocused = () => this.focused;
    restore = () => ((this.minimized = false), calls.push('restore'));
    show = () => ((this.visible = true), calls.push('show'));
    hide = () => ((this.visible = false), calls.push('hide'));
    moveTop = () => calls.push('moveTop');
    focus = () => ((this.focused = true), calls.push('focus'));
    flashFrame = () => calls.push('flashFrame');
    loadURL = async (url: string) => void this.loadedUrls.push(url);
    on = (event: string, listener: Listener) => this.listeners.set(event, listener);
  }

  class FakeNotification {
    record: (typeof notifications)[number];
    static isSupported = () => true;
    constructor(notificationOptions: NotificationOptions) {
      this.record = { options: notificationOptions, shown: false };
      notifications.push(this.record);
    }
    show() {
      this.record.shown = true;
    }
    on(_event: 'click', listener: Listener) {
      this.record.click = listener;
    }
  }

  class FakeTray {
    record: (typeof trays)[number];
    constructor(icon: unknown) {
      this.record = { icon };
      trays.push(this.record);
    }
    setToolTip(text: string) {
      this.record.tooltip = text;
    }
    setContextMenu(menu: unknown) {
      this.record.menu = menu;
    }
    on(_event: 'click', listener: Listener) {
      this.record.click = listener;
    }
  }

  const electron = {
    app: {
      requestSingleInstanceLock: () => options.singleInstance ?? true,
      whenReady: () => ready,
      getPath: () => path.join(tmpdir(), 'mq-desktop-no-settings'),
      quit: () => calls.push('quit'),
      on: (event: string, listener: Listener) => appListeners.set(event, listener),
    },
    BrowserWindow: FakeWindow,
    Notification: FakeNotification,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: MenuItemTemplate[]) => ({ template }) },
    nativeImage: { createFromBitmap: (buffer: Buffer, size: { width: number; height: number }) => ({ buffer, size, isEmpty: () => false }) },
    ipcMain: { on: (channel: string, listener: Listener) => ipcListeners.set(channel, listener) },
  };

  return { electron, calls, appListeners, ipcListeners, windows, notifications, trays, makeReady: resolveReady };
}

describe('desktop main process', () => {
  let outdir: string;
  let desktopPath: string;
  let preloadPath: string;

  beforeAll(async () => {
    outdir = await mkdtemp(path.join(tmpdir(), 'mq-desktop-main-'));
    ({ desktopPath, preloadPath } = buildMainProcess(outdir));
  });

  afterAll(async () => {
    await rm(outdir, { recursive: true, force: true });
  });

  async function startWithFake(options: Partial<DesktopOptions> & { singleInstance?: boolean } = {}) {
    const fake = createFakeElectron({ singleInstance: options.singleInstance });
    const { startDesktop } = require(desktopPath) as typeof import('../../agent-desktop/main/desktop');
    startDesktop(fake.electron as never, {
      preloadPath: '/opt/desktop/preload.cjs',
      argv: options.argv ?? ['electron', 'main.cjs', '--server-url=http://127.0.0.1:3999/'],
      env: options.env ?? {},
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    fake.makeReady();
    await new Promise((resolve) => setImmediate(resolve));
    return fake;
  }

  it('bundles a preload script that requires only electron', async () => {
    const code = await readFile(preloadPath, 'utf8');
    const required: string[] = [];
    const exposed = new Map<string, { notifyPop(notice: unknown): void }>();
    const sent: { channel: string; payload: unknown }[] = [];
    const fakeRequire = (name: string) => {
      required.push(name);
      return {
        contextBridge: { exposeInMainWorld: (key: string, api: { notifyPop(notice: unknown): void }) => exposed.set(key, api) },
        ipcRenderer: { send: (channel: string, payload: unknown) => sent.push({ channel, payload }) },
      };
    };

    new Function('require', 'module', 'exports', code)(fakeRequire, { exports: {} }, {});

    expect(required).toEqual(['electron']);
    const bridge = exposed.get('hotlineDesktop');
    expect(bridge).toBeDefined();

    bridge!.notifyPop({ ...NOTICE, extra: '<script>' });
    bridge!.notifyPop({ ...NOTICE, callerNumber: 13937012345 });
    expect(sent).toEqual([{ channel: POP_CHANNEL, payload: NOTICE }]);
  });

  it('opens one isolated window on the configured server', async () => {
    const fake = await startWithFake();

    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window.options.webPreferences).toEqual({
      preload: '/opt/desktop/preload.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    });
    expect(window.loadedUrls).toEqual(['http://127.0.0.1:3999']);
  });

  it('uses the default server URL when nothing is set', async () => {
    const fake = await startWithFake({ argv: ['electron', 'main.cjs'], env: {} });

    expect(fake.windows[0].loadedUrls).toEqual(['http://127.0.0.1:3000']);
  });

  it('keeps navigation on the server and denies new windows', async () => {
    const fake = await startWithFake();
    const [window] = fake.windows;
    const navigate = window.contentsListeners.get('will-navigate')!;

    let prevented = false;
    navigate({ preventDefault: () => (prevented = true) }, 'https://example.invalid/phish');
    expect(prevented).toBe(true);

    prevented = false;
    navigate({ preventDefault: () => (prevented = true) }, 'http://127.0.0.1:3999/index.html');
    expect(prevented).toBe(false);

    expect(window.openHandler!({ url: 'http://127.0.0.1:3999/x' })).toEqual({ action: 'deny' });
  });

  it('shows a Chinese page when the server cannot be loaded', async () => {
    const fake = await startWithFake();
    const [window] = fake.windows;

    window.contentsListeners.get('did-fail-load')!({}, -102, 'ERR_CONNECTION_REFUSED', 'http://127.0.0.1:3999/', true);

    const page = decodeURIComponent(window.loadedUrls.at(-1)!.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain('无法连接12345平台服务器');
    expect(page).toContain('ERR_CONNECTION_REFUSED');
  });

  it('raises the window and notifies once per call on a pop', async () => {
    const fake = await startWithFake();
    const [window] = fake.windows;
    const onPop = fake.ipcListeners.get(POP_CHANNEL)!;

    onPop({ sender: { id: window.webContents.id } }, NOTICE);
    onPop({ sender: { id: window.webContents.id } }, NOTICE);

    expect(fake.calls).toEqual(expect.arrayContaining(['restore', 'show', 'moveTop', 'focus']));
    expect(fake.notifications).toHaveLength(1);
    expect(fake.notifications[0].shown).toBe(true);
    expect(fake.notifications[0].options.title).toBe('来电 13937012345');
    expect(fake.notifications[0].options.body).toBe('民权县华通机械制造有限公司\n语音导航：企业服务\n重复来电');
  });

  it('ignores pops from other pages and malformed pops', async () => {
    const fake = await startWithFake();
    const onPop = fake.ipcListeners.get(POP_CHANNEL)!;

    onPop({ sender: { id: 999 } }, NOTICE);
    onPop({ sender: { id: fake.windows[0].webContents.id } }, { callId: 'call-9' });

    expect(fake.notifications).toHaveLength(0);
    expect(fake.calls).not.toContain('focus');
  });

  it('hides the window to the tray on close until the agent quits', async () => {
    const fake = await startWithFake();
    const [window] = fake.windows;
    const close = window.listeners.get('close')!;

    let prevented = false;
    close({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(fake.calls).toContain('hide');

    const menu = (fake.trays[0].menu as { template: MenuItemTemplate[] }).template;
    expect(menu.map((item) => item.label ?? item.type)).toEqual(['显示工作台', '服务器：http://127.0.0.1:3999', 'separator', '退出']);
    menu.at(-1)!.click!();
    expect(fake.calls).toContain('quit');

    prevented = false;
    close({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });

  it('draws a 32-pixel tray icon', async () => {
    const fake = await startWithFake();
    const icon = fake.trays[0].icon as { buffer: Buffer; size: { width: number; height: number } };

    expect(icon.size).toEqual({ width: 32, height: 32 });
    expect(icon.buffer.byteLength).toBe(32 * 32 * 4);
    expect(fake.trays[0].tooltip).toBe('民权县12345坐席工作台');
  });

  it('quits without a window when another copy is running', async () => {
    const fake = await startWithFake({ singleInstance: false });

    expect(fake.calls).toEqual(['quit']);
    expect(fake.windows).toHaveLength(0);
  });
});
