import { watch } from 'vue';
import { api, apiBlob, session } from '../../session';
import type { AttachedFile } from '../../protocol';

/** Only these show inline; any other file, SVG included, is a link that downloads. */
export const inlineImages = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

const urls = new Map<string, Promise<string>>();

// Files opened stay in memory while their page lives; signing out lets them go, so the next person at the browser
// cannot reach them either.
watch(() => session.me, (me) => {
  if (me) return;
  for (const url of urls.values()) void url.then((address) => URL.revokeObjectURL(address), () => undefined);
  urls.clear();
});

/** A blob: address of the file's bytes, fetched once per page with the access token. */
export function fileUrl(attachmentId: string): Promise<string> {
  let url = urls.get(attachmentId);
  if (!url) {
    url = apiBlob(`/api/attachments/${attachmentId}`).then((blob) => URL.createObjectURL(blob));
    url.catch(() => urls.delete(attachmentId));
    urls.set(attachmentId, url);
  }
  return url;
}

export function upload(conversationId: string, file: File): Promise<AttachedFile> {
  return api<AttachedFile>('POST', `/api/conversations/${conversationId}/attachments?name=${encodeURIComponent(file.name)}`, file);
}

export function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
