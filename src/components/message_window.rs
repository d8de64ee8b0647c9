//! Which of a conversation's loaded messages are in the document.
//!
//! A long conversation keeps every loaded message in memory, but only a
//! stretch of at most [`WINDOW`] of them is drawn: the newest ones while
//! the person reads at the bottom, or a stretch ending at a given message
//! once they scroll up. Scrolling near either edge moves the stretch by
//! [`STEP`]. Positions are message `seq`s, not indices, so a page of older
//! messages arriving in front changes nothing that is drawn.

use std::ops::Range;

/// At most this many messages are in the document at once.
pub const WINDOW: usize = 120;
/// How many messages the stretch moves by when scrolling reaches its edge.
pub const STEP: usize = 40;

/// The stretch of messages in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// The newest messages; what arrives is drawn as it comes.
    #[default]
    Newest,
    /// The stretch whose newest message is the one with this `seq` (or the
    /// newest before it); what arrives after it is not drawn.
    Ending(i64),
}

impl Window {
    /// The indices into `seqs` (every loaded message's seq, oldest first)
    /// of the messages drawn: at most [`WINDOW`], and as many as there are
    /// up to that.
    pub fn range(self, seqs: &[i64]) -> Range<usize> {
        let len = seqs.len();
        let end = match self {
            Window::Newest => len,
            Window::Ending(seq) => seqs.partition_point(|s| *s <= seq),
        };
        let start = end.saturating_sub(WINDOW);
        start..len.min(start + WINDOW)
    }

    /// Whether the oldest loaded message is drawn.
    pub fn at_oldest(self, seqs: &[i64]) -> bool {
        self.range(seqs).start == 0
    }

    /// Whether the newest loaded message is drawn.
    pub fn at_newest(self, seqs: &[i64]) -> bool {
        self.range(seqs).end == seqs.len()
    }

    /// The stretch [`STEP`] messages older, as far as they are loaded.
    pub fn older(self, seqs: &[i64]) -> Window {
        let range = self.range(seqs);
        if range.start == 0 {
            return self;
        }
        let end = range.end.saturating_sub(STEP).max(WINDOW.min(seqs.len()));
        Self::ending_at(seqs, end)
    }

    /// The stretch [`STEP`] messages newer; the newest once it reaches them.
    pub fn newer(self, seqs: &[i64]) -> Window {
        Self::ending_at(seqs, self.range(seqs).end + STEP)
    }

    /// The stretch with the message `seq` in its middle.
    pub fn around(seq: i64, seqs: &[i64]) -> Window {
        let index = seqs.partition_point(|s| *s < seq);
        Self::ending_at(seqs, index + WINDOW / 2)
    }

    /// The stretch that ends before index `end`: the newest from the last one.
    fn ending_at(seqs: &[i64], end: usize) -> Window {
        if end >= seqs.len() {
            return Window::Newest;
        }
        match end.checked_sub(1) {
            Some(last) => Window::Ending(seqs[last]),
            None => Window::Ending(i64::MIN),
        }
    }

    /// The same stretch, no longer following what arrives: the person
    /// scrolled up, and new messages must not move what they read.
    pub fn held(self, seqs: &[i64]) -> Window {
        match (self, seqs.last()) {
            (Window::Newest, Some(last)) => Window::Ending(*last),
            _ => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seqs(n: i64) -> Vec<i64> {
        (1..=n).collect()
    }

    #[test]
    fn a_short_conversation_is_drawn_whole() {
        let list = seqs(30);
        assert_eq!(Window::Newest.range(&list), 0..30);
        assert_eq!(Window::Ending(10).range(&list), 0..30);
        assert!(Window::Newest.at_oldest(&list) && Window::Newest.at_newest(&list));
        assert_eq!(Window::Newest.older(&list), Window::Newest);
        assert_eq!(Window::Newest.range(&[]), 0..0);
    }

    #[test]
    fn a_long_one_draws_the_newest_window() {
        let list = seqs(10_000);
        assert_eq!(Window::Newest.range(&list), 9_880..10_000);
        assert!(!Window::Newest.at_oldest(&list));
    }

    #[test]
    fn scrolling_up_moves_by_a_step_and_stops_at_the_oldest() {
        let list = seqs(300);
        let mut window = Window::Newest;
        let mut starts = Vec::new();
        while !window.at_oldest(&list) {
            window = window.older(&list);
            let range = window.range(&list);
            assert_eq!(range.len(), WINDOW);
            starts.push(range.start);
        }
        assert_eq!(starts, [140, 100, 60, 20, 0]);
        assert_eq!(window.older(&list), window, "nothing older is loaded");
        // And back down, ending at the newest, which follows again.
        let mut ends = Vec::new();
        while window != Window::Newest {
            window = window.newer(&list);
            ends.push(window.range(&list).end);
        }
        assert_eq!(ends, [160, 200, 240, 280, 300]);
    }

    #[test]
    fn older_messages_arriving_in_front_move_nothing_drawn() {
        let window = Window::Ending(250);
        let before: Vec<i64> = (101..=300).collect();
        let after: Vec<i64> = (51..=300).collect();
        let drawn = |list: &[i64]| list[window.range(list)].to_vec();
        assert_eq!(drawn(&before), drawn(&after));
    }

    #[test]
    fn new_messages_move_a_held_window_not_at_all() {
        let list = seqs(200);
        let held = Window::Newest.held(&list);
        let drawn = list[held.range(&list)].to_vec();
        let grown = seqs(205);
        assert_eq!(grown[held.range(&grown)].to_vec(), drawn);
        assert!(!held.at_newest(&grown));
        assert_eq!(Window::Newest.held(&[]), Window::Newest);
    }

    #[test]
    fn a_jump_centres_the_message() {
        let list = seqs(1_000);
        let window = Window::around(400, &list);
        let range = window.range(&list);
        assert!(range.contains(&399), "{range:?}");
        assert_eq!(range, 339..459);
        assert_eq!(Window::around(990, &list), Window::Newest);
        assert_eq!(Window::around(1, &list).range(&list), 0..WINDOW);
    }

    #[test]
    fn the_bound_holds_whatever_the_moves() {
        let list = seqs(2_345);
        let mut window = Window::Newest;
        for step in 0..200 {
            window = match step % 7 {
                0 | 1 | 3 => window.older(&list),
                2 | 5 => window.newer(&list),
                4 => Window::around((step * 37) % 2_345, &list),
                _ => window.held(&list),
            };
            assert!(window.range(&list).len() <= WINDOW);
            assert!(window.range(&list).end <= list.len());
        }
    }
}
