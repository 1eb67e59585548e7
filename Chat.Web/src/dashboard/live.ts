import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { reactive } from 'vue';
import { renew, session } from './session';

type Handler = (payload: never) => void;

/** The agent hub: one connection for the whole app, reconnecting after any drop; views subscribe to its pushes. */
export const link = reactive({ state: 'disconnected' as 'connected' | 'reconnecting' | 'disconnected' });

const handlers = new Map<string, Set<Handler>>();
const watched = new Set<string>();
let connection: HubConnection | null = null;

function emit(name: string, payload: unknown): void {
  handlers.get(name)?.forEach((handler) => (handler as (p: unknown) => void)(payload));
}

export function on<T>(name: 'inbox' | 'waiting' | 'event' | 'typing' | 'presence' | 'queue' | 'reconnected', handler: (payload: T) => void): () => void {
  const set = handlers.get(name) ?? new Set<Handler>();
  set.add(handler as Handler);
  handlers.set(name, set);
  return () => set.delete(handler as Handler);
}

let handedToHub = '';
let connectedWith = '';
let dropped = false;

/**
 * The token for each (re)connection. The server closes a connection when its token expires or is revoked. The page
 * renews its token a minute before expiry, so a reconnect after an expiry usually finds a fresh one; a reconnect that
 * would present the very token the dropped connection had (revoked, say, by a role change) renews it first.
 */
async function hubToken(): Promise<string> {
  if ((dropped && session.accessToken === connectedWith) || session.expiresAt - Date.now() < 30_000) await renew();
  handedToHub = session.accessToken;
  return session.accessToken;
}

function opened(): void {
  connectedWith = handedToHub;
  dropped = false;
}

const delay = (attempt: number) => Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);

export async function connect(): Promise<void> {
  if (connection) return;
  connection = new HubConnectionBuilder()
    .withUrl('/hubs/agent', { accessTokenFactory: hubToken })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => delay(context.previousRetryCount) })
    .configureLogging(LogLevel.None)
    .build();
  for (const name of ['inbox', 'waiting', 'event', 'typing', 'presence', 'queue']) {
    connection.on(name, (payload: unknown) => emit(name, payload));
  }
  connection.onreconnecting(() => {
    dropped = true;
    link.state = 'reconnecting';
  });
  connection.onreconnected(async () => {
    opened();
    link.state = 'connected';
    // Watching is per connection: a new one watches again, then every view catches up on what it missed.
    for (const id of watched) await connection?.invoke('Watch', id).catch(() => undefined);
    emit('reconnected', null);
  });
  connection.onclose(() => {
    dropped = true;
    link.state = 'disconnected';
    // As a later attempt, so the views catch up on what they missed once it is open again.
    if (session.me) setTimeout(() => void start(1), delay(1));
  });
  await start();
}

async function start(attempt = 0): Promise<void> {
  if (!connection || connection.state !== HubConnectionState.Disconnected) return;
  try {
    await connection.start();
    opened();
    link.state = 'connected';
    for (const id of watched) await connection.invoke('Watch', id).catch(() => undefined);
    // Also on the first start: what a view read before the hub was open may have changed before its pushes could arrive.
    emit('reconnected', null);
  } catch {
    link.state = 'reconnecting';
    setTimeout(() => void start(attempt + 1), delay(attempt));
  }
}

export async function disconnect(): Promise<void> {
  watched.clear();
  const current = connection;
  connection = null;
  link.state = 'disconnected';
  await current?.stop();
}

export async function watch(conversationId: string): Promise<void> {
  watched.add(conversationId);
  if (connection?.state === HubConnectionState.Connected) await connection.invoke('Watch', conversationId);
}

export async function unwatch(conversationId: string): Promise<void> {
  watched.delete(conversationId);
  if (connection?.state === HubConnectionState.Connected) await connection.invoke('Unwatch', conversationId).catch(() => undefined);
}

export function invoke<T>(method: string, ...args: unknown[]): Promise<T> {
  if (!connection) return Promise.reject(new Error('Not connected'));
  return connection.invoke<T>(method, ...args);
}

export function signal(method: string, ...args: unknown[]): void {
  if (connection?.state === HubConnectionState.Connected) connection.send(method, ...args).catch(() => undefined);
}
