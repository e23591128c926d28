const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Project names may hold `&'(),:@+`; everything from Atlas or the config is escaped. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Markup that is already safe: made only by `html` (or `raw` for our own constants). */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolated = SafeHtml | string | number | undefined | readonly Interpolated[];

function fragment(value: Interpolated): string {
  if (value instanceof SafeHtml) return value.text;
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map(fragment).join('');
  return escapeHtml(value);
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so nothing from
 * Atlas or the config can reach the page unescaped by forgetting a call.
 */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += fragment(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Our own constant markup (the stylesheet), never anything from outside. */
export const raw = (text: string): SafeHtml => new SafeHtml(text);
