/**
 * Builds the `window.hotlineDesktop` bridge the preload script exposes to the page. Only a
 * checked copy of each pop crosses to the main process, never the page's own object.
 */
import { POP_CHANNEL, type HotlineDesktopBridge } from '../shared/desktop-bridge';
import { parsePopNotice } from './pop-notice';

export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: { send(channel: string, payload: unknown): void };
}

export function exposeDesktopBridge({ contextBridge, ipcRenderer }: PreloadElectron): HotlineDesktopBridge {
  const bridge: HotlineDesktopBridge = {
    notifyPop(notice) {
      const checked = parsePopNotice(notice);
      if (checked) ipcRenderer.send(POP_CHANNEL, checked);
    },
  };
  contextBridge.exposeInMainWorld('hotlineDesktop', bridge);
  return bridge;
}
