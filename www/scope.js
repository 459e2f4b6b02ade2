// Article scoping: which element holds the article body, and which elements inside it are not
// article text (share bars, related-article lists, comments, captions, cookie banners…).
//
// findArticle(doc) → { root, exclude, how } where `how` says what found the root:
//   "itemprop"  a [itemprop=articleBody] holding the densest text,
//   "density"   a readability-like scorer: every paragraph adds its score (1 + commas + one
//               point per 100 characters, at most 3) to its parent, half to its grandparent and
//               a third further up; class/id names weigh in (+25 "article|content|story…",
//               −25 "comment|related|share|cookie…"); the best candidate's score is scaled by
//               (1 − link density). Its parent is taken instead when the article continues in
//               siblings, and the siblings that are not article text are excluded.
// `exclude` goes to annotate/locate (options.exclude): those subtrees are not read.
// Nothing here changes the DOM.

const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'textarea', 'select', 'option', 'button']);

/** Class/id words of boilerplate. */
export const NEGATIVE = new RegExp(
  '(^|[\\s_-])(' +
    [
      'comments?', 'disqus', 'respond', 'replies', 'related', 'recirc\\w*', 'more-?(stories|news|articles|from)',
      'most-?(read|popular|viewed|shared)', 'popular', 'trending', 'recommend\\w*', 'read-?(next|more|also)', 'up-?next',
      'also-?read', 'see-?also', 'share', 'sharing', 'sharebar', 'social', 'sidebar', 'widget', 'promo\\w*', 'sponsor\\w*',
      'advert\\w*', 'ads?', 'adslot', 'ad-?(unit|container|wrapper|slot)', 'dfp', 'banner', 'cookies?', 'consent', 'gdpr',
      'newsletter', 'subscribe', 'subscription', 'sign-?up', 'paywall', 'outbrain', 'taboola', 'nav', 'navbar',
      'navigation', 'menu', 'breadcrumbs?', 'masthead', 'site-?(header|footer)', 'footer', 'popup', 'modal', 'overlay',
      'byline', 'author-?(bio|info|box)', 'bio', 'tags', 'tag-?list', 'topics', 'keywords', 'toolbar', 'print',
      'caption', 'credits?', 'sr-only', 'visually-?hidden', 'skip-?link', 'lightbox', 'gallery', 'video-?player',
      'timestamp', 'dateline', 'meta', 'utility', 'rail', 'teaser', 'card-?list',
    ].join('|') +
    ')([\\s_-]|$)',
  'i',
);
/** Class/id words of article text. */
export const POSITIVE = /(^|[\s_-])(article|body|content|entry|main|page|post|text|blog|story|prose|rich-?text|paragraph)/i;

// h1: the headline, not the body (h2–h6 are the body's own subheads).
const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'dialog', 'figure', 'figcaption', 'menu', 'header', 'h1']);
const BOILERPLATE_ROLES = new Set([
  'navigation', 'complementary', 'contentinfo', 'banner', 'dialog', 'alertdialog', 'search', 'menu', 'menubar',
  'toolbar', 'tablist', 'figure',
]);
const OUTSIDE = 'nav, aside, footer, header, form, dialog, [role="navigation"], [role="complementary"], [role="contentinfo"], [role="banner"], [role="dialog"], [aria-modal="true"], [data-claimmark-ui]';

/** Class and id of `el`, camelCase split into words ("relatedLinks" → "related-links"). */
const names = (el) =>
  `${typeof el.className === 'string' ? el.className : el.getAttribute('class') || ''} ${el.id || ''}`
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
const isOurs = (el) => !!el.closest('[data-claimmark-ui]');

/** Text length and link-text length of every element under `top` (one pass over the text). */
export function measure(top) {
  const doc = top.ownerDocument;
  const m = new Map();
  const get = (el) => {
    let v = m.get(el);
    if (!v) m.set(el, (v = { text: 0, link: 0 }));
    return v;
  };
  const walker = doc.createTreeWalker(top, 4 /* SHOW_TEXT */);
  const stop = top.parentElement;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const parent = t.parentElement;
    if (!parent || SKIP_TEXT.has(parent.localName)) continue;
    const data = t.data;
    let len = 0;
    for (let i = 0; i < data.length; i++) if (data.charCodeAt(i) > 32) len++;
    if (!len) continue;
    let inLink = false;
    for (let p = parent; p && p !== stop; p = p.parentElement) {
      const v = get(p);
      v.text += len;
      if (p.localName === 'a') inLink = true;
      if (inLink) v.link += len;
    }
  }
  return m;
}

function classWeight(el) {
  const n = names(el);
  let w = 0;
  if (NEGATIVE.test(n)) w -= 25;
  if (POSITIVE.test(n)) w += 25;
  if (el.getAttribute('itemprop') === 'articleBody') w += 50;
  return w;
}

function tagWeight(el) {
  switch (el.localName) {
    case 'article': return 10;
    case 'div': case 'section': case 'main': return 5;
    case 'pre': case 'td': case 'blockquote': return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': return -5;
    default: return 0;
  }
}

/** The paragraphs of `top`: `p`, `td`, `pre`, and blocks with at least 100 characters of their
 * own text (sites that write paragraphs as `div` + `br`). */
function paragraphs(top) {
  const out = [];
  for (const el of top.querySelectorAll('p, td, pre, div, section, article, font')) {
    if (el.localName === 'p' || el.localName === 'td' || el.localName === 'pre') {
      out.push(el);
      continue;
    }
    let own = 0;
    for (const c of el.childNodes) if (c.nodeType === 3) own += c.data.trim().length;
    if (own >= 100) out.push(el);
  }
  return out;
}

const linkDensity = (m, el) => {
  const v = m.get(el);
  return v && v.text ? v.link / v.text : 0;
};

/** The element holding the article of `doc`, and the elements inside it that are not article
 * text. `null` when the page has no text. */
export function findArticle(doc = document) {
  const body = doc.body;
  if (!body) return null;
  const m = measure(body);
  const textOf = (el) => m.get(el)?.text || 0;

  // Score the candidates.
  const scores = new Map();
  const candidates = [];
  for (const p of paragraphs(body)) {
    if (isOurs(p) || p.closest(OUTSIDE)) continue;
    const text = p.textContent;
    const len = textOf(p);
    if (len < 25) continue;
    const commas = (text.match(/[,，、،]/g) || []).length;
    const score = 1 + commas + Math.min(Math.floor(len / 100), 3);
    let el = p.parentElement;
    for (let level = 0; el && level < 4; level++, el = el.parentElement) {
      if (el === doc.documentElement) break;
      if (!scores.has(el)) {
        scores.set(el, tagWeight(el) + classWeight(el));
        candidates.push(el);
      }
      scores.set(el, scores.get(el) + score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
    }
  }
  const final = (el) => (scores.get(el) || 0) * (1 - linkDensity(m, el));
  let top = null;
  for (const c of candidates) if (!top || final(c) > final(top)) top = c;

  let how = 'density';
  let root = top;
  if (top) {
    // Several candidates nearly as good: their common ancestor holds the article.
    const ranked = candidates.map((c) => [c, final(c)]).sort((a, b) => b[1] - a[1]);
    const best = ranked[0][1];
    const alternatives = ranked
      .slice(1, 8)
      .filter(([c, s]) => s >= 0.75 * best && !c.contains(top) && !top.contains(c))
      .map(([c]) => c);
    if (alternatives.length >= 2) {
      for (let a = top.parentElement; a && a !== body && a !== doc.documentElement; a = a.parentElement) {
        if (alternatives.filter((c) => a.contains(c)).length >= 2) {
          root = a;
          break;
        }
      }
    }
    // A parent that scores higher gathers more of the article.
    for (let a = root.parentElement; a && a !== body && scores.has(a); a = a.parentElement) {
      if (final(a) > final(root) * 1.05 && textOf(a) < textOf(root) * 2.5) root = a;
      else break;
    }
  }
  // A [itemprop=articleBody] is the publisher's own word for it, unless it is nearly empty.
  const marked = [...doc.querySelectorAll('[itemprop~="articleBody"]')].filter((el) => !isOurs(el));
  if (marked.length) {
    const best = marked.reduce((a, b) => (textOf(b) > textOf(a) ? b : a));
    if (textOf(best) >= 200 && (!root || best.contains(root) || root.contains(best) || textOf(best) >= 0.5 * textOf(root))) {
      root = best;
      how = 'itemprop';
    }
  }
  if (!root) {
    const semantic = [...doc.querySelectorAll('article, main, [role="main"]')].filter((el) => !isOurs(el));
    root = semantic.length ? semantic.reduce((a, b) => (textOf(b) > textOf(a) ? b : a)) : body;
    how = semantic.length ? 'semantic' : 'body';
    if (!textOf(root)) return null;
  }

  const exclude = [];
  // The article continues in siblings of the root: take the parent, minus the other siblings.
  const parent = root.parentElement;
  if (how === 'density' && parent && parent !== body && parent !== doc.documentElement) {
    const kids = [...parent.children];
    const isContent = (s) => {
      if (s === root) return true;
      const t = textOf(s);
      if (t < 80 || linkDensity(m, s) > 0.33 || NEGATIVE.test(names(s)) || BOILERPLATE_TAGS.has(s.localName)) return false;
      return s.localName === 'p' || final(s) >= Math.max(10, 0.2 * final(top)) ||
        [...s.querySelectorAll('p')].some((p) => textOf(p) >= 80);
    };
    const content = kids.filter(isContent);
    if (content.length > 1) {
      for (const k of kids) if (!content.includes(k)) exclude.push(k);
      root = parent;
    }
  }
  exclude.push(...boilerplateIn(root, m, top));
  return { root, exclude, how };
}

/** The elements inside `root` that are not article text: navigation, asides, forms, figures
 * and captions, elements whose class/id says comments, related, share, newsletter, cookie…,
 * link lists, and elements hidden by CSS. Never an ancestor of `keep`. */
export function boilerplateIn(root, m = measure(root), keep = null) {
  const out = [];
  const rootText = m.get(root)?.text || 0;
  const all = root.getElementsByTagName('*');
  // Only a rendered document has CSS visibility (not DOMParser's, in the reader view); and a
  // page that hides its whole article until its scripts run shows it to no one: no filter then.
  const live = !!root.ownerDocument.defaultView && typeof root.checkVisibility === 'function' && root.checkVisibility();
  let skipUnder = null;
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (skipUnder && skipUnder.contains(el)) continue;
    skipUnder = null;
    const v = m.get(el);
    if (!v || !v.text) continue; // nothing to read anyway
    if (keep && el.contains(keep)) continue;
    const tag = el.localName;
    const role = el.getAttribute('role');
    let drop =
      BOILERPLATE_TAGS.has(tag) ||
      (role && BOILERPLATE_ROLES.has(role)) ||
      el.getAttribute('aria-modal') === 'true';
    if (!drop && NEGATIVE.test(names(el)) && v.text < 0.5 * rootText) drop = true;
    if (!drop && (tag === 'ul' || tag === 'ol' || tag === 'div' || tag === 'section' || tag === 'table') && v.link / v.text > 0.5 && v.text < 2000) {
      drop = true;
    }
    if (!drop && live && v.text >= 20 && !el.checkVisibility()) drop = true;
    if (drop) {
      out.push(el);
      skipUnder = el;
    }
  }
  return out;
}

/** Exclusions for new content added under `el` later (infinite scroll, "read more"). */
export function exclusionsFor(el) {
  return boilerplateIn(el);
}

/** Whether an element the page added later looks like article content worth marking: inside
 * an article root we marked (and not boilerplate), or an article of its own. */
export function isContentAddition(el, roots) {
  if (!(el instanceof Element) || isOurs(el)) return false;
  const text = el.textContent || '';
  if (text.trim().length < 40) return false;
  if (el.closest(OUTSIDE) || NEGATIVE.test(names(el))) return false;
  if (roots.some((r) => r.contains(el))) return true;
  if (roots.some((r) => r.parentElement && r.parentElement === el.parentElement && r.localName === el.localName)) return true;
  return el.matches('article, [itemprop~="articleBody"]') || !!el.querySelector('article, [itemprop~="articleBody"]');
}

const FRAMEWORK_KEYS = [
  ['react', /^(__reactFiber\$|__reactProps\$|__reactContainer\$|__reactInternalInstance\$|_reactRootContainer$|__reactEvents\$)/],
  ['vue', /^(__vue__|__vue_app__|__vnode|__vueParentComponent|_vnode)$/],
  ['svelte', /^(__svelte|__svelte_meta)/],
  ['angular', /^__ngContext__$/],
];
const FRAMEWORK_ATTRS = [
  ['react', '[data-reactroot], [data-reactid]'],
  ['vue', '[data-v-app], [data-server-rendered]'],
  ['angular', '[ng-version]'],
  ['svelte', '[data-svelte-h]'],
];

/** The framework managing the DOM around `root` (React, Vue, Svelte, Angular), or null: there,
 * wrapping text in marks would fight the framework's own DOM, so claimmark highlights instead. */
export function detectFramework(root) {
  const doc = root.ownerDocument;
  const els = [];
  for (let a = root; a; a = a.parentElement) els.push(a);
  const inside = root.getElementsByTagName('*');
  for (let i = 0; i < inside.length && i < 400; i++) els.push(inside[i]);
  for (const el of els) {
    for (const key of Object.keys(el)) {
      for (const [name, re] of FRAMEWORK_KEYS) if (re.test(key)) return name;
    }
    if (typeof el.className === 'string' && /(^|\s)svelte-[a-z0-9]{4,}(\s|$)/.test(el.className)) return 'svelte';
    for (const attr of el.getAttributeNames()) if (/^data-v-[0-9a-f]{6,}$/.test(attr)) return 'vue';
  }
  for (const [name, sel] of FRAMEWORK_ATTRS) if (doc.querySelector(sel)) return name;
  return null;
}
