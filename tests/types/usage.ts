// Compiled by tests/types/types.test.mjs (`tsc --noEmit --strict`): code
// written against the core's API as the page and its users write it. The
// misuse below is marked as expected errors: if the declarations grew loose
// (an `any`), those lines would compile and the check fails.
import type * as Core from '../../types/article-explorer';

declare const core: typeof Core;

export function firstSnippet(query: string): string {
  const r: Core.SearchResults = core.search(query, { limit: 20, prefix: true });
  const hit: Core.Hit | undefined = r.hits[0];
  const why: string[] = hit ? hit.explain.map((e) => `${e.query}: ${e.kind} +${e.score.toFixed(2)}`) : [];
  const more: string = r.suggestion ?? '';
  return `${hit?.snippet ?? ''}${why.join()}${more}${r.textNeeded.length}`;
}

export function reader(id: string): number {
  const h = core.highlight(id, 'alibaba', { segment: { in: 'block', block: 0 }, start: 0, end: 4 });
  const cell = core.highlight(id, '', { segment: { in: 'cell', table: 0, row: 1, col: 2 }, start: 0, end: 5 });
  const seg = h.ranges[0]?.segment;
  const where = seg?.in === 'block' ? seg.block : seg?.in === 'cell' ? seg.table + seg.row + seg.col : 0;
  const marks = h.ranges.filter((r) => r.segment.in === 'block').length + cell.matches + where;
  const html: string[] = h.blocks.map((b) => (b.kind === 'table' && b.table !== null ? h.tables[b.table].header.join('') : b.html));
  const a = core.article(id);
  return marks + html.length + a.paragraphs.length + (a.meta.source?.length ?? 0);
}

export function missingText(id: string): string[] {
  try {
    core.highlight(id, '');
    return [];
  } catch (e) {
    const err = e as Core.CoreError;
    return err.name === 'TextNotLoaded' ? err.shards ?? [] : [];
  }
}

export function library(bytes: Uint8Array): string[] {
  const added = core.addFiles([{ name: 'a.txt', bytes }]);
  for (const r of added) if (r.id !== null) core.removeArticle(r.id);
  const info: Core.Info = core.info();
  const shards: string[] = core.textNeeded(null).concat(core.textNeeded(['x']));
  if (info.textShards) core.loadText(bytes, true);
  return [...core.articles().filter((s) => s.added).map((s) => s.title), ...shards, ...core.suggest('ali', 6)];
}

export function tables(): number {
  const t: Core.Tables = core.tables();
  const fix: Core.Correction = { op: 'merge', name: 'A', kind: 'person', into: 'B', intoKind: 'person' };
  const outcomes: Core.Outcome[] = core.setCorrections([fix, { op: 'hide', name: 'C', kind: 'place' }]);
  const across = t.across.flatMap((g) => g.members.map((m) => m.usd ?? m.value));
  const where: Core.Where = t.entities[0].at;
  core.highlight(where.article, '', where.sentence);
  const mentions = new Map(t.entities[0].perArticle).get('x') ?? 0;
  return outcomes.length + across.length + where.fact.start + mentions + core.figures(null).length + core.quotes('x').length
    + core.entities().length + core.correctionOutcomes().length + core.builtinCorrections().length + t.rates[0].usd;
}

export function misuse(): void {
  // @ts-expect-error a query is a string
  core.search(42);
  // @ts-expect-error unknown option
  core.search('q', { colour: 'red' });
  // @ts-expect-error mode is one of three words
  core.search('q', { mode: 'sideways' });
  // @ts-expect-error hits have no `body`
  core.search('q').hits[0].body;
  // @ts-expect-error suggestion may be null
  core.search('q').suggestion.length;
  // @ts-expect-error focus needs start and end
  core.highlight('id', 'q', { segment: { in: 'block', block: 1 } });
  // @ts-expect-error a block segment names its block
  core.highlight('id', 'q', { segment: { in: 'block' }, start: 0, end: 1 });
  // @ts-expect-error bytes, not a file name
  core.loadText('text-0.aet');
  // @ts-expect-error addFiles takes { name, bytes } entries
  core.addFiles([{ name: 'a.txt', text: 'x' }]);
  // @ts-expect-error a merge names what it merges into
  core.setCorrections([{ op: 'merge', name: 'A', kind: 'person' }]);
  // @ts-expect-error no such kind
  core.setCorrections([{ op: 'hide', name: 'A', kind: 'animal' }]);
  // @ts-expect-error a figure's value is a number
  const v: string = core.figures()[0].value;
  void v;
}
