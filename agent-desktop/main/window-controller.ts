/**
 * Screen-pop handling in the main process: raising the desktop window above other programs and
 * showing a native notification with the caller's number. Electron's classes are passed in, so
 * this logic runs in tests without the Electron binary.
 */
import type { PopNotice } from '../shared/desktop-bridge';
import type { BrowserWindowLike, NotificationConstructor, NotificationLike } from './electron-api';
import { describePopNotice } from './pop-notice';

/** Calls remembered to skip a second notification, e.g. when the page reloads during ringing. */
const REMEMBERED_CALLS = 50;

export interface PopHandlerOptions {
  getWindow(): BrowserWindowLike | null;
  Notification: NotificationConstructor;
}

/** Shows, restores and focuses the window, and flashes its taskbar entry if focus was denied. */
export function bringToFront(window: BrowserWindowLike): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.moveTop();
  window.focus();
  // Some window managers deny focus to a program in the background, but the flash still shows.
  if (!window.isFocused()) window.flashFrame(true);
}

/** Returns the handler for pops from the renderer. Each call id raises the window and notifies once. */
export function createPopHandler(options: PopHandlerOptions): (notice: PopNotice) => void {
  const notifiedCalls: string[] = [];
  // Electron drops a notification's click handler when the object is garbage-collected.
  let lastNotification: NotificationLike | null = null;

  return (notice) => {
    if (notifiedCalls.includes(notice.callId)) return;
    notifiedCalls.push(notice.callId);
    if (notifiedCalls.length > REMEMBERED_CALLS) notifiedCalls.shift();

    const window = options.getWindow();
    if (window) bringToFront(window);

    if (!options.Notification.isSupported()) return;
    const notification = new options.Notification({ ...describePopNotice(notice), silent: false });
    notification.on('click', () => {
      const current = options.getWindow();
      if (current) bringToFront(current);
    });
    notification.show();
    lastNotification = notification;
  };
}
