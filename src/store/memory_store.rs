//! The store when the browser refuses IndexedDB: the same three object stores as maps in the
//! page's memory, for as long as the page is open.
//!
//! A CRM's sidebar is a cross-site iframe, and a browser that blocks third-party storage
//! (Chromium with third-party cookies blocked, Safari, Firefox's strict mode) answers the
//! frame's `indexedDB.open` with an error. The sidebar must still work there: it keeps its
//! state here, says so, and what matters reaches the CRM through the server. Each method does
//! what the IndexedDB transaction of the same name in `idb_store` does, all of it or none of it
//! (a refusal is found before anything changes).

use std::collections::BTreeMap;

use super::idb_store::{StoreError, StoreMeta, StoredQueue, StoredState, QUEUE, UNREADABLE_PREFIX};

#[derive(Debug, Default)]
pub struct MemoryDb {
    state: BTreeMap<String, String>,
    actions: BTreeMap<String, String>,
    outbox: BTreeMap<String, String>,
}

impl MemoryDb {
    pub fn load_stored(&self) -> Result<Option<StoredState>, StoreError> {
        let Some(bundle) = self.state.get("bundle").cloned() else { return Ok(None) };
        let meta: StoreMeta = match self.state.get("meta") {
            Some(text) => serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            None => StoreMeta::default(),
        };
        let actions: Vec<String> = self.actions.values().cloned().collect();
        let queue = self
            .state
            .get(QUEUE)
            .and_then(|text| serde_json::from_str::<StoredQueue>(text).ok())
            .filter(|q| q.actions == actions.len());
        Ok(Some(StoredState { bundle, actions, meta, queue }))
    }

    pub fn state_text(&self, key: &str) -> Option<String> {
        self.state.get(key).cloned()
    }

    pub fn back_up_unreadable(&mut self, key: String, text: impl FnOnce(&Self) -> String) -> (String, String) {
        let text = text(self);
        self.state.insert(key.clone(), text.clone());
        (key, text)
    }

    /// The records `back_up_unreadable` copies: `state` (without earlier backups) and `actions`.
    pub fn records(&self) -> [Vec<(String, String)>; 2] {
        let pairs = |map: &BTreeMap<String, String>| -> Vec<(String, String)> {
            map.iter().filter(|(k, _)| !k.starts_with(UNREADABLE_PREFIX)).map(|(k, v)| (k.clone(), v.clone())).collect()
        };
        [pairs(&self.state), pairs(&self.actions)]
    }

    pub fn replace(&mut self, bundle: &str, actions: Vec<(String, String)>, meta: String) {
        self.actions = actions.into_iter().collect();
        self.state.remove(QUEUE);
        self.state.insert("bundle".into(), bundle.to_owned());
        self.state.insert("meta".into(), meta);
    }

    pub fn stored(&self, key: &str) -> Option<&str> {
        self.state.get(key).map(String::as_str)
    }

    /// Writes `key`; a new bundle drops the stored queue, as in IndexedDB.
    pub fn put_state(&mut self, key: &str, text: String) {
        if key == "bundle" {
            self.state.remove(QUEUE);
        }
        self.state.insert(key.to_owned(), text);
    }

    /// Writes `key` (as `put_state`) and adds the action `id`, or neither when `id` is logged.
    pub fn put_state_logged(&mut self, key: &str, text: String, id: &str, record: String) -> Result<(), StoreError> {
        self.append(id, record)?;
        self.put_state(key, text);
        Ok(())
    }

    pub fn append(&mut self, id: &str, record: String) -> Result<(), StoreError> {
        if self.actions.contains_key(id) {
            return Err(StoreError::AlreadyLogged(id.to_owned()));
        }
        self.actions.insert(id.to_owned(), record);
        Ok(())
    }

    pub fn action_text(&self, id: &str) -> Option<&str> {
        self.actions.get(id).map(String::as_str)
    }

    /// Overwrites the action `id` (a `when` brought to RFC 3339).
    pub fn put_action(&mut self, id: &str, record: String) {
        self.actions.insert(id.to_owned(), record);
    }

    pub fn outbox_texts(&self) -> Vec<String> {
        self.outbox.values().cloned().collect()
    }

    pub fn outbox_text(&self, id: &str) -> Option<&str> {
        self.outbox.get(id).map(String::as_str)
    }

    /// Adds entries not queued yet; returns how many were new.
    pub fn enqueue(&mut self, entries: Vec<(String, String)>) -> usize {
        let mut added = 0;
        for (id, text) in entries {
            if let std::collections::btree_map::Entry::Vacant(slot) = self.outbox.entry(id) {
                slot.insert(text);
                added += 1;
            }
        }
        added
    }

    pub fn put_entry(&mut self, id: &str, text: String) {
        self.outbox.insert(id.to_owned(), text);
    }

    pub fn clear_outbox(&mut self) {
        self.outbox.clear();
    }
}
