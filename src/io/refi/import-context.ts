/**
 * What every part of a REFI-QDA import shares: the report being written, GUIDs made comparable,
 * the coders (creating "Unknown" when needed) and codes read so far, dates and colours salvaged.
 */
import { CODE_PALETTE } from '../../domain/codebook';
import { CODER_COLORS } from '../../domain/factories';
import { createGuid, normalizeGuid } from '../../domain/ids';
import type { Code, Coder, Guid } from '../../domain/model';
import type { XmlElement } from './xml';

/** REFI-QDA GUIDs: any version, either case, optional braces (README "GUIDs"). */
const REFI_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Elements the schema allows only with at least one child. */
const CONTAINERS = new Set(['users', 'codes', 'variables', 'cases', 'sources', 'notes', 'links', 'sets', 'graphs']);

export class ImportContext {
  readonly discarded: string[] = [];
  readonly warnings: string[] = [];
  readonly coders = new Map<Guid, Coder>();
  readonly codes = new Map<Guid, Code>();
  private unknownCoder: Coder | null = null;
  private missingDates = 0;
  private readonly usedGuids = new Set<Guid>();

  constructor(
    readonly projectGuid: Guid,
    /** Used where a date is missing or unreadable. */
    readonly fallbackDate: string,
  ) {}

  /**
   * A GUID from the file, lower case without braces; a fresh one (reported) when it is missing or
   * not a GUID. A GUID already taken by another element of the same kind (`scope`) is replaced too;
   * kinds are kept apart because Markeer keys each table on its own.
   */
  guid(raw: string | undefined, what: string, scope: string): Guid {
    const g = raw === undefined ? '' : normalizeGuid(raw);
    let result = g;
    if (!REFI_GUID.test(g)) {
      result = createGuid();
      this.warnings.push(`${what} has ${raw === undefined ? 'no GUID' : `an invalid GUID “${raw}”`}: a new one was given`);
    } else if (this.usedGuids.has(`${scope} ${g}`)) {
      result = createGuid();
      this.warnings.push(`${what} has the GUID ${g} of another element: a new one was given`);
    }
    this.usedGuids.add(`${scope} ${result}`);
    return result;
  }

  /** A reference to another element, normalised for lookup; undefined when absent. */
  ref(raw: string | undefined): Guid | undefined {
    return raw === undefined || raw.trim() === '' ? undefined : normalizeGuid(raw);
  }

  /** A date from the file as an ISO UTC timestamp; the fallback (counted, reported once) when missing or unreadable. */
  date(raw: string | undefined): string {
    const t = raw ? new Date(raw.trim()) : null;
    if (t && !Number.isNaN(t.getTime())) return t.toISOString();
    this.missingDates++;
    return this.fallbackDate;
  }

  /**
   * The coder for a `creatingUser`: the user with that GUID; a user the file does not list becomes
   * a coder of its own; no user at all is "Unknown". Both are reported.
   */
  coder(raw: string | undefined, why = 'some work names no user'): Coder {
    const g = this.ref(raw);
    if (g !== undefined && REFI_GUID.test(g)) {
      const known = this.coders.get(g);
      if (known) return known;
      const coder: Coder = { guid: g, projectGuid: this.projectGuid, name: `Unknown ${g.slice(0, 8)}`, color: CODER_COLORS[this.coders.size % CODER_COLORS.length]! };
      this.coders.set(g, coder);
      this.warnings.push(`work by user ${g}, who is not among the file's users, is attributed to a new coder “${coder.name}”`);
      return coder;
    }
    if (!this.unknownCoder) {
      const guid = createGuid();
      this.unknownCoder = { guid, projectGuid: this.projectGuid, name: 'Unknown', color: CODER_COLORS[this.coders.size % CODER_COLORS.length]! };
      this.coders.set(guid, this.unknownCoder);
      this.warnings.push(`${why}: it is attributed to a new coder “Unknown”`);
    }
    return this.unknownCoder;
  }

  /**
   * The project's owner: the user `creatingUserGUID` names when the file lists that user, else the
   * first user; a file without users gets "Unknown" (reported).
   */
  owner(creatingUserGuid: string | undefined): Coder {
    const g = this.ref(creatingUserGuid);
    const named = g === undefined ? undefined : this.coders.get(g);
    return named ?? [...this.coders.values()][0] ?? this.coder(undefined, 'the file lists no users, so the project has no owner');
  }

  /** A colour as "#rrggbb": #RGB expanded, rgb()/rgba() read; anything else becomes a palette colour (reported). */
  color(raw: string | undefined, codeName: string): string {
    const palette = CODE_PALETTE[this.codes.size % CODE_PALETTE.length]!;
    if (raw === undefined || raw.trim() === '') return palette;
    const v = raw.trim().toLowerCase();
    if (/^#[0-9a-f]{6}$/.test(v)) return v;
    if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
    const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)$/.exec(v);
    if (rgb && rgb.slice(1, 4).every((n) => Number(n) <= 255)) {
      const hex = `#${rgb.slice(1, 4).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
      this.warnings.push(`code “${codeName}”: colour “${raw}” read as ${hex}`);
      return hex;
    }
    this.warnings.push(`code “${codeName}”: colour “${raw}” is not a colour; ${palette} was given`);
    return palette;
  }

  /** Empty containers break the schema (README "XML"); they are ignored with a warning. */
  checkEmptyContainers(root: XmlElement, fileName: string): void {
    const visit = (el: XmlElement): void => {
      if (CONTAINERS.has(el.name.toLowerCase()) && el.children.length === 0) {
        this.warnings.push(`${fileName}: an empty <${el.name}/> is not allowed by the standard; it was ignored`);
      }
      el.children.forEach(visit);
    };
    visit(root);
  }

  finishWarnings(): void {
    if (this.missingDates > 0) {
      this.warnings.push(`${this.missingDates} date${this.missingDates === 1 ? ' was' : 's were'} missing or unreadable; ${this.fallbackDate} was used`);
    }
  }
}
