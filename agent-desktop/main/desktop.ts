/**
 * The Electron main process: one window that loads the platform server's renderer, a tray icon,
 * and a raised window plus native notification on every screen pop. Electron's module is passed
 * in by main.cjs, so nothing else imports `electron`.
 */
import { POP_CHANNEL } from '../shared/desktop-bridge';
import type { BrowserWindowLike, ElectronMain, MenuItemTemplate } from './electron-api';
import { loadFailurePageUrl, RELOAD_INTERVAL_S } from './load-failure-page';
import { parsePopNotice } from './pop-notice';
import { isServerOrigin, readSettingsFile, resolveServerUrl } from './settings';
import { drawTrayIcon, TRAY_ICON_SIZE } from './tray-icon';
import { bringToFront, createPopHandler } from './window-controller';

export interface DesktopOptions {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Logger for start-up and load problems, the console by default. */
  log?: DesktopLog;
}

export type DesktopLog = Pick<Console, 'info' | 'warn' | 'error'>;

const WINDOW_TITLE = '民权县12345坐席工作台';

export function startDesktop(electron: ElectronMain, options: DesktopOptions): void {
  const { app } = electron;
  const log = options.log ?? console;
  // A second copy would open a second desktop for the same agent, so it raises the first one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let window: BrowserWindowLike | null = null;
  let quitting = false;

  app.on('second-instance', () => {
    if (window) bringToFront(window);
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    const settingsFile = readSettingsFileSafely(app.getPath('userData'), log);
    const settings = resolveServerUrl({ argv: options.argv, env: options.env, settingsFile });
    for (const problem of settings.problems) log.warn(`desktop: ignoring server URL from ${problem}`);
    log.info(`desktop: loading ${settings.serverUrl} (from ${settings.source})`);

    const mainWindow = createMainWindow(electron, options.preloadPath, settings.serverUrl, log);
    window = mainWindow;
    // Closing the window hides it to the tray, so that pops still reach the agent.
    mainWindow.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      mainWindow.hide();
    });
    mainWindow.on('closed', () => {
      window = null;
    });

    const handlePop = createPopHandler({ getWindow: () => window, Notification: electron.Notification });
    electron.ipcMain.on(POP_CHANNEL, (event, payload) => {
      // Only the desktop's own page may raise the window.
      if (!window || event.sender.id !== window.webContents.id) return;
      const notice = parsePopNotice(payload);
      if (notice) handlePop(notice);
    });

    createTray(electron, settings.serverUrl, {
      show: () => window && bringToFront(window),
      quit: () => {
        quitting = true;
        app.quit();
      },
    });
  });
}

function readSettingsFileSafely(userDataDir: string, log: DesktopLog): unknown {
  try {
    return readSettingsFile(userDataDir);
  } catch (error) {
    log.error(`desktop: ${(error as Error).message}; using the other sources`);
    return undefined;
  }
}

function createMainWindow(electron: ElectronMain, preloadPath: string, serverUrl: string, log: DesktopLog): BrowserWindowLike {
  const window = new electron.BrowserWindow({
    width: 1600,
    height: 960,
    minWidth: 1100,
    minHeight: 700,
    title: WINDOW_TITLE,
    show: true,
    backgroundColor: '#eef1f5',
    webPreferences: { preload: preloadPath, contextIsolation: true, nodeIntegration: false, sandbox: true },
  });

  // The window shows only the platform's own pages and does not follow links elsewhere.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isServerOrigin(url, serverUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
    if (!isMainFrame || !isServerOrigin(validatedUrl, serverUrl)) return;
    log.warn(`desktop: loading ${validatedUrl} failed (${errorCode} ${errorDescription}), retrying in ${RELOAD_INTERVAL_S} s`);
    void window.loadURL(loadFailurePageUrl(serverUrl, errorDescription));
    setTimeout(() => void window.loadURL(serverUrl), RELOAD_INTERVAL_S * 1000);
  });

  void window.loadURL(serverUrl);
  return window;
}

/** Tray menu entries: show the window, the server in use, quit. */
export function trayMenuTemplate(serverUrl: string, actions: { show(): void; quit(): void }): MenuItemTemplate[] {
  return [
    { label: '显示工作台', click: actions.show },
    { label: `服务器：${serverUrl}`, enabled: false },
    { type: 'separator' },
    { label: '退出', click: actions.quit },
  ];
}

function createTray(electron: ElectronMain, serverUrl: string, actions: { show(): void; quit(): void }): void {
  const icon = electron.nativeImage.createFromBitmap(drawTrayIcon(), { width: TRAY_ICON_SIZE, height: TRAY_ICON_SIZE });
  const tray = new electron.Tray(icon);
  tray.setToolTip(WINDOW_TITLE);
  tray.setContextMenu(electron.Menu.buildFromTemplate(trayMenuTemplate(serverUrl, actions)));
  tray.on('click', actions.show);
}
