/** Pieces every HTML report shares. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A stored colour only if it is one ("#rrggbb"): it goes into a style attribute. */
export const safeColor = (color: string): string => (/^#[0-9a-fA-F]{6}$/.test(color) ? color : '#999999');

/**
 * The policy every exported report carries: it runs no script at all and loads nothing (its
 * style is inline, its images data: URLs), so that a name or quotation that smuggled markup in
 * could not run or call out even if escaping failed.
 */
export const REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A self-contained HTML page: every report's shell, so that they all declare and style alike. */
export function htmlPage(page: { readonly lang: string; readonly title: string; readonly style: string; readonly body: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_POLICY}">
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
