//! Where the stored data came from: the demo, an import, a sync or CSV exports. It decides
//! whether real data replaces what is stored or merges into it, and whether a first sync may
//! start by itself (`ConnectionSettings::sync_due`). Pure, so the rules that read it are tested
//! natively.

use serde::{Deserialize, Serialize};

/// Where the stored data came from. Stored as its snake_case name (`"demo"`, ...), the names
/// earlier versions wrote as plain strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataOrigin {
    /// The built-in demo: the first sync or CSV import replaces it whole. (Earlier versions'
    /// default meta said `""`.)
    #[default]
    #[serde(alias = "")]
    Demo,
    /// A bundle or a state export the user imported: the business's own data.
    Import,
    /// Synced from the phone system and the CRM.
    Sync,
    /// Merged from CSV exports.
    Csv,
}

impl DataOrigin {
    /// Only the demo describes another business: real data merges into everything else, and
    /// the action log (what people did) is kept.
    pub fn is_replaced_by_real_data(self) -> bool {
        self == DataOrigin::Demo
    }

    pub fn label(self) -> &'static str {
        match self {
            DataOrigin::Demo => "Demo data",
            DataOrigin::Import => "Imported bundle",
            DataOrigin::Sync => "Synced",
            DataOrigin::Csv => "Imported CSV",
        }
    }
}
