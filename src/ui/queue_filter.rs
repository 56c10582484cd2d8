//! The review queue's filter: which work items the intake lead wants to see. Pure data.

use crate::engine::decision::{Action, Urgency};
use crate::store::WorkItem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Progress {
    /// No disposition yet.
    #[default]
    Open,
    Done,
    All,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueueFilter {
    pub action: Option<Action>,
    pub urgency: Option<Urgency>,
    pub source: Option<String>,
    /// `Some("")` means "no owner".
    pub owner: Option<String>,
    pub stale_only: bool,
    pub after_hours_only: bool,
    pub progress: Progress,
    /// Name or number, any part, case ignored.
    pub search: String,
}

impl QueueFilter {
    pub fn matches(&self, item: &WorkItem) -> bool {
        let progress_ok = match self.progress {
            Progress::Open => !item.done(),
            Progress::Done => item.done(),
            Progress::All => true,
        };
        progress_ok
            && self.action.is_none_or(|a| a == item.action)
            && self.urgency.is_none_or(|u| u == item.urgency)
            && self.source.as_ref().is_none_or(|s| s == &item.source)
            && self.owner.as_ref().is_none_or(|o| item.owner.as_deref().unwrap_or("") == o)
            && (!self.stale_only || item.stale)
            && (!self.after_hours_only || item.after_hours)
            && self.search_matches(item)
    }

    fn search_matches(&self, item: &WorkItem) -> bool {
        let query = self.search.trim().to_lowercase();
        if query.is_empty() {
            return true;
        }
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        let is_number_query = digits.len() >= 3 && query.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if is_number_query {
            item.search_key.contains(&digits)
        } else {
            item.search_key.contains(&query)
        }
    }
}
