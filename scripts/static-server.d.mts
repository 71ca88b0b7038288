// Types for scripts/static-server.mjs (imported by the e2e global setup).
import type { Server } from 'node:http';

export const STRICT_CSP: string;
export function serveStatic(root: string, port?: number): Promise<{ url: string; server: Server }>;
