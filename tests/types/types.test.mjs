// The core's TypeScript declarations (types/article-explorer.d.ts) against
// the real thing: code written against them type-checks (and misuse does
// not), every export of the generated glue is declared and nothing else is,
// and the values the full build returns have exactly the declared shapes.
// Needs a build (target/pkg-full/): `./build.sh build`, then
// `node --test tests/types/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const DECLARED = join(ROOT, 'types', 'article-explorer.d.ts');
const PKG = join(ROOT, 'target', 'pkg-full');
const OPTIONS = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
};

function program(files) {
  const p = ts.createProgram(files, OPTIONS);
  return { p, checker: p.getTypeChecker() };
}

const format = (d) => {
  const where = d.file ? `${d.file.fileName.slice(ROOT.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
  return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
};

/** The value exports (functions) a declaration file declares: name → symbol. */
function declaredValues(checker, p, file) {
  const module = checker.getSymbolAtLocation(p.getSourceFile(file));
  return new Map(checker.getExportsOfModule(module).filter((s) => s.flags & ts.SymbolFlags.Value).map((s) => [s.name, s]));
}

test('code written against the declarations type-checks under --strict, and each misuse is refused', () => {
  const { p } = program([join(here, 'usage.ts')]);
  assert.deepEqual(ts.getPreEmitDiagnostics(p).map(format), []);
});

test('every export of the generated glue is declared, and nothing more', { skip: !existsSync(join(PKG, 'article_explorer.d.ts')) && 'run ./build.sh build first' }, async () => {
  const generated = join(PKG, 'article_explorer.d.ts');
  const { p, checker } = program([DECLARED, generated]);
  const ours = [...declaredValues(checker, p, DECLARED).keys()].sort();
  assert.deepEqual(ours, [...declaredValues(checker, p, generated).keys()].sort(), 'declared vs wasm-bindgen\'s declarations');
  const glue = await import(pathToFileURL(join(PKG, 'article_explorer.js')).href);
  assert.deepEqual(ours, Object.keys(glue).sort(), 'declared vs the glue module\'s exports');
});

/** Problems of `value` against TypeScript type `type` (exact: no missing or extra properties). */
function conform(checker, type, value, path, out) {
  const fail = () => out.push(`${path}: ${JSON.stringify(value)?.slice(0, 80)} is not ${checker.typeToString(type)}`);
  if (type.isUnion()) {
    const tries = type.types.map((t) => {
      const o = [];
      conform(checker, t, value, path, o);
      return o;
    });
    if (!tries.some((o) => o.length === 0)) out.push(...tries.sort((a, b) => a.length - b.length)[0]);
    return;
  }
  const f = type.flags;
  if (f & ts.TypeFlags.Null) return value === null || fail();
  if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return value === undefined || fail();
  if (type.isStringLiteral() || type.isNumberLiteral()) return value === type.value || fail();
  if (f & ts.TypeFlags.BooleanLiteral) return value === (checker.typeToString(type) === 'true') || fail();
  if (f & ts.TypeFlags.String) return typeof value === 'string' || fail();
  if (f & ts.TypeFlags.Number) return (typeof value === 'number' && Number.isFinite(value)) || fail();
  if (checker.isTupleType(type)) {
    const items = checker.getTypeArguments(type);
    if (!Array.isArray(value) || value.length !== items.length) return fail();
    return items.forEach((t, i) => conform(checker, t, value[i], `${path}[${i}]`, out));
  }
  if (checker.isArrayType(type)) {
    if (!Array.isArray(value)) return fail();
    const [item] = checker.getTypeArguments(type);
    return value.forEach((v, i) => conform(checker, item, v, `${path}[${i}]`, out));
  }
  if (f & ts.TypeFlags.Object) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail();
    const props = new Map(checker.getPropertiesOfType(type).map((s) => [s.name, s]));
    const [index] = checker.getIndexInfosOfType(type);
    for (const key of Object.keys(value)) {
      if (props.has(key)) continue;
      if (index) conform(checker, index.type, value[key], `${path}[${JSON.stringify(key)}]`, out);
      else out.push(`${path}.${key}: returned but not declared`);
    }
    for (const [key, sym] of props) {
      if (!Object.hasOwn(value, key)) {
        if (!(sym.flags & ts.SymbolFlags.Optional)) out.push(`${path}.${key}: declared but not returned`);
        continue;
      }
      conform(checker, checker.getTypeOfSymbol(sym), value[key], `${path}.${key}`, out);
    }
    return undefined;
  }
  return out.push(`${path}: cannot check type ${checker.typeToString(type)}`);
}

test('the full build returns exactly the declared shapes', { skip: !existsSync(join(PKG, 'article_explorer_bg.wasm')) && 'run ./build.sh build first' }, async () => {
  const core = await import(pathToFileURL(join(PKG, 'article_explorer.js')).href);
  core.initSync({ module: readFileSync(join(PKG, 'article_explorer_bg.wasm')) });
  const { p, checker } = program([DECLARED]);
  const declared = declaredValues(checker, p, DECLARED);
  const returns = (name) => checker.getSignaturesOfType(checker.getTypeOfSymbol(declared.get(name)), ts.SignatureKind.Call)[0].getReturnType();
  const problems = [];
  const seen = new Set();
  const check = (name, ...args) => {
    const value = core[name](...args);
    seen.add(name);
    conform(checker, returns(name), value, `${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`, problems);
    return value;
  };
  const list = check('articles');
  assert.ok(list.length > 0, 'the build has a corpus');
  check('info');
  for (const q of ['alibaba', 'Morningstar Casanova', 'semiconduktorzz', '"cloud spending" -deepseek', 'invest*']) check('search', q, { limit: 20, prefix: true });
  check('search', 'alibaba', { details: false });
  check('suggest', 'ali', 6);
  check('textNeeded', null);
  check('textNeeded', [list[0].id]);
  for (const a of list) {
    check('article', a.id);
    check('highlight', a.id, 'alibaba xi smic', null);
  }
  check('setCorrections', []);
  const t = check('tables');
  const at = t.figures[0]?.at ?? t.entities[0].at;
  check('highlight', at.article, '', at.sentence);
  check('entities');
  check('figures', null);
  check('figures', list[0].id);
  check('quotes');
  const kwic = check('concordance', 'alibaba', true, 50);
  assert.ok(kwic.lines.length > 0 && kwic.matches >= kwic.lines.length, 'the seeds mention Alibaba');
  check('concordance', 'semiconduktorzz', null, null);
  check('correctionOutcomes');
  check('builtinCorrections');
  const e = t.entities[0];
  check('setCorrections', [{ op: 'rename', name: e.name, kind: e.kind, to: 'Renamed' }, { op: 'hide', name: 'No Such Name', kind: 'place' }]);
  const [ok, bad] = check('addFiles', [{ name: 'typed.txt', bytes: new TextEncoder().encode('Typed Article\n\nA short article about kites.') }, { name: 'empty.txt', bytes: new Uint8Array() }]);
  assert.ok(ok.id && bad.error, 'one file in, one refused');
  check('removeArticle', ok.id);
  assert.deepEqual(problems.slice(0, 20), []);
  // loadText needs a sharded corpus: its return value (a number) is left unchecked here.
  assert.deepEqual([...declared.keys()].filter((n) => !seen.has(n)).sort(), ['default', 'initSync', 'loadText']);
});
