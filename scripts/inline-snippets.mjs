// Inlines wasm-bindgen's JS snippets (the `inline_js` of src/web_js.rs, written to
// <pkg>/snippets/) into the JS glue <pkg>/claimmark.js, and removes the snippets folder.
//
// Why: the glue imports each snippet as a module of its own, which the browser can only fetch
// after it has fetched and parsed the glue — a second round trip before the wasm fetch can start
// (about 7 ms of a cold start-up on localhost; scripts/bench-web.sh measures start-up).
//
//   node scripts/inline-snippets.mjs www/pkg
//
// Each snippet becomes a function scope in the glue returning its exports, and the glue's
// `import { a, b } from './snippets/…'` / `import * as importN from "./snippets/…"` lines become
// constants bound to it. A snippet may only `export function`; anything else (an import, another
// kind of export), or a snippet import left over, stops the build with a message.

import { readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';

function fail(msg) {
  process.stderr.write(`inline-snippets: error: ${msg}\n`);
  process.exit(1);
}

const pkg = process.argv[2];
if (!pkg) fail('usage: node scripts/inline-snippets.mjs <wasm-pack out dir>');
const gluePath = path.join(pkg, 'claimmark.js');
if (!existsSync(gluePath)) fail(`${gluePath} is missing (build with wasm-pack first)`);
let glue = readFileSync(gluePath, 'utf8');

const IMPORT = /^import\s+(?:\{([^}]*)\}|\*\s+as\s+(\w+))\s+from\s+(['"])(\.\/snippets\/[^'"]+)\3;?[ \t]*$/gm;
const snippets = new Map(); // relative path → constant name
const consts = [];
glue = glue.replace(IMPORT, (_, named, star, _q, rel) => {
  if (!snippets.has(rel)) snippets.set(rel, `__cmSnippet${snippets.size}`);
  const name = snippets.get(rel);
  if (star) return `const ${star} = ${name};`;
  const bindings = named.split(',').map((s) => s.trim()).filter(Boolean);
  if (bindings.some((b) => !/^\w+$/.test(b))) fail(`renamed import from ${rel} in the glue: ${named.trim()}`);
  return `const { ${bindings.join(', ')} } = ${name};`;
});
if (snippets.size === 0) {
  if (existsSync(path.join(pkg, 'snippets'))) fail(`${pkg}/snippets exists but the glue imports none of it`);
  process.exit(0); // nothing to do (already inlined, or no inline_js)
}

let scopes = '';
for (const [rel, name] of snippets) {
  const file = path.join(pkg, rel);
  if (!existsSync(file)) fail(`the glue imports ${rel}, which is missing`);
  const src = readFileSync(file, 'utf8');
  if (/^\s*import\b/m.test(src)) fail(`${rel} imports something: only self-contained snippets can be inlined`);
  const names = [...src.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  const body = src.replace(/^export function /gm, 'function ');
  if (/^\s*export\b/m.test(body)) fail(`${rel} exports something other than functions`);
  scopes += `// ${rel} (inlined by scripts/inline-snippets.mjs)\nconst ${name} = (() => {\n${body}\nreturn { ${names.join(', ')} };\n})();\n`;
}
// The constants go before the first former import line: everything the glue imported is bound
// before any of its code runs.
const first = glue.search(/^const (?:\{[^}]*\}|\w+) = __cmSnippet\d+;$/m);
glue = glue.slice(0, first) + scopes + glue.slice(first);
// The glue's import object names a snippet once per import line ("./snippets/…": import1,
// "./snippets/…": import2, …), all now the same object: keep the first (a repeated key is
// harmless, but esbuild warns about it on every build).
const seenKeys = new Set();
glue = glue.replace(/^[ \t]*(["'])(\.\/snippets\/[^"']+)\1:\s*\w+,?[ \t]*\n/gm, (line, _q, rel) => {
  if (seenKeys.has(rel)) return '';
  seenKeys.add(rel);
  return line;
});
if (/snippets\//.test(glue.replace(/^\/\/.*$/gm, '').replace(/"\.\/snippets\/[^"]+":/g, ''))) {
  fail('a reference to ./snippets/ is left in the glue');
}
writeFileSync(gluePath, glue);
rmSync(path.join(pkg, 'snippets'), { recursive: true, force: true });
process.stderr.write(`inline-snippets: ${snippets.size} snippet(s) inlined into ${gluePath}\n`);
