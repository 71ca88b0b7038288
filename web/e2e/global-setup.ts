// Builds the demo when dist-site/ is older than its sources, serves it with Vite's preview server
// on 127.0.0.1 and a free port, and hands the URL to the tests (`inject('baseUrl')`). Likewise
// builds the library into dist/ and serves it, the examples and the test pages as plain static
// files (`inject('staticUrl')`; under /csp/ with a strict Content-Security-Policy).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/static-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    staticUrl: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const configFile = join(root, 'vite.config.js');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether `built` is missing or older than any of `sources`. */
function isStale(built: string, sources: string[]): boolean {
  if (!existsSync(built)) return true;
  const present = sources.map((p) => join(root, p)).filter(existsSync);
  return Math.max(...present.map(newest)) > statSync(built).mtimeMs;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (isStale(join(root, 'dist-site', 'index.html'), ['index.html', 'vite.config.js', 'web/src', 'web/pkg'])) {
    console.log('e2e: building the demo into dist-site/');
    await build({ configFile, logLevel: 'warn' });
  }
  if (isStale(join(root, 'dist', 'tumble.js'), ['vite.lib.config.js', 'tsconfig.lib.json', 'web/src', 'web/pkg'])) {
    console.log('e2e: building the library into dist/');
    const lib = spawnSync(process.execPath, [join(root, 'scripts', 'build-lib.mjs')], { cwd: root, stdio: 'inherit' });
    if (lib.status !== 0) throw new Error('the library build (scripts/build-lib.mjs) failed');
  }
  const server = await preview({ configFile, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, open: false } });
  const { port } = server.httpServer.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}/`);
  const files = await serveStatic(root);
  project.provide('staticUrl', files.url);
  return async () => {
    await server.close();
    await new Promise((resolve) => files.server.close(resolve));
  };
}
