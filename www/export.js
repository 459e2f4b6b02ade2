// Exports of the claims of a page: JSON (the core's reports plus the page's URL, title and
// date), CSV (one row per claim), schema.org ClaimReview JSON-LD skeletons, and links to one
// claim with a text fragment (`#:~:text=`). Pure functions of the reports and page metadata.

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

/** "around 8,000 soldiers daily" from a statistic span (its quantity is flattened into it). */
export function describeQuantity(s) {
  if (typeof s.value !== 'number') return s.text;
  let v = numberFormat.format(s.value);
  if (typeof s.value_max === 'number') v += `–${numberFormat.format(s.value_max)}`;
  const parts = [];
  if (s.approx) parts.push(s.approx);
  if (s.unit === '%') parts.push(`${v}%`);
  else if (s.unit) parts.push(v, s.unit);
  else parts.push(v);
  if (s.rate) parts.push(s.rate);
  return parts.join(' ');
}

/** The reporting cues of a claim ("said", "announced"), without repeats. */
export const cuesOf = (c) => [...new Set((c.attributions || []).map((a) => a.cue.text))];

/** The page's URL (without a fragment), title and publication date (ISO, when the page says). */
export function pageMeta(doc = document) {
  const meta = (sel) => doc.querySelector(sel)?.getAttribute('content')?.trim() || '';
  let date =
    meta('meta[property="article:published_time"]') ||
    meta('meta[itemprop="datePublished"]') ||
    meta('meta[name="pubdate"], meta[name="publishdate"], meta[name="date"], meta[name="dc.date"], meta[name="DC.date.issued"], meta[name="sailthru.date"], meta[name="parsely-pub-date"]') ||
    doc.querySelector('[itemprop="datePublished"][datetime], article time[datetime], time[datetime]')?.getAttribute('datetime') || '';
  if (!date) {
    for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
      const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(s.textContent || '');
      if (m) {
        date = m[1];
        break;
      }
    }
  }
  const url = doc.location && /^https?:/.test(doc.location.href) ? doc.location.href.split('#')[0] : '';
  const title = meta('meta[property="og:title"]') || (doc.title || '').trim();
  return { url, title, date: date.trim() };
}

const today = () => new Date().toISOString().slice(0, 10);

/** JSON: `{ url, title, date, retrieved, generator, reports }` — one report per marked root
 * (usually one; more when content added later was marked), each the core's report with
 * offsets in UTF-16 code units into its `text`. */
export function reportJSON(reports, meta, generator = 'claimmark') {
  return JSON.stringify(
    { url: meta.url, title: meta.title, date: meta.date || null, retrieved: new Date().toISOString(), generator, reports },
    null,
    2,
  );
}

const csvCell = (v) => {
  let s = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formulas when opened in a spreadsheet
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const CSV_COLUMNS = ['id', 'score', 'kinds', 'speaker', 'anonymous', 'cues', 'quantities', 'text', 'link', 'page_url', 'page_title', 'page_date'];

/** CSV (RFC 4180, CRLF): one row per claim, `rows` = [{ claim, link }]. */
export function claimsCSV(rows, meta) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { claim: c, link } of rows) {
    const q = c.spans.filter((s) => s.role === 'statistic').map((s) => {
      const bits = [typeof s.value === 'number' ? String(s.value) : s.text];
      if (typeof s.value_max === 'number') bits[0] += `-${s.value_max}`;
      if (s.unit) bits.push(s.unit);
      if (s.approx) bits.push(`(${s.approx})`);
      if (s.rate) bits.push(s.rate);
      return bits.join(' ');
    });
    lines.push(
      [c.id, c.score.toFixed(3), c.kinds.join(' '), c.speaker || '', c.anonymous ? 'yes' : '', cuesOf(c).join('; '),
        q.join('; '), c.text.replace(/\s+/g, ' ').trim(), link || '', meta.url, meta.title, meta.date]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** schema.org ClaimReview skeletons, one per claim, for a fact-checker's CMS: the claim, who
 * made it and where it appeared; no rating, no review URL or author (the fact-checker's). */
export function claimReviews(rows, meta) {
  return JSON.stringify(
    rows.map(({ claim: c, link }) => {
      const item = { '@type': 'Claim' };
      if (c.speaker) item.author = { '@type': c.anonymous ? 'Organization' : 'Person', name: c.speaker };
      if (meta.date) item.datePublished = meta.date;
      item.appearance = { '@type': 'CreativeWork', url: link || meta.url };
      if (meta.title) item.appearance.headline = meta.title;
      return {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        claimReviewed: c.text.replace(/\s+/g, ' ').trim(),
        itemReviewed: item,
        datePublished: today(),
        url: '',
      };
    }),
    null,
    2,
  );
}

// ------------------------------------------------------------------------------ text fragments

/** A text-directive term: percent-encoded, with `-`, `&` and `,` (the directive's own syntax)
 * encoded too. */
export const encodeTerm = (s) => encodeURIComponent(s).replace(/-/g, '%2D');

const words = (s) => s.split(/\s+/).filter(Boolean);
const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** How often `needle` occurs in `hay` (case-insensitive, as text fragments match). */
function occurrences(hay, needle) {
  if (!needle) return 0;
  const h = hay.toLowerCase();
  const n = needle.toLowerCase();
  let count = 0;
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) count++;
  return count;
}

/** A link to `url` that scrolls to and highlights `claim` (`#:~:text=`). `text` is the joined
 * text the claim's offsets index (report.text) and `pageText` the page's visible text: when the
 * claim (or its first words) occurs more than once there, the words around it in its own block
 * are added as prefix and suffix. Long claims use `textStart,textEnd`. */
export function textFragmentLink(url, claim, text = '', pageText = '') {
  const base = String(url).split('#')[0];
  const body = squash(claim.text);
  const w = words(body);
  let start = body;
  let end = '';
  if (w.length > 10 || body.length > 120) {
    start = w.slice(0, 5).join(' ');
    end = w.slice(-5).join(' ');
  }
  const parts = [];
  const page = squash(pageText);
  if (text && occurrences(page, start) + (end ? occurrences(page, end) - 1 : 0) > 1) {
    // Prefix/suffix: up to 3 words next to the claim, within its block.
    const before = text.slice(0, claim.start).split(/\n/).pop() || text.slice(0, claim.start).split(/\n+/).filter((s) => s.trim()).pop() || '';
    const after = text.slice(claim.end).split(/\n/)[0] || text.slice(claim.end).split(/\n+/).find((s) => s.trim()) || '';
    const prefix = words(before).slice(-3).join(' ');
    const suffix = words(after).slice(0, 3).join(' ');
    if (prefix) parts.push(`${encodeTerm(prefix)}-`);
    parts.push(encodeTerm(start));
    if (end) parts.push(encodeTerm(end));
    if (suffix) parts.push(`-${encodeTerm(suffix)}`);
  } else {
    parts.push(encodeTerm(start));
    if (end) parts.push(encodeTerm(end));
  }
  return `${base}#:~:text=${parts.join(',')}`;
}

/** Parses a `#:~:text=` directive back into its terms (decoded): for tests and the reader. */
export function parseTextFragment(href) {
  const m = /#.*?:~:text=([^&]*)/.exec(href);
  if (!m) return null;
  const terms = m[1].split(',');
  const out = { prefix: '', start: '', end: '', suffix: '' };
  if (terms[0].endsWith('-')) out.prefix = decodeURIComponent(terms.shift().slice(0, -1));
  if (terms.length && terms[terms.length - 1].startsWith('-')) out.suffix = decodeURIComponent(terms.pop().slice(1));
  out.start = decodeURIComponent(terms[0] || '');
  out.end = terms[1] ? decodeURIComponent(terms[1]) : '';
  return out;
}
