/**
 * `npm run build:renderer`: writes the renderer bundle to agent-desktop/dist/ (index.html and
 * assets/), for serving by any static web server. The platform server builds it in memory instead.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRendererBundle } from './bundle';

const distDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');

async function main(): Promise<void> {
  const bundle = await buildRendererBundle();

  await rm(distDir, { recursive: true, force: true });
  await mkdir(path.join(distDir, 'assets'), { recursive: true });
  await writeFile(path.join(distDir, 'index.html'), bundle.html);
  for (const [relative, file] of bundle.files) {
    await writeFile(path.join(distDir, relative), file.contents);
  }

  const sizes = [...bundle.files].map(([relative, file]) => `${relative} (${(file.contents.byteLength / 1024).toFixed(1)} KiB)`);
  console.log(`renderer written to ${distDir}:\n  index.html\n  ${sizes.join('\n  ')}`);
}

main().catch((error: unknown) => {
  console.error('renderer build failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
