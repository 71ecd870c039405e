/**
 * The part of Electron's main-process API the desktop uses, as structural types. The `electron`
 * package is an optional dependency that is absent on build and test machines, so the code
 * here receives the module from its caller instead of importing it, and tests pass fakes.
 */

export interface WebContentsLike {
  id: number;
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): void;
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, validatedUrl: string, isMainFrame: boolean) => void,
  ): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  isMinimized(): boolean;
  isVisible(): boolean;
  isFocused(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  hide(): void;
  moveTop(): void;
  flashFrame(flag: boolean): void;
  loadURL(url: string): Promise<void>;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): void;
  on(event: 'focus' | 'closed', listener: () => void): void;
}

export interface BrowserWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  webPreferences: { preload: string; contextIsolation: true; nodeIntegration: false; sandbox: true };
}

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): void;
}

export interface NotificationOptions {
  title: string;
  body: string;
  silent: boolean;
}

export interface NotificationConstructor {
  new (options: NotificationOptions): NotificationLike;
  isSupported(): boolean;
}

export interface MenuItemTemplate {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

export interface NativeImageLike {
  isEmpty(): boolean;
}

/** The Electron module as the main process receives it. */
export interface ElectronMain {
  app: {
    requestSingleInstanceLock(): boolean;
    whenReady(): Promise<void>;
    getPath(name: 'userData'): string;
    quit(): void;
    on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): void;
  };
  BrowserWindow: new (options: BrowserWindowOptions) => BrowserWindowLike;
  Notification: NotificationConstructor;
  Tray: new (image: NativeImageLike) => {
    setToolTip(text: string): void;
    setContextMenu(menu: unknown): void;
    on(event: 'click', listener: () => void): void;
  };
  Menu: { buildFromTemplate(template: MenuItemTemplate[]): unknown };
  nativeImage: { createFromBitmap(buffer: Buffer, options: { width: number; height: number }): NativeImageLike };
  ipcMain: { on(channel: string, listener: (event: { sender: { id: number } }, payload: unknown) => void): void };
}
