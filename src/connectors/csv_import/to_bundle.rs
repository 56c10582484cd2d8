//! A night's exports into one triage bundle: what `callback-clock import` does, and what the
//! app's CSV drop zone can call with the same files.
//!
//! All or nothing: every file is read first, and only when none has a fatal error is a bundle
//! made. Row issues come back beside the bundle, each naming its file.

use std::fmt;

use jiff::tz::TimeZone;

use super::{
    import_calls, import_contacts, import_deals, import_tickets, read_headers, CallField, ColumnMapping, ImportError,
    RowIssue,
};
use crate::engine::bundle::{Bundle, Config, Crm, Instant};

/// One export as read from disk or a browser file input.
#[derive(Debug, Clone, Copy)]
pub struct NamedFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

#[derive(Debug, Clone, Default)]
pub struct ExportFiles<'a> {
    pub calls: Vec<NamedFile<'a>>,
    /// Columns named by hand for the calls files (the CLI's `--map`, the app's mapping
    /// editor); every other field keeps the column detected from each file's headers.
    pub call_columns: ColumnMapping<CallField>,
    pub contacts: Option<NamedFile<'a>>,
    pub deals: Option<NamedFile<'a>>,
    pub tickets: Option<NamedFile<'a>>,
}

/// A row left out, and the file it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIssue {
    pub file: String,
    pub issue: RowIssue,
}

impl fmt::Display for FileIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.issue)
    }
}

/// A file that stopped the import; no bundle was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {error}")]
pub struct FileError {
    pub file: String,
    pub error: ImportError,
}

/// The bundle for `now`, from `config` and the exports. Local times in the exports are read
/// in `zone` (the business's time zone, `config.timezone`).
pub fn bundle_from_exports(
    config: Config,
    now: Instant,
    files: &ExportFiles<'_>,
    zone: &TimeZone,
) -> Result<(Bundle, Vec<FileIssue>), FileError> {
    let fail = |file: &NamedFile<'_>| {
        let name = file.name.to_owned();
        move |error| FileError { file: name, error }
    };
    let mut issues = Vec::new();
    let mut note = |file: &NamedFile<'_>, row_issues: Vec<RowIssue>| {
        issues.extend(row_issues.into_iter().map(|issue| FileIssue { file: file.name.to_owned(), issue }));
    };
    let mut calls = Vec::new();
    for file in &files.calls {
        let mapping = match files.call_columns.columns.is_empty() {
            true => None,
            false => {
                let mut mapping = ColumnMapping::detect(&read_headers(file.bytes).map_err(fail(file))?);
                mapping.columns.extend(files.call_columns.columns.clone());
                Some(mapping)
            }
        };
        let (imported, _format) = import_calls(file.bytes, mapping.as_ref(), zone).map_err(fail(file))?;
        calls.extend(imported.records);
        note(file, imported.issues);
    }
    let mut crm = Crm::default();
    if let Some(file) = &files.contacts {
        let imported = import_contacts(file.bytes, None, &config.owners).map_err(fail(file))?;
        crm.contacts = imported.records;
        note(file, imported.issues);
    }
    if let Some(file) = &files.deals {
        let imported = import_deals(file.bytes, None, &config.owners).map_err(fail(file))?;
        crm.leads = imported.records;
        note(file, imported.issues);
    }
    if let Some(file) = &files.tickets {
        let imported = import_tickets(file.bytes, None).map_err(fail(file))?;
        crm.tickets = imported.records;
        note(file, imported.issues);
    }
    // Several exports of one night overlap; the engine keeps the first of a call id as the call.
    calls.sort_by(|a, b| a.started_at.cmp(&b.started_at).then_with(|| a.id.cmp(&b.id)));
    Ok((Bundle { now, config, crm: crm.into(), calls, activities: Vec::new() }, issues))
}
