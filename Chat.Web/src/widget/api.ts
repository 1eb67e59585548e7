import type { AttachedFile, LiveEvent, QueuePlace, SentMessage, VisitorConversation, WidgetSession, WidgetSettings } from './protocol';
import { ChatProblem, problemFrom } from '../shared/problems';
import type { WidgetStorage } from './storage';
import type { WidgetConfig } from './config';

interface StoredToken {
  token: string;
  expiresAt: string;
}

const renewBeforeExpiryMs = 5 * 60 * 1000;

/**
 * The visitor API over HTTP. It holds the visitor token: renewed with the previous one shortly before it expires or
 * when the service answers 401, so the visitor keeps their conversation whatever the token's age.
 */
export class VisitorApi {
  private pendingSession: Promise<string> | null = null;

  constructor(
    private readonly config: WidgetConfig,
    private readonly storage: WidgetStorage,
  ) {}

  get hasSession(): boolean {
    return this.storage.read<StoredToken>('token') !== null;
  }

  settings(): Promise<WidgetSettings> {
    const query = new URLSearchParams({ widgetKey: this.config.widgetKey });
    if (this.config.group) query.set('group', this.config.group);
    return this.request<WidgetSettings>('GET', `api/widget/settings?${query}`, undefined, false);
  }

  /** A token valid for a while yet: the stored one, or a new one that keeps the same visitor. */
  token(): Promise<string> {
    const stored = this.storage.read<StoredToken>('token');
    if (stored && Date.parse(stored.expiresAt) - Date.now() > renewBeforeExpiryMs) return Promise.resolve(stored.token);
    return this.renew();
  }

  /** Starts or renews the session; name and email, when given, travel with it. */
  renew(contact: { name?: string; email?: string } = {}): Promise<string> {
    this.pendingSession ??= this.startSession(contact).finally(() => (this.pendingSession = null));
    return this.pendingSession;
  }

  conversation(): Promise<VisitorConversation | null> {
    return this.request<VisitorConversation>('GET', 'api/visitor/conversation').catch((problem) => {
      if (problem instanceof ChatProblem && problem.status === 404) return null;
      throw problem;
    });
  }

  queuePlace(): Promise<QueuePlace | null> {
    return this.request<QueuePlace>('GET', 'api/visitor/queue').catch((problem) => {
      if (problem instanceof ChatProblem && problem.status === 404) return null;
      throw problem;
    });
  }

  /** A thread's facts after a version, in the live push's shape: catch-up when the hub is not connected. */
  events(threadId: string, after: number): Promise<LiveEvent[]> {
    return this.request<LiveEvent[]>('GET', `api/visitor/events?threadId=${encodeURIComponent(threadId)}&after=${after}`);
  }

  send(text: string, clientMessageId: string, files: AttachedFile[] = []): Promise<SentMessage> {
    const attachmentIds = files.length > 0 ? files.map((f) => f.attachmentId) : undefined;
    return this.request<SentMessage>('POST', 'api/visitor/messages', { text, clientMessageId, attachmentIds });
  }

  /** Uploads a file as it is (its bytes the body, its type the Content-Type); a message then carries it by id. */
  upload(file: File): Promise<AttachedFile> {
    return this.request<AttachedFile>('POST', `api/visitor/attachments?name=${encodeURIComponent(file.name)}`, file);
  }

  /** A file of the conversation, fetched with the token (an address alone would not carry it). */
  async file(attachmentId: string): Promise<Blob> {
    const response = await this.fetchAs('GET', `api/visitor/attachments/${encodeURIComponent(attachmentId)}`, undefined, true);
    if (!response.ok) throw await problemFrom(response);
    return response.blob();
  }

  markRead(upToVersion: number): Promise<unknown> {
    return this.request('POST', 'api/visitor/read', { upToVersion });
  }

  rate(score: number, comment: string): Promise<unknown> {
    return this.request('POST', 'api/visitor/rating', { score, comment: comment || null });
  }

  leaveContact(email: string, name: string): Promise<unknown> {
    return this.request('PUT', 'api/visitor/contact', { email, name: name || null });
  }

  private async startSession(contact: { name?: string; email?: string }): Promise<string> {
    const previous = this.storage.read<StoredToken>('token');
    // A signed identity covers the name and email the page gave: the visitor's own entries would void the signature.
    const identity = this.config.identity;
    const session = await this.request<WidgetSession>('POST', 'api/widget/sessions', {
      widgetKey: this.config.widgetKey,
      previousToken: previous?.token ?? null,
      name: (identity ? null : contact.name) || this.config.visitorName || null,
      email: (identity ? null : contact.email) || this.config.visitorEmail || null,
      identity,
      group: this.config.group || null,
      source: 'widget',
    }, false);
    this.storage.write('token', { token: session.visitorToken, expiresAt: session.expiresAt } satisfies StoredToken);
    return session.visitorToken;
  }

  private async request<T>(method: string, path: string, body?: unknown, authorized = true): Promise<T> {
    const response = await this.fetchAs(method, path, body, authorized);
    if (!response.ok) throw await problemFrom(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** A request with the token, renewed once after a 401; a Blob body goes as it is, anything else as JSON. */
  private async fetchAs(method: string, path: string, body: unknown, authorized: boolean): Promise<Response> {
    const raw = body instanceof Blob;
    const attempt = async (token: string | null) => {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = raw ? body.type || 'application/octet-stream' : 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      try {
        return await fetch(new URL(path, this.config.baseUrl), {
          method,
          headers,
          body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
          credentials: 'omit',
          mode: 'cors',
        });
      } catch (error) {
        throw new ChatProblem(0, 'No connection', error instanceof Error ? error.message : String(error));
      }
    };

    let response = await attempt(authorized ? await this.token() : null);
    if (response.status === 401 && authorized) response = await attempt(await this.renew());
    return response;
  }
}
