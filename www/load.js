// Loads the claimmark module (pkg/claimmark.js and its wasm) with the wasm fetched and compiled
// while the JS glue loads, not after it: the two downloads and the compile overlap, where
// `import()` then `init()` does them one after the other. The bookmarklet loads the module this
// way; tests/e2e/bench.mjs times both ways.
//
//   import { loadModule } from './load.js';
//   const claimmark = await loadModule(new URL('.', import.meta.url));
//   claimmark.extract('Sales rose 4% in May, the company said.');

/**
 * The initialised module (the namespace of pkg/claimmark.js) from the folder `base` (a URL or
 * string ending in '/'). Rejects with the first error: the glue or the wasm unreachable, a
 * wasm that does not compile, or a page whose Content-Security-Policy refuses WebAssembly.
 */
export async function loadModule(base) {
  const compiled = compileWasm(new URL('./pkg/claimmark_bg.wasm', base));
  // Awaited below; until then its rejection must not count as unhandled.
  compiled.catch(() => {});
  const mod = await import(new URL('./pkg/claimmark.js', base).href);
  await mod.default({ module_or_path: await compiled });
  return mod;
}

/** The compiled wasm at `url`: compiled while it downloads when the server says it is wasm
 * (`Content-Type: application/wasm`, which streaming compilation requires), after otherwise. */
export async function compileWasm(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`.trim());
  const type = response.headers.get('Content-Type') || '';
  if (typeof WebAssembly.compileStreaming === 'function' && type.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
