import { reactive } from 'vue';
import { api, session } from './session';
import type { TagCatalogue, TagEntry } from './protocol';

/** The workspace's tag catalogue, deleted tags included: old threads still carry them and show their colours. */
export const tagCatalogue = reactive<TagCatalogue>({ freeTags: true, tags: [] });

export async function loadTags(): Promise<void> {
  if (!session.me) return;
  const loaded = await api<TagCatalogue>('GET', '/api/tags?includeDeleted=true').catch(() => null);
  if (loaded) Object.assign(tagCatalogue, loaded);
}

/** Only "#rrggbb" goes into a style, whatever the network said. */
const colourPattern = /^#[0-9a-fA-F]{6}$/;

/** The catalogue tag a thread's tag name stands for: its current name or one it had before a rename. */
export function tagEntry(name: string): TagEntry | undefined {
  return tagCatalogue.tags.find((t) => t.name === name) ?? tagCatalogue.tags.find((t) => t.formerNames.includes(name));
}

export const tagLabel = (name: string) => tagEntry(name)?.name ?? name;

export function tagStyle(name: string): Record<string, string> {
  const colour = tagEntry(name)?.colour;
  return colour && colourPattern.test(colour) ? { '--tag-colour': colour } : {};
}

/** Every name a filter by this tag matches. */
export function tagNames(name: string): string[] {
  const entry = tagEntry(name);
  return entry ? [entry.name, ...entry.formerNames] : [name];
}
