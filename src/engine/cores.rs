//! Work done alike for each item of a list (one voicemail read, one call decided),
//! spread over the machine's cores natively (rayon) and done in turn in the browser, whose
//! wasm32 has one thread. One home for that choice. Results never depend on it: each item's
//! result is its own, and they come back in the input's order.

/// `f` applied to every item, in the items' order. `scratch` makes the working room one
/// worker reuses from one item to the next (one per core natively, one in all in wasm32).
pub(crate) fn map_each<T, S, R>(
    items: &[T],
    scratch: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &T) -> R + Sync + Send,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        items.par_iter().map_init(scratch, |room, item| f(room, item)).collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        let mut room = scratch();
        items.iter().map(|item| f(&mut room, item)).collect()
    }
}

/// [`map_each`] over items it owns, each moved into `f`.
pub(crate) fn map_each_owned<T, R>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R>
where
    T: Send,
    R: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        items.into_par_iter().map(f).collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        items.into_iter().map(f).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{map_each, map_each_owned};

    #[test]
    fn results_come_back_in_the_items_order() {
        let items: Vec<u32> = (0..10_000).collect();
        let doubled = map_each(&items, || (), |_, n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn each_worker_reuses_its_own_scratch() {
        let items: Vec<usize> = (0..1_000).collect();
        // A scratch that grows with every item it serves: each result sees only its worker's
        // earlier items, never another worker's (no sharing, no lock).
        let seen = map_each(&items, Vec::new, |room: &mut Vec<usize>, &n| {
            room.push(n);
            room.iter().all(|&earlier| earlier <= n)
        });
        assert!(seen.into_iter().all(|in_order| in_order));
    }

    #[test]
    fn owned_items_come_back_in_their_order() {
        let words: Vec<String> = (0..5_000).map(|n| n.to_string()).collect();
        let lengths = map_each_owned(words.clone(), |word| word.len());
        assert_eq!(lengths, words.iter().map(String::len).collect::<Vec<_>>());
    }
}
