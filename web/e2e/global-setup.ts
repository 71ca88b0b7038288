// Builds the demo when dist-site/ is older than its sources, serves it with Vite's preview server
// on 127.0.0.1 and a free port, and hands the URL to the tests (`inject('baseUrl')`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const configFile = join(root, 'vite.config.js');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function siteIsStale(): boolean {
  const built = join(root, 'dist-site', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['index.html', 'vite.config.js', 'web/src', 'web/pkg'].map((p) => join(root, p)).filter(existsSync);
  return Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (siteIsStale()) {
    console.log('e2e: building the demo into dist-site/');
    await build({ configFile, logLevel: 'warn' });
  }
  const server = await preview({ configFile, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, open: false } });
  const { port } = server.httpServer.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}/`);
  return () => server.close();
}
