/**
 * What the widget keeps in the host page's localStorage, under keys of its own widget key: the visitor token (so a
 * reload or a return days later finds the same conversation) and the messages not yet acknowledged (so none typed
 * offline is lost by a reload). Storage may be refused (private modes, sandboxed frames): then memory serves.
 */
export class WidgetStorage {
  private readonly memory = new Map<string, string>();

  constructor(
    private readonly widgetKey: string,
    private readonly person: string | null = null,
  ) {}

  read<T>(name: string): T | null {
    const raw = this.raw(name);
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  }

  write(name: string, value: unknown): void {
    const key = this.key(name);
    const raw = JSON.stringify(value);
    this.memory.set(key, raw);
    try {
      localStorage.setItem(key, raw);
    } catch {
      // Memory keeps it for this page's life.
    }
  }

  remove(name: string): void {
    const key = this.key(name);
    this.memory.delete(key);
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing stored there.
    }
  }

  private raw(name: string): string | null {
    const key = this.key(name);
    try {
      const stored = localStorage.getItem(key);
      if (stored !== null) return stored;
    } catch {
      // Fall back to memory.
    }
    return this.memory.get(key) ?? null;
  }

  private key(name: string): string {
    return this.person === null
      ? `chat-widget:${this.widgetKey}:${name}`
      : `chat-widget:${this.widgetKey}:person:${encodeURIComponent(this.person)}:${name}`;
  }
}
