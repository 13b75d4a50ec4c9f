/**
 * Finding a document type declaration (DTD) in XML from outside. A DTD is where entities are
 * declared, and entities are how XML attacks work: nested ones expand a kilobyte into gigabytes
 * ("billion laughs"), external ones read local files or call servers (XXE). Neither REFI-QDA nor
 * Word's XML has any use for a DTD, so one is refused, not processed.
 */

/**
 * The 1-based line of a `<!DOCTYPE` or `<!ENTITY` declaration outside comments, CDATA sections
 * and processing instructions, or undefined when the text has none.
 */
export function doctypeLine(xml: string): number | undefined {
  const found = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<!(?:DOCTYPE|ENTITY)\b/gi;
  for (let m = found.exec(xml); m !== null; m = found.exec(xml)) {
    if (m[0].startsWith('<!D') || m[0].startsWith('<!d') || m[0].startsWith('<!E') || m[0].startsWith('<!e')) {
      let line = 1;
      for (let i = xml.indexOf('\n'); i !== -1 && i < m.index; i = xml.indexOf('\n', i + 1)) line++;
      return line;
    }
  }
  return undefined;
}

/** The message for a DTD found: "project.qde, line 2: …". */
export const doctypeMessage = (file: string, line: number): string =>
  `${file}, line ${line}: declares a document type (<!DOCTYPE> or <!ENTITY>), which Markeer refuses: its entities could expand to gigabytes or read files on this computer`;
