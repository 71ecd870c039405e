// Entry of the Electron main process (`npm run desktop`). Electron runs JavaScript only, so this
// file first bundles the TypeScript sources into agent-desktop/dist/main/, then starts them with
// Electron's own module. This is the only file that requires `electron` in the main process.
'use strict';

const path = require('node:path');
const electron = require('electron');
const { buildMainProcess } = require('./build-main-process.cjs');

const { desktopPath, preloadPath } = buildMainProcess(path.join(__dirname, '..', 'dist', 'main'));
const { startDesktop } = require(desktopPath);

startDesktop(electron, { preloadPath, argv: process.argv, env: process.env });
