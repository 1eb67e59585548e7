/**
 * The widget's own style sheet, inside its shadow root. `:host` declarations are !important because, for important
 * declarations, the shadow tree wins over the host page's: a page rule on `chat-widget` or `*` cannot hide or move it.
 * `all: initial` stops the page's inherited font, colour and spacing at the boundary.
 */
export function styles(colour: string, position: 'left' | 'right'): string {
  return `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  ${position}: 20px !important;
  bottom: 20px !important;
  z-index: 2147483000 !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  width: auto !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
}
* { box-sizing: border-box; }
.root {
  --accent: ${colour};
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1b1f24;
  letter-spacing: normal; word-spacing: normal; text-transform: none; text-align: left; text-indent: 0;
  direction: ltr; white-space: normal;
}
button, textarea, input { font: inherit; color: inherit; letter-spacing: inherit; text-transform: none; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.launcher {
  position: relative; display: flex; align-items: center; justify-content: center;
  width: 60px; height: 60px; border: 0; border-radius: 50%; margin: 0; padding: 0;
  background: var(--accent); color: #fff; box-shadow: 0 6px 20px rgba(0,0,0,.25);
}
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.launcher[hidden] { display: none; }
.badge {
  position: absolute; top: -4px; ${position === 'left' ? 'left' : 'right'}: -4px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #d4351c; color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; text-align: center;
}
.badge[hidden] { display: none; }
.broken {
  display: inline-flex; align-items: center; gap: 6px; padding: 8px 12px; border-radius: 18px;
  background: #f3f2f1; color: #505a5f; font-size: 13px; box-shadow: 0 2px 8px rgba(0,0,0,.15);
}

.panel {
  position: absolute; bottom: 0; ${position}: 0; display: flex; flex-direction: column;
  width: 370px; height: min(600px, calc(100vh - 40px)); background: #fff; border-radius: 14px; overflow: hidden;
  box-shadow: 0 12px 40px rgba(0,0,0,.28);
}
.panel[hidden] { display: none; }
.header { display: flex; align-items: center; gap: 10px; padding: 14px 16px; background: var(--accent); color: #fff; }
.header .titles { flex: 1; min-width: 0; }
.header h2 { margin: 0; font-size: 16px; font-weight: 650; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.header .status { font-size: 13px; opacity: .92; }
.close { border: 0; background: transparent; color: #fff; width: 36px; height: 36px; border-radius: 50%; font-size: 22px; line-height: 1; }
.close:hover { background: rgba(255,255,255,.18); }

.banner { padding: 8px 16px; font-size: 13px; background: #fff4e5; color: #5c3c00; border-bottom: 1px solid #f0dcc0; }
.banner[hidden] { display: none; }
.banner.offline { background: #f3f2f1; color: #383f43; }

.log { flex: 1; overflow-y: auto; padding: 14px 14px 6px; display: flex; flex-direction: column; gap: 6px; background: #f7f8fa; }
.msg { max-width: 82%; display: flex; flex-direction: column; }
.msg.mine { align-self: flex-end; align-items: flex-end; }
.msg.theirs { align-self: flex-start; align-items: flex-start; }
.author { font-size: 12px; color: #505a5f; margin: 0 4px 2px; }
.bubble { padding: 8px 12px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
.mine .bubble { background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
.theirs .bubble { background: #fff; border: 1px solid #dde1e6; border-bottom-left-radius: 4px; }
.mine .bubble a { color: #fff; }
.theirs .bubble a { color: #1d4ed8; }
.msg.deleted .bubble { font-style: italic; background: transparent; color: #505a5f; border: 1px dashed #b1b4b6; }
.msg.pending .bubble, .msg.queued .bubble { opacity: .7; }
.msg.failed .bubble { background: #fde8e6; color: #6b1a0f; border: 1px solid #d4351c; }
.meta { font-size: 12px; color: #505a5f; margin: 2px 4px 0; display: flex; gap: 6px; align-items: center; }
.meta button { border: 0; background: none; color: #1d4ed8; padding: 0; text-decoration: underline; font-size: 12px; }
.notice { align-self: center; text-align: center; font-size: 12px; color: #505a5f; padding: 2px 10px; }
.notice.divider { width: 100%; border-top: 1px solid #dde1e6; padding-top: 8px; margin-top: 6px; }
.typing { min-height: 20px; padding: 0 16px 4px; font-size: 12px; color: #505a5f; background: #f7f8fa; }

.card { margin: 8px 0; padding: 12px; border-radius: 12px; background: #fff; border: 1px solid #dde1e6; align-self: stretch; }
.card h3 { margin: 0 0 6px; font-size: 15px; }
.card p { margin: 0 0 8px; font-size: 13px; color: #383f43; }
.field { display: flex; flex-direction: column; gap: 3px; margin-bottom: 8px; font-size: 13px; }
.field input, .field textarea { padding: 8px 10px; border: 1px solid #8a9096; border-radius: 8px; background: #fff; }
.primary { border: 0; border-radius: 8px; padding: 9px 14px; background: var(--accent); color: #fff; font-weight: 600; }
.secondary { border: 1px solid var(--accent); border-radius: 8px; padding: 8px 14px; background: #fff; color: var(--accent); font-weight: 600; }
.stars { display: flex; gap: 4px; margin-bottom: 8px; border: 0; padding: 0; }
.stars legend { font-size: 13px; margin-bottom: 4px; padding: 0; }
.stars button { width: 38px; height: 38px; border-radius: 8px; border: 1px solid #8a9096; background: #fff; font-size: 18px; color: #8a9096; }
.stars button[aria-checked="true"] { background: #fff4e5; border-color: #b36b00; color: #b36b00; }
.card .error, .error { color: #b3261e; font-size: 13px; margin: 4px 0; }
.error[hidden] { display: none; }

.composer { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px; border-top: 1px solid #dde1e6; background: #fff; }
.composer textarea {
  flex: 1; resize: none; min-height: 40px; max-height: 120px; padding: 9px 12px; border: 1px solid #8a9096; border-radius: 10px;
  background: #fff; line-height: 1.35;
}
.composer .attach { height: 40px; width: 36px; padding: 0; border: 1px solid #dde1e6; border-radius: 10px; background: #fff; color: #505a5f; cursor: pointer; display: grid; place-items: center; }
.clip { width: 18px; height: 18px; flex: none; }
.file { display: inline-flex; gap: 4px; align-items: center; }
.files { display: flex; flex-direction: column; gap: 4px; margin-top: 4px; }
.file-image { display: block; max-width: 220px; max-height: 220px; border-radius: 12px; border: 1px solid #dde1e6; background: #f3f2f1; }
.file { color: #1d4ed8; overflow-wrap: anywhere; }
.composer .send { height: 40px; padding: 0 14px; border: 0; border-radius: 10px; background: var(--accent); color: #fff; font-weight: 600; }
.composer[hidden] { display: none; }
.composer-error { padding: 0 12px 8px; background: #fff; }

@media (max-width: 480px) {
  .panel { position: fixed; inset: 0; width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; }
  /* 16px keeps phones from zooming into the field. */
  .composer textarea, .field input, .field textarea { font-size: 16px; }
}
`;
}
