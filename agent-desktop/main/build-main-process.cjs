// Bundles the TypeScript main process (desktop.ts) and preload script (preload.ts) into
// CommonJS files that Electron can run. `electron` stays external: Electron provides it.
'use strict';

const path = require('node:path');
const esbuild = require('esbuild');

/** Writes desktop.cjs and preload.cjs into `outdir` and returns their paths. */
function buildMainProcess(outdir) {
  esbuild.buildSync({
    entryPoints: {
      desktop: path.join(__dirname, 'desktop.ts'),
      preload: path.join(__dirname, 'preload.ts'),
    },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning',
  });
  return {
    desktopPath: path.join(outdir, 'desktop.cjs'),
    preloadPath: path.join(outdir, 'preload.cjs'),
  };
}

module.exports = { buildMainProcess };
