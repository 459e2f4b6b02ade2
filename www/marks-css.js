// The styles of claimmark's marks, shared by the demo page (app.js) and the bookmarklet
// (bookmarklet.js), which adopt them as a constructed stylesheet.
//
// A mark is `<mark class="cm-mark cm-claim cm-<role>…" data-cm-kinds="statistic attribution"
// data-cm-claim="3">`. Every mark of a claim gets a light tint in the colour of the claim's
// first kind; the typed parts get a stronger decoration in the colour of their kind.
//
// Kind toggles: a container with class `cm-off-<kind>` hides that kind's decorations, and the
// tint of claims whose kinds are all off. Pure CSS: each kind's switch is a custom property
// (`--cm-on-<kind>`, 1 or 0), and a mark is visible when any of its kinds is on (a max()).

/** The kinds of claims, in the report's order, with their legend label and colours. */
export const KINDS = [
  { kind: 'statistic', label: 'Statistic', note: 'numbers, amounts, rates', color: '#b45309', tint: '245 158 11' },
  { kind: 'attribution', label: 'Attribution', note: 'who said it', color: '#1d4ed8', tint: '59 130 246' },
  { kind: 'quote', label: 'Quote', note: 'direct speech', color: '#047857', tint: '16 185 129' },
  { kind: 'prediction', label: 'Prediction', note: 'hedges, forecasts', color: '#6d28d9', tint: '139 92 246' },
  { kind: 'comparison', label: 'Comparison', note: 'more, largest, record', color: '#be123c', tint: '244 63 94' },
  { kind: 'factual', label: 'Factual', note: 'checkable statement', color: '#475569', tint: '100 116 139' },
];

/** The role of each part of a claim → the kind whose toggle shows it. */
export const ROLE_KIND = {
  statistic: 'statistic',
  source: 'attribution',
  cue: 'attribution',
  content: 'attribution',
  quote: 'quote',
  hedge: 'prediction',
  comparison: 'comparison',
  time: 'factual',
};

const on = (kind) => `var(--cm-on-${kind}, 1)`;
const colorOf = (kind) => KINDS.find((k) => k.kind === kind);

export const MARK_CSS = `
mark.cm-mark {
  all: unset;
  ${KINDS.map((k) => `--cm-k-${k.kind}: 0;`).join('\n  ')}
  --cm-vis: max(${KINDS.map((k) => `var(--cm-k-${k.kind})`).join(', ')});
  --cm-tint: 100 116 139;
  --cm-role: 0 0 0;
  --cm-role-a: 0;
  background-color: rgb(var(--cm-tint) / calc(0.2 * var(--cm-vis)));
  background-image: linear-gradient(rgb(var(--cm-role) / var(--cm-role-a)), rgb(var(--cm-role) / var(--cm-role-a)));
  color: inherit;
  border-radius: 2px;
  -webkit-box-decoration-break: clone;
  box-decoration-break: clone;
  text-decoration-thickness: 2px;
  text-underline-offset: 0.2em;
  transition: background-color 0.15s, box-shadow 0.15s;
}
${KINDS.map((k) => `mark.cm-mark[data-cm-kinds~="${k.kind}"] { --cm-k-${k.kind}: ${on(k.kind)}; }`).join('\n')}
${KINDS.map((k) => `mark.cm-mark[data-cm-kinds^="${k.kind}"] { --cm-tint: ${k.tint}; }`).join('\n')}
${KINDS.map((k) => `.cm-off-${k.kind} { --cm-on-${k.kind}: 0; }`).join('\n')}

mark.cm-mark.cm-statistic {
  --cm-role: ${colorOf('statistic').tint};
  --cm-role-a: calc(0.32 * ${on('statistic')});
  box-shadow: inset 0 -2px rgb(180 83 9 / ${on('statistic')});
}
mark.cm-mark.cm-quote:not(.cm-statistic) {
  --cm-role: ${colorOf('quote').tint};
  --cm-role-a: calc(0.14 * ${on('quote')});
}
mark.cm-mark.cm-source {
  text-decoration-line: underline;
  text-decoration-style: solid;
  text-decoration-color: rgb(29 78 216 / ${on('attribution')});
}
mark.cm-mark.cm-cue {
  text-decoration-line: underline;
  text-decoration-style: dotted;
  text-decoration-color: rgb(29 78 216 / ${on('attribution')});
}
mark.cm-mark.cm-hedge {
  text-decoration-line: underline;
  text-decoration-style: wavy;
  text-decoration-thickness: 1.5px;
  text-decoration-color: rgb(109 40 217 / ${on('prediction')});
}
mark.cm-mark.cm-comparison {
  text-decoration-line: underline;
  text-decoration-style: double;
  text-decoration-color: rgb(190 18 60 / ${on('comparison')});
}
mark.cm-mark.cm-time {
  text-decoration-line: underline;
  text-decoration-style: dashed;
  text-decoration-thickness: 1px;
  text-decoration-color: rgb(71 85 105 / calc(0.8 * var(--cm-vis)));
}
mark.cm-mark[tabindex]:focus-visible {
  outline: 2px solid rgb(var(--cm-tint));
  outline-offset: 2px;
}
mark.cm-mark.cm-active {
  background-color: rgb(var(--cm-tint) / calc(0.34 * var(--cm-vis)));
}
mark.cm-mark.cm-flash {
  animation: cm-flash 1.4s ease-out;
}
@keyframes cm-flash {
  0%, 35% { box-shadow: 0 0 0 3px rgb(var(--cm-tint) / 0.9); background-color: rgb(var(--cm-tint) / 0.5); }
  100% { box-shadow: 0 0 0 3px rgb(var(--cm-tint) / 0); }
}
@media (prefers-reduced-motion: reduce) {
  mark.cm-mark.cm-flash { animation-duration: 0.01s; outline: 3px solid rgb(var(--cm-tint)); }
}
`;

/** The highlight names of the non-mutating mode (CSS Custom Highlight API): a tint per claim
 * (`cm-t-<kind>`, the claim's first kind), a decoration per role (`cm-r-<role>`), the hovered
 * claim (`cm-active`) and the flash after a jump (`cm-flash`). */
export const HIGHLIGHT_CSS = `
${KINDS.map((k) => `::highlight(cm-t-${k.kind}) { background-color: rgb(${k.tint} / 0.2); }`).join('\n')}
::highlight(cm-r-statistic) { background-color: rgb(${colorOf('statistic').tint} / 0.32); text-decoration: underline 2px rgb(180 83 9); text-underline-offset: 0.2em; }
::highlight(cm-r-quote) { background-color: rgb(${colorOf('quote').tint} / 0.14); }
::highlight(cm-r-source) { text-decoration: underline 2px solid rgb(29 78 216); text-underline-offset: 0.2em; }
::highlight(cm-r-cue) { text-decoration: underline 2px dotted rgb(29 78 216); text-underline-offset: 0.2em; }
::highlight(cm-r-hedge) { text-decoration: underline 1.5px wavy rgb(109 40 217); text-underline-offset: 0.2em; }
::highlight(cm-r-comparison) { text-decoration: underline 2px double rgb(190 18 60); text-underline-offset: 0.2em; }
::highlight(cm-r-time) { text-decoration: underline 1px dashed rgb(71 85 105); text-underline-offset: 0.2em; }
::highlight(cm-active) { background-color: rgb(59 130 246 / 0.22); }
::highlight(cm-flash) { background-color: rgb(250 204 21 / 0.75); }
`;

/** Adds `css` to `doc` (or a shadow root) as an adopted stylesheet; returns a function that
 * removes it again, and `sheet` for later `replaceSync`. Constructed sheets are not subject to
 * the page's style-src. */
export function adoptSheet(target, css) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  const remove = () => {
    target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
  };
  remove.sheet = sheet;
  return remove;
}

/** Adds the mark styles to `doc` as an adopted stylesheet (invisible in outerHTML); returns a
 * function that removes them again. */
export function adoptMarkStyles(doc = document) {
  if ('adoptedStyleSheets' in doc && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(MARK_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }
  const style = doc.createElement('style');
  style.setAttribute('data-claimmark-ui', '');
  style.textContent = MARK_CSS;
  (doc.head || doc.documentElement).append(style);
  return () => style.remove();
}
