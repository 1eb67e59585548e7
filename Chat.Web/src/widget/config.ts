import { languageOf, type Language } from './strings';

/** What the business wrote on the script tag. */
export interface WidgetConfig {
  baseUrl: string;
  widgetKey: string;
  group: string | null;
  language: Language;
  position: 'right' | 'left';
  colour: string;
  visitorName: string | null;
  visitorEmail: string | null;
  /** Who the business's backend says the visitor is, with its signature over id, email and name (see the README). */
  identity: { externalId: string; signature: string } | null;
  /** Ask for name and email before the first message. */
  preChatForm: boolean;
}

const defaultColour = '#1f5eff';

export function readConfig(script: HTMLScriptElement): WidgetConfig {
  const data = script.dataset;
  return {
    // Everything the widget calls lives next to widget.js, wherever the service is mounted.
    baseUrl: new URL('.', script.src).href,
    widgetKey: (data.widgetKey ?? '').trim(),
    group: data.group?.trim() || null,
    language: languageOf(data.language ?? navigator.language),
    position: data.position === 'left' ? 'left' : 'right',
    colour: safeColour(data.colour ?? data.color),
    visitorName: data.visitorName?.trim() || null,
    visitorEmail: data.visitorEmail?.trim() || null,
    identity: data.visitorId && data.visitorSignature
      ? { externalId: data.visitorId, signature: data.visitorSignature.trim() }
      : null,
    preChatForm: data.prechat === 'true' || data.prechat === '',
  };
}

/** Only a plain hex colour reaches the style sheet, so an attribute cannot inject CSS. */
function safeColour(value: string | undefined): string {
  return value && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value.trim()) ? value.trim() : defaultColour;
}
