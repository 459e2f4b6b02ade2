//! One sort for the whole crate, to keep the wasm module small.
//!
//! Every `sort_by_key` / `sort_unstable` call site instantiates the standard library's sort
//! (ipnsort or driftsort, 2–4 KB of wasm each): a dozen of them were 32 KB of the module.
//! Here each call site only computes a `u128` key per element; the sorting itself is one
//! instantiation (`[(u128, u32)]::sort_unstable`), and the elements are then moved into
//! place by following the permutation's cycles.
//!
//! The order is stable (ties keep their input order), like `slice::sort_by_key`.

/// Sorts `v` by `key`, stably. `key` must not depend on anything but the element.
pub fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> u128) {
    // Already in order (often: most finders find their spans in order): nothing to move, and
    // no allocation. (Also every slice shorter than 2.)
    if v.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    let mut keyed: Vec<(u128, u32)> = Vec::with_capacity(v.len());
    for (i, x) in v.iter().enumerate() {
        // More than 4 billion elements never happens here; the index keeps the sort stable.
        keyed.push((key(x), i as u32));
    }
    sort_keys(&mut keyed);
    // keyed[i].1 = the input position of the element that goes to position i (the
    // permutation, followed in place).
    for start in 0..keyed.len() {
        let mut cur = start;
        loop {
            let next = keyed[cur].1 as usize;
            keyed[cur].1 = cur as u32; // in place
            if next == start || next == cur {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

/// The one instantiation of the standard sort.
#[inline(never)]
fn sort_keys(keyed: &mut [(u128, u32)]) {
    keyed.sort_unstable();
}

/// A key of up to four fields, most significant first, each kept to its width in bits
/// (`widths` sum to at most 128; a value wider than its field saturates).
pub fn key(fields: &[(u64, u32)]) -> u128 {
    let mut k: u128 = 0;
    for &(value, bits) in fields {
        let max = if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 };
        k = (k << bits) | u128::from(value.min(max));
    }
    k
}

/// `x` reversed within a field of `bits` bits (for descending fields).
pub fn rev(x: usize, bits: u32) -> u64 {
    let max = if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 };
    max - (x as u64).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same order as the standard stable sort, on random inputs with many ties.
    #[test]
    fn matches_the_standard_stable_sort() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in [0usize, 1, 2, 3, 10, 100, 1000] {
            for modulus in [1u64, 3, 50, 1 << 40] {
                let v: Vec<(u64, usize)> = (0..len).map(|i| (next() % modulus, i)).collect();
                let mut ours = v.clone();
                sort_by_key(&mut ours, |x| u128::from(x.0));
                let mut std = v.clone();
                std.sort_by_key(|x| x.0);
                assert_eq!(ours, std, "len {len} modulus {modulus}");
                // In order already (the early return): unchanged.
                let mut again = std.clone();
                sort_by_key(&mut again, |x| u128::from(x.0));
                assert_eq!(again, std, "sorted, len {len} modulus {modulus}");
            }
        }
    }

    #[test]
    fn keys_order_fields_and_saturate() {
        assert!(key(&[(1, 32), (0, 32)]) > key(&[(0, 32), (u32::MAX as u64, 32)]));
        assert_eq!(key(&[(u64::MAX, 8)]), 255);
        assert!(rev(5, 32) > rev(6, 32));
        assert_eq!(rev(usize::MAX, 16), 0);
    }
}
