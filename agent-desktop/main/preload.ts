/**
 * Preload script of the desktop window (context isolation and sandbox on). esbuild bundles it
 * into one file, because a sandboxed preload can require nothing but `electron`.
 */
import { exposeDesktopBridge, type PreloadElectron } from './preload-bridge';

exposeDesktopBridge(require('electron') as PreloadElectron);
