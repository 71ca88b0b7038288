// The friendly error panel: what went wrong (code, message, JSON path), dismissable.

import type { TumbleError } from '../../internal/errors';
import { el } from './dom';

export class ErrorPanel {
  readonly element: HTMLElement;
  private readonly title = el('strong', { class: 'error-title' });
  private readonly code = el('code', { class: 'error-code' });
  private readonly message = el('p', { class: 'error-message' });
  private readonly path = el('p', { class: 'error-path' });

  constructor(parent: HTMLElement) {
    const close = el('button', { type: 'button', class: 'error-close', 'aria-label': 'Dismiss', title: 'Dismiss (Esc)', text: '×' });
    close.addEventListener('click', () => this.hide());
    this.element = el(
      'section',
      { class: 'error-panel', role: 'alert', hidden: true },
      el('div', { class: 'error-head' }, this.title, this.code, close),
      this.message,
      this.path,
    );
    parent.append(this.element);
  }

  /** Shows `error` under a title saying what was being attempted. */
  show(title: string, error: TumbleError): void {
    this.title.textContent = title;
    this.code.textContent = error.code;
    this.message.textContent = error.message;
    this.path.hidden = !error.path;
    this.path.textContent = error.path ? `at ${error.path}` : '';
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }

  get visible(): boolean {
    return !this.element.hidden;
  }
}
