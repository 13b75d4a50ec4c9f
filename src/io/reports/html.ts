/** Pieces every HTML report shares. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A stored colour only if it is one ("#rrggbb"): it goes into a style attribute. */
export const safeColor = (color: string): string => (/^#[0-9a-fA-F]{6}$/.test(color) ? color : '#999999');

/** A self-contained HTML page: every report's shell, so that they all declare and style alike. */
export function htmlPage(page: { readonly lang: string; readonly title: string; readonly style: string; readonly body: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
${page.body}
</body>
</html>
`;
}
