//! Offsets: the one place where UTF-8 byte offsets (the core's unit) become UTF-16 code units
//! (the DOM's and JavaScript's unit), and where text pieces (DOM text nodes) are joined into
//! one document text and mapped back.

/// Converts UTF-8 byte offsets of one text into UTF-16 code-unit offsets, in `O(log n)` per
/// lookup, storing one entry per non-ASCII character (nothing for ASCII text).
#[derive(Debug, Clone, Default)]
pub struct Utf16Index {
    /// `(start byte, end byte, bytes saved so far)` of each non-ASCII char: for a char
    /// boundary `b`, `utf16(b) = b - saved`, with `saved` of the last char ending at or before `b`.
    steps: Vec<(usize, usize, usize)>,
    len: usize,
}

impl Utf16Index {
    pub fn new(text: &str) -> Utf16Index {
        let b = text.as_bytes();
        // One allocation of the exact size (a non-ASCII char starts with a byte >= 0xC0): a
        // long page's index is not copied as it grows.
        let mut steps = Vec::with_capacity(b.iter().filter(|&&x| x >= 0xc0).count());
        let mut saved = 0;
        // A byte loop, not `char_indices` (which the size-optimised wasm build calls per char):
        // ASCII is passed eight bytes at a time; `i` is always at a char boundary.
        let mut i = 0;
        while i < b.len() {
            if let Some(chunk) = b.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            // Bytes in UTF-8 and units in UTF-16 of the char starting here.
            let (l8, l16) = match b[i] {
                0xc0..=0xdf => (2, 1),
                0xe0..=0xef => (3, 1),
                0xf0..=0xff => (4, 2),
                _ => (1, 1), // ASCII (a continuation byte is never at a boundary)
            };
            if l8 != l16 {
                saved += l8 - l16;
                steps.push((i, i + l8, saved));
            }
            i += l8;
        }
        Utf16Index { steps, len: text.len() }
    }

    /// The UTF-16 offset of byte offset `byte` (which must be a char boundary; an offset inside
    /// a character maps to the start of the next one, past the end to the end).
    pub fn utf16(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let k = self.steps.partition_point(|&(_, end, _)| end <= byte);
        let saved = if k == 0 { 0 } else { self.steps[k - 1].2 };
        byte - saved
    }

    /// The byte offset of UTF-16 offset `unit`, rounded down to a char boundary (a unit in
    /// the middle of a surrogate pair maps to the start of that character).
    pub fn byte(&self, unit: usize) -> usize {
        // Non-ASCII chars that end at or before `unit` in UTF-16.
        let k = self.steps.partition_point(|&(_, b, saved)| b - saved <= unit);
        let saved = if k == 0 { 0 } else { self.steps[k - 1].2 };
        let b = unit + saved;
        if let Some(&(next_start, _, _)) = self.steps.get(k) {
            // `b` lies in the ASCII run before char k, or inside char k.
            return b.min(next_start);
        }
        b.min(self.len)
    }

    /// Length of the whole text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.utf16(self.len)
    }
}

/// One piece of the joined text: a text node, or a break the joiner inserted between blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Byte range in the joined text.
    start: usize,
    end: usize,
    /// `Some(node index)` for text from a node, `None` for an inserted break.
    node: Option<usize>,
}

/// Joins text pieces (DOM text nodes, in document order) into one text, with paragraph breaks
/// between blocks, and maps ranges of the joined text back to `(node, utf16 start, utf16 end)`.
///
/// Extraction only sees [`TextMap::text`], so where text-node boundaries fall inside a block
/// cannot change what is found.
#[derive(Debug, Clone, Default)]
pub struct TextMap {
    text: String,
    pieces: Vec<Piece>,
    nodes: usize,
    index: Option<Utf16Index>,
}

/// A part of a range that lies in one node, in that node's UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeRange {
    pub node: usize,
    pub start: usize,
    pub end: usize,
}

impl TextMap {
    pub fn new() -> TextMap {
        TextMap::default()
    }

    /// Makes room for `bytes` more bytes of text, so that a long text is not copied as it
    /// grows (and is not held twice while it is).
    pub fn reserve(&mut self, bytes: usize) {
        self.text.reserve(bytes);
    }

    /// A map over a text the caller has already joined, the way [`TextMap::push_node`],
    /// [`TextMap::push_break`] and [`TextMap::push_line_break`] would have: `parts` are, in
    /// order, each part's length in bytes and whether it is a node's text (`true`) or an
    /// inserted break. Nodes are numbered in order. The text is taken as it is (no copy): the
    /// web edge joins a long page's text in JS and hands it over once. Parts running past the
    /// text are cut at its end.
    pub fn from_parts(text: String, parts: impl IntoIterator<Item = (usize, bool)>) -> TextMap {
        let mut map = TextMap { text, ..TextMap::default() };
        let mut at = 0;
        for (len, is_node) in parts {
            let end = (at + len).min(map.text.len());
            let node = is_node.then(|| {
                map.nodes += 1;
                map.nodes - 1
            });
            map.pieces.push(Piece { start: at, end, node });
            at = end;
        }
        map
    }

    /// Appends a node's text; returns its node index (`0, 1, 2, …` in call order).
    pub fn push_node(&mut self, s: &str) -> usize {
        let node = self.nodes;
        self.nodes += 1;
        let start = self.text.len();
        self.text.push_str(s);
        self.pieces.push(Piece { start, end: self.text.len(), node: Some(node) });
        self.index = None;
        node
    }

    /// Ends a block: the next text starts a new paragraph (`"\n\n"`), unless the text already
    /// ends with a paragraph break or is empty.
    pub fn push_break(&mut self) {
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        let start = self.text.len();
        self.text.push_str(if self.text.ends_with('\n') { "\n" } else { "\n\n" });
        self.pieces.push(Piece { start, end: self.text.len(), node: None });
        self.index = None;
    }

    /// Ends a line (`<br>`): a single `"\n"`.
    pub fn push_line_break(&mut self) {
        if self.text.is_empty() || self.text.ends_with('\n') {
            return;
        }
        let start = self.text.len();
        self.text.push('\n');
        self.pieces.push(Piece { start, end: self.text.len(), node: None });
        self.index = None;
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Gives up the joined text (and forgets the nodes): for when the map is no longer needed,
    /// so that a long page's text is not kept twice.
    pub fn take_text(&mut self) -> String {
        self.pieces = Vec::new();
        self.index = None;
        std::mem::take(&mut self.text)
    }

    /// Number of nodes pushed.
    pub fn node_count(&self) -> usize {
        self.nodes
    }

    /// Splits the byte range `start..end` of the joined text into its parts in each node, in
    /// the node's own UTF-16 code units (what `Text.splitText` and `Range` take). Parts in
    /// inserted breaks are dropped; empty parts are dropped.
    pub fn locate(&mut self, start: usize, end: usize) -> Vec<NodeRange> {
        if self.index.is_none() {
            self.index = Some(Utf16Index::new(&self.text));
        }
        let index = self.index.as_ref().expect("index built above");
        let first = self.pieces.partition_point(|p| p.end <= start);
        let mut out = Vec::new();
        for p in &self.pieces[first..] {
            if p.start >= end {
                break;
            }
            let Some(node) = p.node else { continue };
            let (s, e) = (start.max(p.start), end.min(p.end));
            if s >= e {
                continue;
            }
            let base = index.utf16(p.start);
            out.push(NodeRange { node, start: index.utf16(s) - base, end: index.utf16(e) - base });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `from_parts` over the text `push_*` joined gives the same map.
    #[test]
    fn from_parts_is_push_by_push() {
        let mut pushed = TextMap::new();
        let mut parts = Vec::new();
        let mut last = 0;
        let mut note = |map: &TextMap, is_node: bool, parts: &mut Vec<(usize, bool)>| {
            if map.text.len() > last || is_node {
                parts.push((map.text.len() - last, is_node));
            }
            last = map.text.len();
        };
        pushed.push_node("Seoul 서울 said");
        note(&pushed, true, &mut parts);
        pushed.push_break();
        note(&pushed, false, &mut parts);
        pushed.push_node("");
        note(&pushed, true, &mut parts);
        pushed.push_node(" 🎉 10,000 won");
        note(&pushed, true, &mut parts);
        pushed.push_line_break();
        note(&pushed, false, &mut parts);
        pushed.push_node("e\u{301}t\u{e9}.");
        note(&pushed, true, &mut parts);
        let mut joined = TextMap::from_parts(pushed.text().to_string(), parts);
        assert_eq!(joined.text(), pushed.text());
        assert_eq!(joined.node_count(), pushed.node_count());
        assert_eq!(joined.pieces, pushed.pieces);
        for (a, b) in [(0, 5), (3, 20), (10, pushed.text().len())] {
            assert_eq!(joined.locate(a, b), pushed.locate(a, b));
        }
    }

    fn naive_utf16(text: &str, byte: usize) -> usize {
        text[..byte].encode_utf16().count()
    }

    const MIXED: &str = "Seoul 서울 said 🎉 e\u{301}t\u{e9} 10,000 \u{200d}won — “ok”.";

    #[test]
    fn utf16_matches_naive_on_every_boundary() {
        let idx = Utf16Index::new(MIXED);
        for (b, _) in MIXED.char_indices().chain([(MIXED.len(), ' ')]) {
            assert_eq!(idx.utf16(b), naive_utf16(MIXED, b), "byte {b}");
            assert_eq!(idx.byte(naive_utf16(MIXED, b)), b, "unit for byte {b}");
        }
        assert_eq!(idx.len_utf16(), MIXED.encode_utf16().count());
    }

    /// The byte loop of `Utf16Index::new` gives what a walk over its chars gives, wherever the
    /// non-ASCII chars fall against its eight-byte steps.
    #[test]
    fn utf16_index_matches_a_char_walk() {
        let chars = ['a', ' ', 'é', '서', '🎉', '\u{301}', '—', 'Z'];
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        for len in 0..200 {
            let mut text = String::new();
            for _ in 0..len {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                // Mostly ASCII, so that runs of eight and more occur.
                let k = (rng % 40) as usize;
                text.push(if k < chars.len() { chars[k] } else { 'x' });
            }
            let mut want = Vec::new();
            let mut saved = 0;
            for (i, c) in text.char_indices() {
                if c.len_utf8() != c.len_utf16() {
                    saved += c.len_utf8() - c.len_utf16();
                    want.push((i, i + c.len_utf8(), saved));
                }
            }
            let idx = Utf16Index::new(&text);
            assert_eq!(idx.steps, want, "{text:?}");
            assert_eq!(idx.len_utf16(), text.encode_utf16().count());
        }
    }

    #[test]
    fn ascii_has_no_steps() {
        let idx = Utf16Index::new("plain ascii");
        assert!(idx.steps.is_empty());
        assert_eq!(idx.utf16(5), 5);
    }

    #[test]
    fn locate_splits_across_nodes_in_utf16() {
        let mut m = TextMap::new();
        m.push_node("한국 said ");
        m.push_node("🎉 nearly");
        m.push_break();
        m.push_node("10 million");
        let text = m.text().to_string();
        assert_eq!(text, "한국 said 🎉 nearly\n\n10 million");
        let start = text.find("said").unwrap();
        let end = text.find("million").unwrap() + "million".len();
        let parts = m.locate(start, end);
        assert_eq!(
            parts,
            vec![
                NodeRange { node: 0, start: 3, end: 8 },
                NodeRange { node: 1, start: 0, end: 9 },
                NodeRange { node: 2, start: 0, end: 10 },
            ]
        );
    }

    #[test]
    fn breaks_are_not_doubled() {
        let mut m = TextMap::new();
        m.push_break();
        m.push_node("a");
        m.push_break();
        m.push_break();
        m.push_line_break();
        m.push_node("b");
        assert_eq!(m.text(), "a\n\nb");
    }
}
