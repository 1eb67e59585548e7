import type { Strings } from '../strings';
import { h } from './dom';

let fieldIds = 0;

function field(label: string, input: HTMLInputElement | HTMLTextAreaElement): HTMLElement {
  input.id = `chat-field-${++fieldIds}`;
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
}

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** A small form inside the transcript; its submit reports errors in place and keeps what was typed. */
function card(title: string, intro: string | null, fields: HTMLElement[], submitLabel: string,
  submit: (form: HTMLFormElement, showError: (message: string | null) => void) => Promise<void>): HTMLFormElement {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const form = h('form', { class: 'card', novalidate: true }, h('h3', {}, title), intro ? h('p', {}, intro) : null, ...fields, error, button);
  const showError = (message: string | null) => {
    error.textContent = message ?? '';
    error.hidden = message === null;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    submit(form, showError).finally(() => (button.disabled = false));
  });
  return form;
}

export function preChatCard(t: Strings, known: { name: string | null; email: string | null },
  start: (name: string, email: string) => Promise<void>): HTMLFormElement {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: '200', value: known.name ?? undefined });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: '200', required: true, value: known.email ?? undefined });
  return card(t.preChatTitle, t.preChatIntro, [field(t.name, name), field(t.email, email)], t.startChat, async (_, showError) => {
    if (!looksLikeEmail(email.value.trim())) return showError(t.emailNeeded);
    showError(null);
    await start(name.value.trim(), email.value.trim());
  });
}

/** No agent is there: the visitor leaves their email and a message, which agents find in their inbox. */
export function awayCard(t: Strings, known: { name: string | null; email: string | null },
  leave: (name: string, email: string, message: string) => Promise<string | null>): HTMLFormElement {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: '200', value: known.name ?? undefined });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: '200', required: true, value: known.email ?? undefined });
  const message = h('textarea', { name: 'message', rows: '4', required: true });
  return card(t.awayTitle, t.awayIntro, [field(t.email, email), field(t.name, name), field(t.message, message)], t.leaveMessage,
    async (_, showError) => {
      if (!looksLikeEmail(email.value.trim())) return showError(t.emailNeeded);
      if (message.value.trim() === '') return showError(t.invalid(t.message));
      showError(await leave(name.value.trim(), email.value.trim(), message.value));
    });
}

/** After a missed chat: the visitor leaves an address to be answered at. */
export function contactCard(t: Strings, known: { name: string | null; email: string | null },
  save: (name: string, email: string) => Promise<string | null>): HTMLFormElement {
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: '200', value: known.name ?? undefined });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: '200', required: true, value: known.email ?? undefined });
  return card(t.missed, t.contactIntro, [field(t.email, email), field(t.name, name)], t.saveContact, async (_, showError) => {
    if (!looksLikeEmail(email.value.trim())) return showError(t.emailNeeded);
    showError(await save(name.value.trim(), email.value.trim()));
  });
}

/** A closed chat: 1 to 5 stars and a comment, then a way to start again. */
export function ratingCard(t: Strings, rate: (score: number, comment: string) => Promise<string | null>): HTMLFormElement {
  let score = 0;
  const stars = Array.from({ length: 5 }, (_, i) => {
    const star = h('button', { type: 'button', role: 'radio', 'aria-checked': 'false', 'aria-label': t.rateStar(i + 1), 'data-score': String(i + 1) }, '★');
    star.addEventListener('click', () => {
      score = i + 1;
      stars.forEach((s, j) => s.setAttribute('aria-checked', String(j < score)));
    });
    return star;
  });
  const group = h('div', { class: 'stars', role: 'radiogroup', 'aria-label': t.rateTitle }, ...stars);
  const comment = h('textarea', { name: 'comment', rows: '2', maxlength: '1000' });
  return card(t.rateTitle, null, [group, field(t.rateComment, comment)], t.rateSubmit, async (_, showError) => {
    if (score === 0) return showError(t.rateTitle);
    showError(await rate(score, comment.value.trim()));
  });
}
