/**
 * Builds the renderer with esbuild into memory: one JS and one CSS file named by content hash,
 * plus the index.html that loads them. Nothing in the output refers to another host.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const desktopRoot = path.dirname(fileURLToPath(import.meta.url));

/** Entry module and stylesheet of the renderer. */
export const RENDERER_ENTRIES = [path.join(desktopRoot, 'renderer', 'main.tsx'), path.join(desktopRoot, 'renderer', 'styles.css')];

/** Folder under the page's URL that contains the JS and CSS. */
export const ASSET_PREFIX = 'assets';

export interface BundleFile {
  contents: Uint8Array;
  contentType: string;
}

export interface RendererBundle {
  html: string;
  /** Built files by their path under the page's URL, e.g. `assets/main-AB12CD34.js`. */
  files: Map<string, BundleFile>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Throws esbuild's error, which lists every failing file and line, when the build fails. */
export async function buildRendererBundle(): Promise<RendererBundle> {
  const outdir = path.join(desktopRoot, 'dist', ASSET_PREFIX);
  const result = await esbuild.build({
    entryPoints: RENDERER_ENTRIES,
    bundle: true,
    write: false,
    outdir,
    entryNames: '[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    charset: 'utf8',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });

  const files = new Map<string, BundleFile>();
  let script: string | null = null;
  let stylesheet: string | null = null;
  for (const output of result.outputFiles) {
    const relative = `${ASSET_PREFIX}/${path.basename(output.path)}`;
    const extension = path.extname(output.path);
    files.set(relative, { contents: output.contents, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream' });
    if (extension === '.js') script = relative;
    if (extension === '.css') stylesheet = relative;
  }
  if (!script || !stylesheet) throw new Error(`renderer build produced no ${script ? 'CSS' : 'JS'} file`);

  return { html: renderIndexHtml(script, stylesheet), files };
}

/** Renders the page shell. Asset paths are relative, so the router works under any mount path ending in "/". */
function renderIndexHtml(script: string, stylesheet: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>民权县12345坐席工作台</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${stylesheet}">
<script type="module" src="${script}"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;
}
