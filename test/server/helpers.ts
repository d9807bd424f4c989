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

export interface ServerEvent {
  event: string;
  data: any;
}

/** One block of a server-sent event stream (`event: ...\ndata: ...`), or null (a comment). */
function eventOf(block: string): ServerEvent | null {
  const event = /^event: (.*)$/m.exec(block)?.[1];
  const data = /^data: (.*)$/m.exec(block)?.[1];
  return event && data ? { event, data: JSON.parse(data) } : null;
}

/** Read a server-sent event stream to its end: [{event, data}]. */
export async function readEvents(url: string, timeoutMs = 60_000): Promise<ServerEvent[]> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  const r = await fetch(url, { signal: ctl.signal });
  const text = await r.text();
  clearTimeout(timer);
  return text
    .split('\n\n')
    .map(eventOf)
    .filter((e) => e !== null);
}

/**
 * Read a server-sent event stream until an event satisfies `until`, then close it: that event
 * (waits on the server's own events, not on a timer).
 */
export async function waitForEvent(
  url: string,
  until: (e: ServerEvent) => boolean,
  timeoutMs = 120_000,
): Promise<ServerEvent> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const r = await fetch(url, { signal: ctl.signal });
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of r.body!) {
      buf += decoder.decode(chunk, { stream: true });
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const e = eventOf(buf.slice(0, i));
        buf = buf.slice(i + 2);
        if (e && until(e)) return e;
      }
    }
    throw new Error(`${url}: the stream ended before the event waited for`);
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
}

/** Until a run's thread has started on it: its first progress event with progress > 0. */
export const runUnderWay = (base: string, id: string) =>
  waitForEvent(`${base}/api/runs/${id}/events`, (e) => e.event === 'progress' && e.data.progress > 0);
