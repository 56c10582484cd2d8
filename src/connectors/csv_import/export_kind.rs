//! What a dropped CSV holds (call log, contacts, deals or tickets), guessed from its headers so
//! the drop zone can offer the right mapping; the person can always change the guess.

use super::{CallField, ColumnMapping, ContactField, DealField, Field, TicketField};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportKind {
    Calls,
    Contacts,
    Deals,
    Tickets,
}

impl ExportKind {
    pub const ALL: [ExportKind; 4] = [ExportKind::Calls, ExportKind::Contacts, ExportKind::Deals, ExportKind::Tickets];

    pub fn label(self) -> &'static str {
        match self {
            ExportKind::Calls => "calls",
            ExportKind::Contacts => "contacts",
            ExportKind::Deals => "deals (open leads)",
            ExportKind::Tickets => "tickets",
        }
    }
}

/// How well the headers fit one kind: `None` when a required field has no column, else the
/// number of fields that found one.
fn fit<F: Field>(headers: &[String]) -> Option<usize> {
    let mapping = ColumnMapping::<F>::detect(headers);
    F::ALL.iter().all(|f| !f.required() || mapping.columns.contains_key(f)).then_some(mapping.columns.len())
}

/// The kind whose required fields all have a column and whose fields find the most columns;
/// calls when nothing fits (the drop zone's first use, and its mapping shows what is missing).
pub fn guess_export_kind(headers: &[String]) -> ExportKind {
    let fits = [
        (ExportKind::Calls, fit::<CallField>(headers)),
        (ExportKind::Contacts, fit::<ContactField>(headers)),
        (ExportKind::Deals, fit::<DealField>(headers)),
        (ExportKind::Tickets, fit::<TicketField>(headers)),
    ];
    // `max_by_key` keeps the last of equals; reversing makes the earlier kind win a tie.
    fits.into_iter()
        .rev()
        .filter_map(|(kind, score)| score.map(|s| (kind, s)))
        .max_by_key(|(_, score)| *score)
        .map_or(ExportKind::Calls, |(kind, _)| kind)
}
