/** One form of an HTML page, as a browser would submit it. */
export interface HtmlForm {
  readonly action: string;
  readonly method: 'GET' | 'POST';
  readonly inputs: readonly { readonly name: string; readonly type: string; readonly value: string }[];
  readonly buttons: readonly { readonly name: string; readonly value: string; readonly label: string }[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(
    /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g,
  )) {
    const name = (m[1] as string).toLowerCase();
    if (!(name in out)) out[name] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/**
 * The forms of a page, read the simple way a test needs: `<input>`s and submit `<button>`s inside
 * each `<form>`. Enough for sign-in and consent pages; not a general HTML parser.
 */
export function readForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[1] as string);
    const body = m[2] as string;
    const inputs = [...body.matchAll(/<input\b([^>]*)>/gi)].map((i) => {
      const a = attributes(i[1] as string);
      return { name: a.name ?? '', type: (a.type ?? 'text').toLowerCase(), value: a.value ?? '' };
    });
    const buttons = [...body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)]
      .map((b) => ({
        attrs: attributes(b[1] as string),
        label: decode((b[2] as string).replace(/<[^>]*>/g, '').trim()),
      }))
      .filter((b) => (b.attrs.type ?? 'submit').toLowerCase() === 'submit')
      .map((b) => ({ name: b.attrs.name ?? '', value: b.attrs.value ?? '', label: b.label }));
    forms.push({
      action: attrs.action ?? '',
      method: (attrs.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      inputs,
      buttons,
    });
  }
  return forms;
}
