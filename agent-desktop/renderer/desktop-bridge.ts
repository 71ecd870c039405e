/**
 * Calls the Electron shell through the bridge its preload script exposes. In a plain browser
 * the bridge is absent and the calls do nothing.
 */
import type { HotlineDesktopBridge, PopNotice } from '../shared/desktop-bridge';

declare global {
  interface Window {
    hotlineDesktop?: HotlineDesktopBridge;
  }
}

export function notifyDesktopOfPop(notice: PopNotice): void {
  try {
    window.hotlineDesktop?.notifyPop(notice);
  } catch (error) {
    // A broken shell must not stop the pop from showing in the page.
    console.error('hotlineDesktop.notifyPop failed', error);
  }
}
