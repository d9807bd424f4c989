/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in tests */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'leverage-server-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function start(
  opts: ServerOptions & { dataDir: string },
): Promise<RunningServer & { base: string }> {
  const s = await startServer({ warm: false, ...opts, port: 0, host: '127.0.0.1' });
  return { ...s, base: s.url.replace(/\/$/, '') };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export async function call<T = any>(
  base: string,
  path: string,
  init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const r = await fetch(base + path, {
    method: init.method ?? (body !== undefined ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await r.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: r.status, body: parsed as T, headers: r.headers, text };
}

/** Read a server-sent event stream to its end: [{event, data}]. */
export async function readEvents(url: string, timeoutMs = 60_000): Promise<{ event: string; data: any }[]> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  const r = await fetch(url, { signal: ctl.signal });
  const out: { event: string; data: any }[] = [];
  const text = await r.text();
  clearTimeout(timer);
  for (const block of text.split('\n\n')) {
    const ev = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (ev && data) out.push({ event: ev, data: JSON.parse(data) });
  }
  return out;
}
