/**
 * The bridge between the renderer and the Electron main process. The preload script exposes
 * `window.hotlineDesktop` with this shape. In a plain browser the object is absent.
 */

/** What the main process needs from a screen pop to raise the window and notify the agent. */
export interface PopNotice {
  callId: string;
  callerNumber: string;
  /** Enterprise name when the number matched one, else null. */
  enterpriseName: string | null;
  /** Chinese label of the caller's IVR choice. */
  ivrChoiceLabel: string;
  repeatCaller: boolean;
}

export interface HotlineDesktopBridge {
  /** Bring the desktop window to the front and show a native notification for this pop. */
  notifyPop(notice: PopNotice): void;
}

/** IPC channel the preload script sends pops on. */
export const POP_CHANNEL = 'hotline:pop';
