// Types of the core's JavaScript API: the exports of the wasm-bindgen glue
// (dist/pkg/article_explorer.js: the lean build; dist/pkg-full/: the full
// build, which adds the functions marked "full build"), as
// `articleExplorer.core` in the page. Every export takes plain values, checks
// them, and throws an `Error` with a readable message when they are wrong;
// results are plain JSON-compatible objects. Text offsets are UTF-16 code
// units. Checked by tests/types/ (every export declared, shapes as returned).

// ---- search --------------------------------------------------------------

export type SearchMode = 'auto' | 'all' | 'any';

export interface SearchOptions {
  /** Hits to return (default 10, at least 1). */
  limit?: number;
  /** Hits to skip (default 0). */
  offset?: number;
  /** `auto` (default): every word, else some; `all`; `any`. */
  mode?: SearchMode;
  /** Treat the last word as a prefix (as it is typed). */
  prefix?: boolean;
  /** `false` leaves out snippets, terms and explanations. */
  details?: boolean;
}

export type MatchKind = 'exact' | 'stem' | 'prefix' | 'typo' | 'phrase';

/** Why a hit scored: one line per query word or phrase. */
export interface Explain {
  query: string;
  kind: MatchKind;
  /** Index terms it matched. */
  matched: string[];
  score: number;
}

export interface Hit {
  id: string;
  title: string;
  score: number;
  /** Core HTML: escaped text with `<mark>` around matches ('' without details or text). */
  snippet: string;
  /** Matches only some of the words. */
  partial: boolean;
  terms: string[];
  explain: Explain[];
}

export interface SearchResults {
  /** Articles matching every word (0: the hits are partial matches). */
  total: number;
  hits: Hit[];
  /** "Did you mean", or null. */
  suggestion: string | null;
  /** Text shards to load (loadText) before these hits have snippets. */
  textNeeded: string[];
}

// ---- articles and the reader ----------------------------------------------

export interface ArticleSummary {
  id: string;
  title: string;
  /** The title was taken from the lead (the file had no headline). */
  titleDerived: boolean;
  words: number;
  /** Added by the user (addFiles), not built in. */
  added: boolean;
  source: string | null;
  date: string | null;
}

export type BlockKind = 'heading' | 'paragraph' | 'item' | 'table';

export interface Block {
  kind: BlockKind;
  text: string;
  /** For a `table` block: its index in `tables`. */
  table: number | null;
}

export interface Table {
  caption: string | null;
  header: string[];
  rows: string[][];
}

export interface Meta {
  source: string | null;
  date: string | null;
  url: string | null;
}

export interface Article {
  id: string;
  title: string;
  titleDerived: boolean;
  /** The text of every block that is not a table. */
  paragraphs: string[];
  blocks: Block[];
  tables: Table[];
  meta: Meta;
}

/** What every function throws: an `Error` whose `name` says the case (match on it, never on the message). */
export interface CoreError extends Error {
  name: 'InvalidInput' | 'CorruptData' | 'NoArticle' | 'TextNotLoaded';
  /** With `TextNotLoaded`: the text shard files to load (from `text/`) first. */
  shards?: string[];
}

/** Where a text lives in an article: the title, a block, or a table cell (row 0: the header). */
export type Segment =
  | { in: 'title' }
  | { in: 'block'; block: number }
  | { in: 'cell'; table: number; row: number; col: number };

/** A range of one segment's text, in UTF-16 code units: a mark, the reader's focus, a table row's sentence or fact. */
export interface Location {
  segment: Segment;
  start: number;
  end: number;
}

export interface HighlightedBlock {
  kind: BlockKind;
  /** Core HTML: escaped text with `<mark>`s. */
  html: string;
  table: number | null;
}

export interface HighlightedTable {
  caption: string | null;
  /** Core HTML, cell by cell. */
  header: string[];
  rows: string[][];
}

export interface Highlighted {
  id: string;
  /** Core HTML. */
  title: string;
  blocks: HighlightedBlock[];
  tables: HighlightedTable[];
  /** Every mark, in reading order. */
  ranges: Location[];
  /** Marks the article would have: the query's matches, and the focus range. */
  matches: number;
  /** Marks it has: all of them, or the first 10,000 (and the focus). */
  marked: number;
}

export interface Info {
  version: string;
  formatVersion: number;
  articles: number;
  terms: number;
  /** This build reads HTML files. */
  html: boolean;
  /** This build has the summary tables (tables() and friends). */
  tables: boolean;
  /** This build has addFiles and removeArticle. */
  add: boolean;
  /** Text shards of the corpus (0: all text is in the module). */
  textShards: number;
}

// ---- adding articles (full build) -----------------------------------------

export interface FileEntry {
  name: string;
  bytes: Uint8Array;
}

/** What became of one file: `id`, `title` and the decoded `text`, or `error` (naming the file). */
export interface AddResult {
  name: string;
  id: string | null;
  title: string | null;
  text: string | null;
  error: string | null;
}

// ---- summary tables (full build) ------------------------------------------

export type EntityKind = 'person' | 'organisation' | 'place';
export type FigureKind = 'money' | 'percent';

/** Where a row comes from: its sentence, and the fact inside it. */
export interface Where {
  article: string;
  /** The sentence: what the reader marks when the row is opened. */
  sentence: Location;
  /** The fact itself, inside the sentence (same segment). */
  fact: Location;
}

export interface ArticleRow {
  id: string;
  title: string;
  words: number;
  readingMinutes: number;
  people: number;
  organisations: number;
  places: number;
  figures: number;
  quotes: number;
  topTerms: string[];
}

export interface EntityRow {
  name: string;
  kind: EntityKind;
  aliases: string[];
  roles: string[];
  mentions: number;
  articles: number;
  /** Mentions by article id (read with Object.hasOwn, or copy into a Map). */
  /** Mentions per article: `[id, count]` pairs in id order (never an object keyed by id). */
  perArticle: [string, number][];
  at: Where;
}

export interface FigureRow {
  article: string;
  kind: FigureKind;
  text: string;
  value: number;
  high: number | null;
  /** ISO currency code, or '%'. */
  unit: string;
  usd: number | null;
  qualifier: string | null;
  /** 1 rise, -1 fall, 0 none stated. */
  direction: -1 | 0 | 1;
  subject: string | null;
  measure: string | null;
  converts: string | null;
  assumed: string | null;
  sentence: string;
  at: Where;
}

export interface QuoteRow {
  article: string;
  speaker: string | null;
  text: string;
  at: Where;
}

export interface DateRow {
  article: string;
  text: string;
  kind: 'date' | 'month' | 'year' | 'weekday' | 'quarter' | 'relative' | 'duration';
  iso: string | null;
  at: Where;
}

export interface Member {
  article: string;
  text: string;
  value: number;
  unit: string;
  usd: number | null;
  qualifier: string | null;
  sentence: string;
  at: Where;
}

export interface AcrossRow {
  fact: string;
  kind: FigureKind;
  subject: string | null;
  sources: number;
  agreement: 'agree' | 'differ';
  /** Largest over smallest value, minus one, in percent. */
  spread: number;
  members: Member[];
}

export interface TextTable {
  article: string;
  title: string;
  caption: string | null;
  header: string[];
  rows: string[][];
}

export interface Rate {
  currency: string;
  /** US dollars per unit. */
  usd: number;
  source: 'text' | 'approx' | 'base';
}

export interface Tables {
  articles: ArticleRow[];
  entities: EntityRow[];
  figures: FigureRow[];
  quotes: QuoteRow[];
  dates: DateRow[];
  across: AcrossRow[];
  textTables: TextTable[];
  rates: Rate[];
}

export type Correction =
  | { op: 'rename'; name: string; kind: EntityKind; to: string }
  | { op: 'merge'; name: string; kind: EntityKind; into: string; intoKind: EntityKind }
  | { op: 'retype'; name: string; kind: EntityKind; to: EntityKind }
  | { op: 'hide'; name: string; kind: EntityKind };

/** What became of one correction: one that does not fit changes nothing and says why. */
export interface Outcome {
  ok: boolean;
  message: string;
}

// ---- the exports -----------------------------------------------------------

/** Search the corpus. */
export function search(query: string, options?: SearchOptions | null): SearchResults;
/** Completions for a partly typed query (at most `limit`, default 8). */
export function suggest(prefix: string, limit?: number | null): string[];
/** One article, with its text (which must be loaded: see textNeeded). */
export function article(id: string): Article;
/** Every article. */
export function articles(): ArticleSummary[];
/**
 * The article with every match of `query` marked, and `focus` too. `prefix`: the last word is a prefix,
 * as in `search(query, { prefix: true })`, so the reader marks what the list matched.
 */
export function highlight(id: string, query: string, focus?: Location | null, prefix?: boolean | null): Highlighted;
/** Text shards still to load for the articles `ids`, or for all (null). */
export function textNeeded(ids?: string[] | null): string[];
/** Load one text shard's bytes; `keep`: never drop loaded shards. Returns the shard number. */
export function loadText(bytes: Uint8Array, keep?: boolean | null): number;
/** About the module. */
export function info(): Info;
/** Full build: add files to the corpus. */
export function addFiles(files: FileEntry[]): AddResult[];
/** Full build: remove an article added with addFiles. */
export function removeArticle(id: string): void;
/** Full build: every summary table. */
export function tables(): Tables;
/** Full build: set the reader's corrections (replacing any before); one outcome each. */
export function setCorrections(list: Correction[]): Outcome[];
/** Full build: what became of every correction, the corpus's own first. */
export function correctionOutcomes(): Outcome[];
/** Full build: the corpus's own corrections (its corrections.json). */
export function builtinCorrections(): Correction[];
/** Full build: the Names table. */
export function entities(): EntityRow[];
/** Full build: money and percentages, of article `id` or of all. */
export function figures(id?: string | null): FigureRow[];
/** Full build: quotations, of article `id` or of all. */
export function quotes(id?: string | null): QuoteRow[];

/** One match in its context (plain text: set it as text, never as HTML). */
export interface KwicLine {
  /** Article id. */
  id: string;
  /** Up to 60 characters before the match, from a word start. */
  left: string;
  /** The match as written. */
  match: string;
  /** Up to 60 characters after it, to a word end. */
  right: string;
  /** Where the match stands: the reader's focus. */
  at: Location;
}

export interface Concordance {
  /** In rank order of their articles, then reading order. */
  lines: KwicLine[];
  /** Every match, also those past the line limit. */
  matches: number;
  /** Articles with at least one match. */
  articles: number;
}

/**
 * Full build: the concordance of `query` (keyword in context): every match in the articles the search
 * finds (the best 1,000), with the same resolved query as `search` and `highlight`; at most `limit` lines
 * (default 5,000, at most 20,000). Needs the matching articles' text loaded (else a `TextNotLoaded` error names the shards).
 */
export function concordance(query: string, prefix?: boolean | null, limit?: number | null): Concordance;

/** Instantiate the module (web target); resolves to its raw wasm exports. */
export default function init(options?: { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module }): Promise<{ memory: WebAssembly.Memory }>;
/** Instantiate synchronously from bytes or a compiled module. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): { memory: WebAssembly.Memory };
