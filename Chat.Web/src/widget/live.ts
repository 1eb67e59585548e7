import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import type { LiveEvent, QueuePlace, TypingPush } from './protocol';
import { problemFromHubError } from '../shared/problems';

export interface LiveHandlers {
  event(e: LiveEvent): void;
  typing(push: TypingPush): void;
  queue(place: QueuePlace): void;
  /** Connected, first or again: the moment to catch up on what was missed. */
  connected(): Promise<void>;
  disconnected(): void;
}

/** Waits between attempts: quick at first, then every 30 s at most, with jitter so many visitors do not return at once. */
export function reconnectDelay(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * The visitor hub connection. It reconnects after any drop, for as long as the page lives; every (re)connection
 * is followed by a catch-up from the last version seen, so a drop loses nothing.
 */
export class LiveLink {
  private readonly connection: HubConnection;
  private starting: Promise<void> | null = null;
  private attempt = 0;
  private stopped = false;

  constructor(baseUrl: string, token: () => Promise<string>, private readonly handlers: LiveHandlers) {
    this.connection = new HubConnectionBuilder()
      // No cookies: the visitor is the bearer of their token, so another site cannot ride a visitor's session.
      .withUrl(new URL('hubs/visitor', baseUrl).href, { accessTokenFactory: token, withCredentials: false })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => reconnectDelay(context.previousRetryCount) })
      .configureLogging(LogLevel.None)
      .build();
    this.connection.on('event', (e: LiveEvent) => handlers.event(e));
    this.connection.on('typing', (push: TypingPush) => handlers.typing(push));
    this.connection.on('queue', (place: QueuePlace) => handlers.queue(place));
    this.connection.onreconnecting(() => handlers.disconnected());
    this.connection.onreconnected(() => void handlers.connected());
    // Automatic reconnection gives up only when it is told to; a close means start over by hand.
    this.connection.onclose(() => {
      handlers.disconnected();
      if (!this.stopped) this.retryLater();
    });
  }

  get connected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  start(): Promise<void> {
    this.stopped = false;
    this.starting ??= this.connect().finally(() => (this.starting = null));
    return this.starting;
  }

  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    try {
      return await this.connection.invoke<T>(method, ...args);
    } catch (error) {
      throw problemFromHubError(error);
    }
  }

  /** Fire and forget, for signals worth nothing once late (typing); answers whether it went out. */
  signal(method: string): boolean {
    if (!this.connected) return false;
    this.connection.send(method).catch(() => undefined);
    return true;
  }

  private async connect(): Promise<void> {
    if (this.connection.state !== HubConnectionState.Disconnected) return;
    try {
      await this.connection.start();
      this.attempt = 0;
      await this.handlers.connected();
    } catch {
      this.retryLater();
    }
  }

  private retryLater(): void {
    const delay = reconnectDelay(this.attempt++);
    setTimeout(() => void this.start(), delay);
  }
}
