//! One sort for the whole client.
//!
//! The standard library's sorts are generic over the element type, and every
//! list the client orders (conversations, contacts, members, outbox items,
//! audit entries, cached messages) would otherwise carry its own copy of the
//! sorting code in the wasm, a couple of kilobytes each. Instead every list is
//! ordered by a [`SortKey`]: the (key, index) pairs are sorted with the one
//! instantiation of the sort, then the items are moved into that order.

/// What a list is ordered by: two numbers, then a text, each ascending.
/// Descending orders negate their numbers.
pub type SortKey = (i64, i64, String);

/// A key of numbers only.
pub fn numbers(first: i64, second: i64) -> SortKey {
    (first, second, String::new())
}

/// A key of one number, then a text compared without regard to case.
pub fn then_text(first: i64, text: &str) -> SortKey {
    (first, 0, text.to_lowercase())
}

/// Sorts `items` by `key`. Equal keys keep their order.
pub fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> SortKey) {
    let mut keyed: Vec<(SortKey, usize)> = items.iter().map(key).zip(0..).collect();
    // The index makes every pair distinct, so the unstable sort is stable here.
    keyed.sort_unstable();
    let source: Vec<usize> = keyed.into_iter().map(|(_, index)| index).collect();
    permute(items, &source);
}

/// Reorders `items` so that position `i` holds what was at `source[i]`.
fn permute<T>(items: &mut [T], source: &[usize]) {
    for i in 0..items.len() {
        // Positions before `i` are final: an item that stood at one of them
        // was swapped away, and following `source` from there finds it.
        let mut from = source[i];
        while from < i {
            from = source[from];
        }
        items.swap(i, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_by_numbers_then_text_and_keeps_ties_in_place() {
        let mut items = vec![(2, "b", 'x'), (1, "B", 'y'), (2, "a", 'z'), (1, "b", 'w'), (0, "c", 'v')];
        sort_by_key(&mut items, |(n, text, _)| then_text(*n, text));
        let order: String = items.iter().map(|(_, _, tag)| *tag).collect();
        // "B" and "b" are equal without case: they keep their order (y before w).
        assert_eq!(order, "vywzx");
    }

    #[test]
    fn agrees_with_the_standard_stable_sort_on_every_small_permutation() {
        // Every arrangement of up to 6 keys with repeats, against std's stable `sort_by_key`.
        for len in 0..=6usize {
            let total = len.pow(u32::try_from(len).unwrap_or(0));
            for n in 0..total.max(1) {
                let mut digits = n;
                let keys: Vec<(i64, usize)> = (0..len)
                    .map(|tag| {
                        let key = i64::try_from(digits % len.max(1)).unwrap_or(0) / 2;
                        digits /= len.max(1);
                        (key, tag)
                    })
                    .collect();
                let mut ours = keys.clone();
                sort_by_key(&mut ours, |(key, _)| numbers(*key, 0));
                let mut std = keys.clone();
                std.sort_by_key(|(key, _)| *key);
                assert_eq!(ours, std, "keys {keys:?}");
            }
        }
    }
}
