//! Following a list's cursors (HubSpot's `after`, Twilio's `next_page_uri`) safely: a service
//! that hands back a cursor it already gave, or never stops paging, must end a sync with an
//! error instead of looping for ever.

use std::collections::HashSet;

use super::ConnectorError;

/// More pages than any real account has (at 100 records a page: ten million records).
pub const MAX_PAGES: usize = 100_000;

/// The cursors one list has handed out so far.
#[derive(Debug, Default, Clone)]
pub struct Cursors {
    seen: HashSet<String>,
}

impl Cursors {
    /// Accepts the cursor to the next page, or `None` at the end of the list. A cursor seen
    /// before, or one page too many, is the service's error.
    pub fn next(
        &mut self,
        service: &'static str,
        list: &str,
        cursor: Option<String>,
    ) -> Result<Option<String>, ConnectorError> {
        let Some(cursor) = cursor else { return Ok(None) };
        if self.seen.len() >= MAX_PAGES {
            return Err(ConnectorError::Malformed { service, what: format!("{list}: more than {MAX_PAGES} pages") });
        }
        if !self.seen.insert(cursor.clone()) {
            return Err(ConnectorError::Malformed { service, what: format!("{list}: a page cursor came back twice") });
        }
        Ok(Some(cursor))
    }

    /// A new list starts (the next kind of record): its cursors are its own.
    pub fn restart(&mut self) {
        self.seen.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_that_comes_back_ends_the_list_with_an_error() {
        let mut cursors = Cursors::default();
        assert_eq!(cursors.next("HubSpot", "contacts", Some("100".into())), Ok(Some("100".into())));
        assert!(cursors.next("HubSpot", "contacts", Some("100".into())).is_err());
    }

    #[test]
    fn the_end_of_a_list_is_no_cursor() {
        assert_eq!(Cursors::default().next("Twilio", "calls", None), Ok(None));
    }
}
