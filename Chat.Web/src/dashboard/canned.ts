import { computed, ref, type Ref } from 'vue';
import { api } from './session';
import type { CannedResponse, RenderedCannedResponse } from './protocol';

/** The canned responses this agent may use (shared and their own), read once and again after a change. */
export const cannedResponses = ref<CannedResponse[]>([]);

export async function loadCannedResponses(): Promise<void> {
  cannedResponses.value = await api<CannedResponse[]>('GET', '/api/canned-responses').catch(() => cannedResponses.value);
}

/** "/" and a shortcut's start at the end of the draft, after a space or at its beginning. */
const trigger = /(^|\s)\/([\p{L}\p{N}_-]*)$/u;

/**
 * The reply box's suggestions: typing "/" and the start of a shortcut lists the matching responses; arrows move,
 * Enter or Tab inserts the chosen one with its placeholders filled by the service, Escape closes the list.
 */
export function useCannedSuggestions(draft: Ref<string>, conversationId: () => string, onError: (message: string) => void) {
  const active = ref(0);
  const dismissed = ref<string | null>(null);
  const query = computed(() => trigger.exec(draft.value)?.[2]?.toLowerCase() ?? null);
  const matches = computed(() => {
    const q = query.value;
    if (q === null || dismissed.value === draft.value) return [];
    return cannedResponses.value
      .filter((r) => r.shortcut.startsWith(q) || r.title.toLowerCase().includes(q))
      .sort((a, b) => Number(!a.shortcut.startsWith(q)) - Number(!b.shortcut.startsWith(q)) || a.shortcut.localeCompare(b.shortcut))
      .slice(0, 8);
  });
  const open = computed(() => matches.value.length > 0);

  async function pick(index: number) {
    const chosen = matches.value[index];
    if (!chosen) return;
    try {
      const rendered = await api<RenderedCannedResponse>('GET', `/api/conversations/${conversationId()}/canned-responses/${chosen.id}`);
      draft.value = draft.value.replace(trigger, (_, space: string) => `${space}${rendered.text}`);
      active.value = 0;
    } catch (problem) {
      onError((problem as Error).message);
    }
  }

  /** Handles the keys the list owns while it is open; true when the key was its. */
  function keydown(event: KeyboardEvent): boolean {
    if (!open.value) return false;
    const count = matches.value.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active.value = (active.value + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      void pick(Math.min(active.value, count - 1));
    } else if (event.key === 'Escape') {
      dismissed.value = draft.value;
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  return { matches, open, active, pick, keydown };
}
