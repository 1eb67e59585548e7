import type { WidgetStorage } from './storage';
import type { AttachedFile } from './protocol';

export interface Outgoing {
  clientMessageId: string;
  text: string;
  /** Already uploaded: the message carries them by id. */
  files?: AttachedFile[];
}

/**
 * The visitor's messages not yet acknowledged, in the order written, kept in storage so neither a drop nor a reload
 * loses one. Each keeps its client message id for every attempt, so the service stores it once however often it is sent.
 */
export class Outbox {
  private items: Outgoing[];

  constructor(private readonly storage: WidgetStorage) {
    this.items = storage.read<Outgoing[]>('outbox') ?? [];
  }

  get all(): readonly Outgoing[] {
    return this.items;
  }

  get first(): Outgoing | undefined {
    return this.items[0];
  }

  add(item: Outgoing): void {
    if (this.items.some((i) => i.clientMessageId === item.clientMessageId)) return;
    this.items.push(item);
    this.save();
  }

  remove(clientMessageId: string): void {
    this.items = this.items.filter((i) => i.clientMessageId !== clientMessageId);
    this.save();
  }

  private save(): void {
    if (this.items.length === 0) this.storage.remove('outbox');
    else this.storage.write('outbox', this.items);
  }
}

export function newClientMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a business site on plain http still gets 122 random bits.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
