import { readConfig } from './config';
import { ChatWidget } from './widget';

/** The custom element the script tag adds; everything it shows lives in its shadow root, apart from the host page. */
class ChatWidgetElement extends HTMLElement {
  private widget: ChatWidget | null = null;

  mount(script: HTMLScriptElement): void {
    if (this.widget) return;
    this.widget = new ChatWidget(this.attachShadow({ mode: 'open' }), readConfig(script));
    void this.widget.start();
  }
}

const script = document.currentScript;
if (!(script instanceof HTMLScriptElement)) {
  console.error('[chat] Load widget.js with a plain <script src="…/widget.js" data-widget-key="…" async> tag.');
} else if (!customElements.get('chat-widget')) {
  customElements.define('chat-widget', ChatWidgetElement);
  const element = document.createElement('chat-widget') as ChatWidgetElement;
  const attach = () => {
    document.body.append(element);
    element.mount(script);
  };
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
}
