// The DOM a view lays over its canvas: the failed state (what happened, a Reload button) and a
// transient hint. Styled inline so the view works in any page or shadow root without a stylesheet.
// All text goes through textContent.

/** Shown when the engine crashed: never a frozen canvas. */
export class FailurePanel {
  readonly element: HTMLDivElement;
  private readonly detail: HTMLParagraphElement;

  constructor(parent: HTMLElement, onReload: () => void) {
    const panel = document.createElement('div');
    panel.className = 'tumble-failure';
    panel.setAttribute('role', 'alert');
    Object.assign(panel.style, {
      position: 'absolute',
      inset: '0',
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'center',
      justifyContent: 'center',
      gap: '12px',
      padding: '24px',
      background: 'rgb(12 14 18 / 0.88)',
      color: '#e8ecf2',
      font: '14px/1.5 system-ui, sans-serif',
      textAlign: 'center',
    } satisfies Partial<CSSStyleDeclaration>);
    const title = document.createElement('strong');
    title.textContent = 'The physics engine stopped';
    title.style.fontSize = '17px';
    this.detail = document.createElement('p');
    Object.assign(this.detail.style, { margin: '0', maxWidth: '36em', color: '#b8c0cc' });
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tumble-reload';
    button.textContent = 'Reload';
    Object.assign(button.style, {
      font: 'inherit',
      padding: '6px 18px',
      borderRadius: '6px',
      border: '1px solid #4f8fd6',
      background: '#2a5d99',
      color: '#fff',
      cursor: 'pointer',
    } satisfies Partial<CSSStyleDeclaration>);
    button.addEventListener('click', onReload);
    panel.append(title, this.detail, button);
    parent.append(panel);
    this.element = panel;
    this.hide();
  }

  show(message: string): void {
    this.detail.textContent = message;
    this.element.hidden = false;
    this.element.style.display = 'flex';
  }

  hide(): void {
    this.element.hidden = true;
    this.element.style.display = 'none';
  }
}

/** A short message over the canvas that fades after a moment. */
export class Hint {
  private readonly element: HTMLDivElement;
  private timer = 0;

  constructor(parent: HTMLElement) {
    const hint = document.createElement('div');
    hint.className = 'tumble-hint';
    hint.setAttribute('aria-live', 'polite');
    Object.assign(hint.style, {
      position: 'absolute',
      left: '50%',
      bottom: '16px',
      transform: 'translateX(-50%)',
      padding: '6px 12px',
      borderRadius: '6px',
      background: 'rgb(12 14 18 / 0.8)',
      color: '#e8ecf2',
      font: '13px/1.4 system-ui, sans-serif',
      pointerEvents: 'none',
      opacity: '0',
      transition: 'opacity 200ms',
    } satisfies Partial<CSSStyleDeclaration>);
    parent.append(hint);
    this.element = hint;
  }

  show(text: string, ms = 1500): void {
    this.element.textContent = text;
    this.element.style.opacity = '1';
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => (this.element.style.opacity = '0'), ms);
  }

  destroy(): void {
    clearTimeout(this.timer);
  }
}
