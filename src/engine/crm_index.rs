//! Index over CRM contacts, leads and tickets, and `match_caller` (TRIAGE.md rule 4).
//!
//! Everything is indexed once, in `build`, for the bundle's callers (their numbers → people,
//! contact → best open lead and first open ticket, and the names of the callers no number
//! matches → the records that carry them), so matching one caller is a few lookups: a bundle
//! carries 100,000 contacts and 10,000 calls, and a scan per call would not finish in time.
//!
//! A "person" is a contact, or a lead that carries its own phone and no known contact (a
//! web-form lead not yet tied to a contact). A lead whose `contact_id` names a contact is
//! that contact: its phone reaches the contact. A `contact_id` naming no contact in the
//! bundle is treated like no `contact_id`, because there is no contact to return.

use rustc_hash::FxHashMap as HashMap;
use std::hash::BuildHasher;

use super::bundle::{Call, Contact, Crm, Lead, LeadStatus, Ticket, TicketStatus};
use super::decision::MatchKind;
use super::phone::{is_withheld_phrase, CallerId, PhoneNormalizer};

/// One person reachable on a number. Ordered so that candidates list contacts in input
/// order first, then lead-only people in input order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Person {
    /// Index into `crm.contacts` of the first contact with that id.
    Contact(usize),
    /// Index into `crm.leads` of a lead standing alone.
    Lead(usize),
}

/// The people on one number in 8 bytes: one person, or the index of a shared number's list
/// in `CrmIndex::shared`. Every CRM phone (120,000 in the benchmark) is looked up in the
/// table of the callers' numbers: small entries keep that table in the cache.
#[derive(Debug, Clone, Copy)]
struct People(u64);

/// What a `People` holds.
enum OnNumber {
    One(Person),
    /// An index into `CrmIndex::shared`.
    Shared(usize),
}

impl People {
    const SHARED: u64 = 1 << 63;
    const LEAD: u64 = 1 << 62;
    const INDEX: u64 = Self::LEAD - 1;

    fn one(person: Person) -> Self {
        People(match person {
            Person::Contact(i) => i as u64,
            Person::Lead(i) => i as u64 | Self::LEAD,
        })
    }

    fn shared(list: usize) -> Self {
        People(list as u64 | Self::SHARED)
    }

    fn unpack(self) -> OnNumber {
        let index = (self.0 & Self::INDEX) as usize;
        if self.0 & Self::SHARED != 0 {
            OnNumber::Shared(index)
        } else if self.0 & Self::LEAD != 0 {
            OnNumber::One(Person::Lead(index))
        } else {
            OnNumber::One(Person::Contact(index))
        }
    }
}

/// A contact or lead that carries a name: its index, with the top bit set for a lead.
#[derive(Debug, Clone, Copy)]
struct NamedRecord(u64);

impl NamedRecord {
    const LEAD: u64 = 1 << 63;

    fn contact(i: usize) -> Self {
        NamedRecord(i as u64)
    }

    fn lead(i: usize) -> Self {
        NamedRecord(i as u64 | Self::LEAD)
    }

    fn lead_index(self) -> Option<usize> {
        (self.0 & Self::LEAD != 0).then_some((self.0 & !Self::LEAD) as usize)
    }

    fn contact_index(self) -> usize {
        self.0 as usize
    }
}

/// The CRM, indexed for the callers of one bundle, so matching a call is a lookup.
///
/// Only what those callers can ask for is kept: the numbers they call from, and the names of
/// the callers no number matches. A CRM of 100,000 contacts holds some 120,000 numbers and as
/// many names; a bundle of 10,000 calls asks for a few thousand of each. Every CRM phone (and,
/// when a caller asks by name, every name) is still read once, but the tables they are looked
/// up in stay small enough for the cache, and nothing is stored for the rest.
pub struct CrmIndex<'a> {
    crm: &'a Crm,
    /// Where each caller given to `build` finds its match, by position.
    callers: Vec<Lookup>,
    /// The people of each number that reaches more than one, each list in candidate order.
    shared: Vec<Vec<Person>>,
    /// Contact id → index of its first record (ids repeated in an export are one contact).
    contact_by_id: ContactIds,
    /// Some contact id appears on more than one record.
    contact_ids_repeat: bool,
    /// Contact id → its open lead with the highest amount (first in input on a tie).
    best_open_lead: HashMap<&'a str, &'a Lead>,
    /// Contact id → its first open ticket in input order.
    first_open_ticket: HashMap<&'a str, &'a Ticket>,
    /// The named records of the names the callers ask for.
    by_name: NameIndex,
}

/// Contact id → index of the first contact with that id, holding only the index: the id is
/// read from the contact when a probe needs it.
///
/// Every contact is inserted (100,000 in the benchmark) at a random place in the table. Entries
/// of 4 bytes keep the whole table in a core's cache (some 640 KB with its control bytes,
/// against 3 MB for `(&str, usize)` entries), so an insert is no longer a cache miss; a new id
/// almost never reads another contact's id, as the table's 7-bit tags rule out nearly every
/// other entry first.
struct ContactIds {
    table: hashbrown::HashTable<u32>,
}

impl ContactIds {
    fn with_capacity(contacts: usize) -> Self {
        ContactIds { table: hashbrown::HashTable::with_capacity(contacts) }
    }

    fn hash(id: &str) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(id)
    }

    /// The first contact with `contacts[i]`'s id: `i` itself when it is the first.
    fn first_or_insert(&mut self, contacts: &[Contact], i: usize) -> usize {
        let id = contacts[i].id.as_str();
        let same_id = |&j: &u32| contacts[j as usize].id == id;
        match self.table.entry(Self::hash(id), same_id, |&j| Self::hash(&contacts[j as usize].id)) {
            hashbrown::hash_table::Entry::Occupied(first) => *first.get() as usize,
            hashbrown::hash_table::Entry::Vacant(slot) => {
                // A bundle's contacts number far fewer than 2^32: each takes over 100 bytes.
                slot.insert(u32::try_from(i).expect("fewer than 2^32 contacts"));
                i
            }
        }
    }

    /// The first contact with this id.
    fn get(&self, contacts: &[Contact], id: &str) -> Option<usize> {
        self.table.find(Self::hash(id), |&j| contacts[j as usize].id == id).map(|&j| j as usize)
    }

    /// How many distinct ids.
    fn len(&self) -> usize {
        self.table.len()
    }
}

/// A call's caller as the CRM index sees it: the number it called from and the name its
/// phone system gave.
#[derive(Debug, Clone, Copy)]
pub struct Caller<'c> {
    pub id: &'c CallerId,
    pub name: Option<&'c str>,
}

impl<'c> Caller<'c> {
    /// The callers of `calls`, whose caller ids `ids` holds by call position.
    pub fn of_calls(ids: &'c [CallerId], calls: &'c [Call]) -> Vec<Caller<'c>> {
        ids.iter().zip(calls).map(|(id, call)| Caller { id, name: call.caller_name.as_deref() }).collect()
    }
}

/// Where one caller's match is found, settled while the index is built.
#[derive(Debug, Clone, Copy)]
enum Lookup {
    /// The people on the caller's number.
    Number(People),
    /// Nobody on the number (or no number): the records of this `NameIndex` group carry the
    /// caller's name, if any do.
    Name(usize),
    /// Nobody on the number and no name to go on.
    Nothing,
}

/// The named records of the names callers ask for, grouped by their compared name
/// (`fold_name_into`).
///
/// A name is one table probe away and the probe compares the folded names themselves, so a
/// group's records need no further check: a common name lists dozens of records, and reading
/// each one's name again on every lookup cost more than the lookup. The folded names sit in
/// one string and the groups in two flat lists rather than a map of lists.
#[derive(Default)]
struct NameIndex {
    /// (hash of the folded name, group number); the name itself is `names[group]`.
    groups: hashbrown::HashTable<(u64, usize)>,
    /// The folded names one after another: group g's ends at `name_ends[g]`.
    names: String,
    name_ends: Vec<usize>,
    /// Group g's records are `records[record_starts[g]..record_starts[g + 1]]`, contacts then
    /// leads, each in input order.
    record_starts: Vec<usize>,
    records: Vec<NamedRecord>,
}

impl NameIndex {
    /// The group of the folded name `folded` (hash `hash`), made on the first ask.
    fn ask(&mut self, hash: u64, folded: &str) -> usize {
        if let Some(group) = self.group(hash, folded) {
            return group;
        }
        let group = self.name_ends.len();
        self.names.push_str(folded);
        self.name_ends.push(self.names.len());
        self.groups.insert_unique(hash, (hash, group), |&(hash, _)| hash);
        group
    }

    /// Puts every named record of the CRM whose name was asked for in its group. When nobody
    /// asked, the CRM's names are not read at all.
    fn gather(&mut self, crm: &Crm) {
        self.record_starts = vec![0; self.name_ends.len() + 1];
        if self.name_ends.is_empty() {
            return;
        }
        let contact_names = crm.contacts.iter().enumerate().map(|(i, c)| (c.name.as_deref(), NamedRecord::contact(i)));
        let lead_names = crm.leads.iter().enumerate().map(|(i, lead)| (lead.name.as_deref(), NamedRecord::lead(i)));
        let mut folded = String::new();
        let mut grouped: Vec<(usize, NamedRecord)> = Vec::new();
        for (name, record) in contact_names.chain(lead_names) {
            let Some(name) = name else { continue };
            // Most names are ASCII and asked for by nobody: hashed as they are read, they are
            // folded into `folded` only when an asked name has the same hash.
            let (hash, mut is_folded) =
                if name.is_ascii() { (ascii_name_hash(name), false) } else { (name_hash(name, &mut folded), true) };
            let Some(hash) = hash else { continue };
            let found = self.groups.find(hash, |&(h, group)| {
                if h != hash {
                    return false;
                }
                if !is_folded {
                    fold_name_into(name, &mut folded);
                    is_folded = true;
                }
                self.name(group) == folded
            });
            if let Some(&(_, group)) = found {
                grouped.push((group, record));
            }
        }
        // A counting sort: each group's records in input order, without comparing anything.
        let starts = &mut self.record_starts;
        for &(group, _) in &grouped {
            starts[group + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut next = starts.clone();
        self.records = vec![NamedRecord(0); grouped.len()];
        for (group, record) in grouped {
            self.records[next[group]] = record;
            next[group] += 1;
        }
    }

    /// The group of the folded name `folded`, whose hash is `hash`.
    fn group(&self, hash: u64, folded: &str) -> Option<usize> {
        self.groups.find(hash, |&(h, group)| h == hash && self.name(group) == folded).map(|&(_, group)| group)
    }

    /// Group `group`'s folded name.
    fn name(&self, group: usize) -> &str {
        &self.names[group.checked_sub(1).map_or(0, |g| self.name_ends[g])..self.name_ends[group]]
    }

    /// The records of a group `ask` returned, once `gather` has run.
    fn records(&self, group: usize) -> &[NamedRecord] {
        &self.records[self.record_starts[group]..self.record_starts[group + 1]]
    }
}

/// The result of matching one caller against the CRM.
#[derive(Debug, Clone)]
pub struct CallerMatch<'a> {
    pub kind: MatchKind,
    pub contact: Option<&'a Contact>,
    /// The open lead with the highest amount (kind `open_lead`), or the matched lead.
    pub lead: Option<&'a Lead>,
    /// An open ticket of the matched contact.
    pub open_ticket: Option<&'a Ticket>,
    /// Contact or lead ids for a person to choose from (ambiguous number, same name).
    pub candidates: Vec<String>,
    /// No number matched but a record carries the caller's name.
    pub possible_duplicate: bool,
}

impl<'a> CallerMatch<'a> {
    fn nothing() -> Self {
        CallerMatch {
            kind: MatchKind::None,
            contact: None,
            lead: None,
            open_ticket: None,
            candidates: Vec::new(),
            possible_duplicate: false,
        }
    }
}

impl<'a> CrmIndex<'a> {
    /// Indexes `crm` for `callers`: `match_caller(i)` then answers for `callers[i]`.
    pub fn build(crm: &'a Crm, phones: &PhoneNormalizer, callers: &[Caller<'_>]) -> Self {
        // The numbers the callers call from, each with the people on it once the CRM is read.
        let mut by_phone: HashMap<u64, Option<People>> =
            HashMap::with_capacity_and_hasher(callers.len(), Default::default());
        for caller in callers {
            if let CallerId::Valid(number) = caller.id {
                by_phone.insert(number.digits(), None);
            }
        }
        let mut contact_by_id = ContactIds::with_capacity(crm.contacts.len());
        let mut shared = Vec::new();
        for (i, contact) in crm.contacts.iter().enumerate() {
            // A repeated id is the same contact: its phones join the first record's.
            let first = contact_by_id.first_or_insert(&crm.contacts, i);
            for raw in &contact.phones {
                add_phone(&mut by_phone, &mut shared, phones, raw, Person::Contact(first));
            }
        }
        let person_of_lead = |i: usize, lead: &Lead| match lead
            .contact_id
            .as_deref()
            .and_then(|id| contact_by_id.get(&crm.contacts, id))
        {
            Some(contact) => Person::Contact(contact),
            None => Person::Lead(i),
        };
        for (i, lead) in crm.leads.iter().enumerate() {
            if let Some(raw) = &lead.phone {
                add_phone(&mut by_phone, &mut shared, phones, raw, person_of_lead(i, lead));
            }
        }
        // Contacts were added before leads, so only a lead's phone can put a contact after
        // a lead-only person; sorting restores "contacts first, then leads, input order".
        for list in &mut shared {
            list.sort_unstable();
        }

        // Nobody on the number: the caller's name is all there is to go on.
        let mut by_name = NameIndex::default();
        let mut folded = String::new();
        let callers = callers
            .iter()
            .map(|caller| {
                let people = match caller.id {
                    CallerId::Valid(number) => by_phone.get(&number.digits()).copied().flatten(),
                    CallerId::Withheld | CallerId::Invalid => None,
                };
                if let Some(people) = people {
                    return Lookup::Number(people);
                }
                // A phone system's "Unknown Caller" or "Anonymous" is no name at all.
                let name = caller.name.filter(|name| !is_withheld_phrase(name));
                match name.and_then(|name| name_hash(name, &mut folded)) {
                    Some(hash) => Lookup::Name(by_name.ask(hash, &folded)),
                    None => Lookup::Nothing,
                }
            })
            .collect();
        by_name.gather(crm);

        let mut best_open_lead: HashMap<&'a str, &'a Lead> =
            HashMap::with_capacity_and_hasher(crm.leads.len(), Default::default());
        for lead in crm.leads.iter().filter(|lead| lead.status == LeadStatus::Open) {
            let Some(contact_id) = lead.contact_id.as_deref() else { continue };
            best_open_lead
                .entry(contact_id)
                .and_modify(|best| {
                    if amount_rank(lead) > amount_rank(best) {
                        *best = lead;
                    }
                })
                .or_insert(lead);
        }

        let mut first_open_ticket: HashMap<&'a str, &'a Ticket> =
            HashMap::with_capacity_and_hasher(crm.tickets.len(), Default::default());
        for ticket in crm.tickets.iter().filter(|ticket| ticket.status == TicketStatus::Open) {
            first_open_ticket.entry(ticket.contact_id.as_str()).or_insert(ticket);
        }

        let contact_ids_repeat = contact_by_id.len() < crm.contacts.len();
        CrmIndex { crm, callers, shared, contact_by_id, contact_ids_repeat, best_open_lead, first_open_ticket, by_name }
    }

    /// The match of `callers[caller]`, the callers the index was built for.
    pub fn match_caller(&self, caller: usize) -> CallerMatch<'a> {
        match self.callers[caller] {
            Lookup::Number(people) => match people.unpack() {
                OnNumber::One(person) => self.matched(person),
                OnNumber::Shared(list) => CallerMatch {
                    kind: MatchKind::Ambiguous,
                    candidates: self.shared[list].iter().map(|&person| self.id_of(person).to_owned()).collect(),
                    ..CallerMatch::nothing()
                },
            },
            Lookup::Name(group) => self.by_caller_name(group),
            Lookup::Nothing => CallerMatch::nothing(),
        }
    }

    /// One person on the number.
    fn matched(&self, person: Person) -> CallerMatch<'a> {
        let crm: &'a Crm = self.crm;
        match person {
            Person::Contact(i) => {
                let contact = &crm.contacts[i];
                let id = contact.id.as_str();
                let lead = self.best_open_lead.get(id).copied();
                let kind = if lead.is_some() {
                    MatchKind::OpenLead
                } else if contact.customer {
                    MatchKind::Customer
                } else {
                    MatchKind::Contact
                };
                CallerMatch {
                    kind,
                    contact: Some(contact),
                    lead,
                    open_ticket: self.first_open_ticket.get(id).copied(),
                    ..CallerMatch::nothing()
                }
            }
            // A lead-only person: open, it is the open lead. Won or lost, the caller is a
            // known person but no customer record exists, so kind `contact` with the lead
            // set (its owner and history are the best context) and no contact.
            Person::Lead(i) => {
                let lead = &crm.leads[i];
                let kind = if lead.status == LeadStatus::Open { MatchKind::OpenLead } else { MatchKind::Contact };
                CallerMatch { kind, lead: Some(lead), ..CallerMatch::nothing() }
            }
        }
    }

    /// No number to go on: records with the caller's name (group `group` of the name
    /// index) are possible duplicates.
    fn by_caller_name(&self, group: usize) -> CallerMatch<'a> {
        let mut people: Vec<Person> =
            self.by_name.records(group).iter().map(|&record| self.person_of(record)).collect();
        // A named lead of a known contact is that contact again, so the reviewer is not
        // offered one person twice.
        people.sort_unstable();
        people.dedup();
        if people.is_empty() {
            return CallerMatch::nothing();
        }
        CallerMatch {
            candidates: people.iter().map(|&person| self.id_of(person).to_owned()).collect(),
            possible_duplicate: true,
            ..CallerMatch::nothing()
        }
    }

    fn id_of(&self, person: Person) -> &'a str {
        let crm: &'a Crm = self.crm;
        match person {
            Person::Contact(i) => &crm.contacts[i].id,
            Person::Lead(i) => &crm.leads[i].id,
        }
    }

    /// The person a named record stands for: a lead of a known contact is that contact.
    fn person_of(&self, record: NamedRecord) -> Person {
        let crm: &'a Crm = self.crm;
        match record.lead_index() {
            Some(i) => {
                let contact =
                    crm.leads[i].contact_id.as_deref().and_then(|id| self.contact_by_id.get(&crm.contacts, id));
                contact.map_or(Person::Lead(i), Person::Contact)
            }
            // The first record with this contact's id, as on the phone index; looked up only
            // when the export repeats ids, as a common name can list dozens of contacts.
            None => {
                let i = record.contact_index();
                if !self.contact_ids_repeat {
                    return Person::Contact(i);
                }
                Person::Contact(self.contact_by_id.get(&crm.contacts, &crm.contacts[i].id).unwrap_or(i))
            }
        }
    }

    /// The contact with this id, if the CRM has one.
    pub fn contact(&self, id: &str) -> Option<&'a Contact> {
        let crm: &'a Crm = self.crm;
        self.contact_by_id.get(&crm.contacts, id).map(|i| &crm.contacts[i])
    }
}

/// Orders open leads by amount; a lead without an amount ranks below any amount.
fn amount_rank(lead: &Lead) -> f64 {
    lead.amount.unwrap_or(f64::NEG_INFINITY)
}

fn add_phone(
    by_phone: &mut HashMap<u64, Option<People>>,
    shared: &mut Vec<Vec<Person>>,
    phones: &PhoneNormalizer,
    raw: &str,
    person: Person,
) {
    // Unreadable CRM phones are skipped: they cannot match any caller anyway.
    let Some(number) = phones.normalize(raw) else { return };
    // Nor can a number no caller called from.
    let Some(people) = by_phone.get_mut(&number.digits()) else { return };
    match people.map(People::unpack) {
        None => *people = Some(People::one(person)),
        Some(OnNumber::One(existing)) if existing == person => {}
        Some(OnNumber::One(existing)) => {
            *people = Some(People::shared(shared.len()));
            shared.push(vec![existing, person]);
        }
        Some(OnNumber::Shared(list)) => {
            if !shared[list].contains(&person) {
                shared[list].push(person);
            }
        }
    }
}

/// A name as the engine compares names (an owner's, a host agent's, a record's): case
/// ignored, ends trimmed, inner runs of spaces collapsed to one. The same rule as
/// [`fold_name_into`], which folds the CRM's 100,000 names into one reused buffer instead.
pub(crate) fn fold_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Writes the compared form of a name into `folded`: case ignored, ends trimmed, inner
/// runs of spaces collapsed to one. The caller reuses one buffer for every name.
fn fold_name_into(name: &str, folded: &mut String) {
    folded.clear();
    if name.is_ascii() {
        // Most names: bytes, without decoding chars (100,000 contacts are folded per bundle).
        let mut bytes = std::mem::take(folded).into_bytes();
        for word in ascii_words(name) {
            if !bytes.is_empty() {
                bytes.push(b' ');
            }
            bytes.extend(word.iter().map(u8::to_ascii_lowercase));
        }
        *folded = String::from_utf8(bytes).expect("ASCII in, ASCII out");
        return;
    }
    for word in name.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        if word.is_ascii() {
            let start = folded.len();
            folded.push_str(word);
            folded[start..].make_ascii_lowercase();
        } else {
            folded.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
}

/// The words of an ASCII name, split where `split_whitespace` splits it (tab, line feed,
/// vertical tab, form feed, carriage return, space).
fn ascii_words(name: &str) -> impl Iterator<Item = &[u8]> {
    name.as_bytes().split(|&b| b == b' ' || (0x09..=0x0D).contains(&b)).filter(|word| !word.is_empty())
}

/// Hash of the folded form (left in `folded`); None for a blank name, which matches nobody.
fn name_hash(name: &str, folded: &mut String) -> Option<u64> {
    fold_name_into(name, folded);
    let mut hasher = NameHasher::default();
    folded.bytes().for_each(|b| hasher.add(b));
    hasher.finish()
}

/// `name_hash` of an ASCII name, without writing its folded form anywhere: the bytes
/// `fold_name_into` would write are hashed as the name is read.
fn ascii_name_hash(name: &str) -> Option<u64> {
    let mut hasher = NameHasher::default();
    for (i, word) in ascii_words(name).enumerate() {
        if i > 0 {
            hasher.add(b' ');
        }
        word.iter().for_each(|b| hasher.add(b.to_ascii_lowercase()));
    }
    hasher.finish()
}

/// A hash of a folded name fed one byte at a time, so that `ascii_name_hash` and `name_hash`
/// agree byte for byte. FxHash's step: no random seed, so the same name has the same hash on
/// every run and target; collisions only cost a comparison, as every hit is checked against
/// the name itself.
#[derive(Default)]
struct NameHasher {
    hash: u64,
    bytes: usize,
}

impl NameHasher {
    fn add(&mut self, byte: u8) {
        self.hash = (self.hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0xf135_7aea_2e62_a9c5);
        self.bytes += 1;
    }

    /// None when nothing was added: a blank name matches nobody.
    fn finish(&self) -> Option<u64> {
        (self.bytes > 0).then_some(self.hash)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_name_folds_the_same_into_a_buffer_as_into_its_own_string() {
        let mut buffer = String::new();
        for name in ["Dana  Ruiz", " dana ruiz\t", "JOSÉ ÁLVAREZ", "Zoë\u{2003}O'Neil", "", "   "] {
            fold_name_into(name, &mut buffer);
            assert_eq!(buffer, fold_name(name), "{name:?}");
        }
    }

    // Records built from JSON, as the bundle arrives, so fields added later default.
    fn contact(id: &str, name: &str, phones: &[&str]) -> Contact {
        serde_json::from_value(json!({ "id": id, "name": name, "phones": phones })).expect("a contact")
    }

    fn customer(id: &str, name: &str, phones: &[&str]) -> Contact {
        Contact { customer: true, ..contact(id, name, phones) }
    }

    fn lead(id: &str, contact_id: Option<&str>, status: LeadStatus, amount: Option<f64>) -> Lead {
        let value = json!({ "id": id, "contact_id": contact_id, "status": status, "amount": amount });
        serde_json::from_value(value).expect("a lead")
    }

    fn lead_with_phone(id: &str, phone: &str, status: LeadStatus) -> Lead {
        Lead { phone: Some(phone.to_owned()), ..lead(id, None, status, None) }
    }

    fn ticket(id: &str, contact_id: &str, status: TicketStatus) -> Ticket {
        serde_json::from_value(json!({ "id": id, "contact_id": contact_id, "status": status })).expect("a ticket")
    }

    fn crm(contacts: Vec<Contact>, leads: Vec<Lead>, tickets: Vec<Ticket>) -> Crm {
        Crm { contacts, leads, tickets }
    }

    fn phones() -> PhoneNormalizer {
        PhoneNormalizer::new(&Default::default())
    }

    fn match_number<'a>(crm: &'a Crm, raw: &str, name: Option<&str>) -> CallerMatch<'a> {
        let phones = phones();
        let id = phones.classify(Some(raw));
        CrmIndex::build(crm, &phones, &[Caller { id: &id, name }]).match_caller(0)
    }

    const NUMBER: &str = "+17205550111";

    #[test]
    fn customer_without_open_lead_matches_as_customer() {
        let crm = crm(vec![customer("k1", "Hannah Cole", &["720 555 0111"])], vec![], vec![]);
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::Customer);
        assert_eq!(m.contact.map(|c| c.id.as_str()), Some("k1"));
        assert!(m.lead.is_none() && m.candidates.is_empty() && !m.possible_duplicate);
    }

    #[test]
    fn non_customer_contact_matches_as_contact() {
        let crm = crm(vec![contact("k1", "Hannah Cole", &["(720) 555-0111"])], vec![], vec![]);
        assert_eq!(match_number(&crm, NUMBER, None).kind, MatchKind::Contact);
    }

    #[test]
    fn contact_with_open_lead_matches_as_open_lead() {
        let crm = crm(
            vec![customer("k1", "Hannah Cole", &["720-555-0111"])],
            vec![lead("d1", Some("k1"), LeadStatus::Open, Some(450.0))],
            vec![],
        );
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::OpenLead);
        assert_eq!(m.contact.map(|c| c.id.as_str()), Some("k1"));
        assert_eq!(m.lead.map(|l| l.id.as_str()), Some("d1"));
    }

    #[test]
    fn closed_leads_do_not_make_an_open_lead_match() {
        let crm = crm(
            vec![contact("k1", "Hannah Cole", &["720-555-0111"])],
            vec![lead("d1", Some("k1"), LeadStatus::Won, Some(900.0)), lead("d2", Some("k1"), LeadStatus::Lost, None)],
            vec![],
        );
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::Contact);
        assert!(m.lead.is_none());
    }

    #[test]
    fn highest_open_lead_amount_wins() {
        let crm = crm(
            vec![contact("k1", "Hannah Cole", &["720-555-0111"])],
            vec![
                lead("small", Some("k1"), LeadStatus::Open, Some(100.0)),
                lead("closed", Some("k1"), LeadStatus::Won, Some(5000.0)),
                lead("big", Some("k1"), LeadStatus::Open, Some(2500.0)),
                lead("no_amount", Some("k1"), LeadStatus::Open, None),
            ],
            vec![],
        );
        assert_eq!(match_number(&crm, NUMBER, None).lead.map(|l| l.id.as_str()), Some("big"));
    }

    #[test]
    fn equal_open_lead_amounts_pick_the_first_in_input() {
        let crm = crm(
            vec![contact("k1", "Hannah Cole", &["720-555-0111"])],
            vec![
                lead("first", Some("k1"), LeadStatus::Open, Some(300.0)),
                lead("second", Some("k1"), LeadStatus::Open, Some(300.0)),
            ],
            vec![],
        );
        assert_eq!(match_number(&crm, NUMBER, None).lead.map(|l| l.id.as_str()), Some("first"));
    }

    #[test]
    fn contact_is_reached_through_its_leads_own_phone() {
        let mut web_lead = lead_with_phone("d1", "720.555.0111", LeadStatus::Open);
        web_lead.contact_id = Some("k1".to_owned());
        let crm = crm(vec![customer("k1", "Hannah Cole", &["303 555 0100"])], vec![web_lead], vec![]);
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::OpenLead);
        assert_eq!(m.contact.map(|c| c.id.as_str()), Some("k1"));
    }

    #[test]
    fn lead_with_own_phone_matches_without_contact() {
        let crm = crm(vec![], vec![lead_with_phone("d9", "720 555 0111", LeadStatus::Open)], vec![]);
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::OpenLead);
        assert!(m.contact.is_none());
        assert_eq!(m.lead.map(|l| l.id.as_str()), Some("d9"));
    }

    #[test]
    fn closed_lead_with_own_phone_matches_as_contact_with_the_lead() {
        let crm = crm(vec![], vec![lead_with_phone("d9", "720 555 0111", LeadStatus::Lost)], vec![]);
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::Contact);
        assert!(m.contact.is_none());
        assert_eq!(m.lead.map(|l| l.id.as_str()), Some("d9"));
    }

    #[test]
    fn lead_naming_an_unknown_contact_stands_alone() {
        let mut orphan = lead_with_phone("d9", "720 555 0111", LeadStatus::Open);
        orphan.contact_id = Some("k404".to_owned());
        let crm = crm(vec![], vec![orphan], vec![]);
        let m = match_number(&crm, NUMBER, None);
        assert_eq!((m.kind, m.contact.is_none()), (MatchKind::OpenLead, true));
    }

    #[test]
    fn two_contacts_sharing_a_number_is_ambiguous() {
        let crm = crm(
            vec![
                customer("k2", "Victor Ruiz", &["+1 720 555 0111"]),
                contact("k1", "Ana Ruiz", &["720-555-0111"]),
                contact("k3", "Other", &["303-555-0133"]),
            ],
            vec![lead("d1", Some("k1"), LeadStatus::Open, Some(450.0))],
            vec![ticket("s1", "k1", TicketStatus::Open)],
        );
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::Ambiguous);
        assert_eq!(m.candidates, ["k2", "k1"]);
        assert!(m.contact.is_none() && m.lead.is_none() && m.open_ticket.is_none());
    }

    #[test]
    fn contact_and_unrelated_lead_on_one_number_is_ambiguous() {
        let crm = crm(
            vec![contact("k1", "Ana Ruiz", &["720-555-0111"])],
            vec![lead_with_phone("d9", "7205550111", LeadStatus::Open)],
            vec![],
        );
        assert_eq!(match_number(&crm, NUMBER, None).candidates, ["k1", "d9"]);
    }

    #[test]
    fn candidates_list_contacts_in_input_order_even_when_reached_through_a_lead() {
        let mut k1_lead = lead_with_phone("d1", "720 555 0111", LeadStatus::Open);
        k1_lead.contact_id = Some("k1".to_owned());
        let crm = crm(
            vec![contact("k1", "Ana", &[]), contact("k2", "Bo", &["720 555 0111"])],
            vec![lead_with_phone("d0", "720 555 0111", LeadStatus::Open), k1_lead],
            vec![],
        );
        assert_eq!(match_number(&crm, NUMBER, None).candidates, ["k1", "k2", "d0"]);
    }

    #[test]
    fn same_contact_listed_twice_on_a_number_is_not_ambiguous() {
        let mut own_lead = lead_with_phone("d1", "720-555-0111 x12", LeadStatus::Won);
        own_lead.contact_id = Some("k1".to_owned());
        let crm = crm(
            vec![
                customer("k1", "Hannah Cole", &["720 555 0111", "+17205550111"]),
                customer("k1", "Hannah Cole (dup row)", &["(720) 555-0111"]),
            ],
            vec![own_lead],
            vec![],
        );
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::Customer);
        assert!(m.candidates.is_empty());
    }

    #[test]
    fn open_ticket_of_the_matched_contact_is_reported() {
        let crm = crm(
            vec![customer("k3", "Ivy Chen", &["720-555-0111"])],
            vec![lead("d1", Some("k3"), LeadStatus::Open, Some(10.0))],
            vec![
                ticket("closed", "k3", TicketStatus::Closed),
                ticket("other", "k9", TicketStatus::Open),
                ticket("s1", "k3", TicketStatus::Open),
                ticket("s2", "k3", TicketStatus::Open),
            ],
        );
        let m = match_number(&crm, NUMBER, None);
        assert_eq!(m.kind, MatchKind::OpenLead);
        assert_eq!(m.open_ticket.map(|t| t.id.as_str()), Some("s1"));
    }

    #[test]
    fn same_name_without_number_match_is_possible_duplicate() {
        let crm = crm(vec![contact("k1", "Hannah Cole", &["303 555 0100"])], vec![], vec![]);
        let m = match_number(&crm, NUMBER, Some("  HANNAH   cole "));
        assert_eq!(m.kind, MatchKind::None);
        assert_eq!(m.candidates, ["k1"]);
        assert!(m.possible_duplicate && m.contact.is_none());
    }

    #[test]
    fn withheld_caller_with_a_known_name_is_possible_duplicate() {
        let mut named_lead = lead("d5", None, LeadStatus::Open, None);
        named_lead.name = Some("Hannah Cole".to_owned());
        let crm = crm(vec![contact("k1", "hannah cole", &[])], vec![named_lead], vec![]);
        let m = match_number(&crm, "Anonymous", Some("Hannah Cole"));
        assert_eq!(m.candidates, ["k1", "d5"]);
        assert!(m.possible_duplicate);
    }

    #[test]
    fn named_lead_of_a_named_contact_is_one_candidate() {
        let mut own_lead = lead("d1", Some("k1"), LeadStatus::Open, None);
        own_lead.name = Some("Hannah Cole".to_owned());
        let crm = crm(vec![contact("k1", "Hannah Cole", &[])], vec![own_lead], vec![]);
        assert_eq!(match_number(&crm, NUMBER, Some("Hannah Cole")).candidates, ["k1"]);
    }

    #[test]
    fn names_compare_without_case_or_extra_spaces() {
        let fold = |name: &str| {
            let mut folded = String::new();
            fold_name_into(name, &mut folded);
            folded
        };
        assert_eq!(fold("  Ann   LEE "), "ann lee");
        assert_eq!(fold("ÉLISE  Dupré"), "élise dupré");
        assert_ne!(fold("Ann Lee"), fold("AnnLee"));
        assert_eq!(name_hash(" \t ", &mut String::new()), None);
        assert_eq!(ascii_name_hash(" \t "), None);
        for name in ["Ann Lee", "  ann   LEE\t", "O'Brien-Smith  Jr.", "x", "a\x0bb\x0c c\r\n"] {
            assert_eq!(ascii_name_hash(name), name_hash(name, &mut String::new()), "{name:?}");
        }
    }

    #[test]
    fn the_name_index_groups_records_by_their_folded_name() {
        let mut named_lead = lead("d1", None, LeadStatus::Open, None);
        named_lead.name = Some("ann   LEE".to_owned());
        let crm = crm(
            vec![contact("k1", "Ann Lee", &[]), contact("k2", "Anne Lee", &[]), contact("k3", " ANN lee ", &[])],
            vec![named_lead],
            vec![],
        );
        let mut index = NameIndex::default();
        let mut ask = |name: &str| {
            let mut folded = String::new();
            let hash = name_hash(name, &mut folded).expect("a name");
            index.ask(hash, &folded)
        };
        let groups = [ask("ann lee"), ask("anne lee"), ask("ann"), ask("ann lee jr"), ask("  ANN LEE")];
        index.gather(&crm);
        let records = |group: usize| index.records(group).iter().map(|r| r.0).collect::<Vec<_>>();
        assert_eq!(groups[0], groups[4]);
        assert_eq!(records(groups[0]), [0, 2, NamedRecord::lead(0).0]);
        assert_eq!(records(groups[1]), [1]);
        assert!(records(groups[2]).is_empty() && records(groups[3]).is_empty());
    }

    #[test]
    fn number_match_wins_over_a_name_match() {
        let crm =
            crm(vec![contact("k1", "Hannah Cole", &["720 555 0111"]), contact("k2", "Bo Li", &[])], vec![], vec![]);
        let m = match_number(&crm, NUMBER, Some("Bo Li"));
        assert_eq!(m.kind, MatchKind::Contact);
        assert!(!m.possible_duplicate && m.candidates.is_empty());
    }

    #[test]
    fn withheld_caller_name_matches_nobody() {
        let crm = crm(vec![contact("k1", "Unknown", &[])], vec![], vec![]);
        let m = match_number(&crm, "Anonymous", Some("UNKNOWN"));
        assert!(!m.possible_duplicate && m.candidates.is_empty());
    }

    #[test]
    fn no_number_and_no_name_match_is_none() {
        let crm = crm(vec![contact("k1", "Hannah Cole", &["303 555 0100"])], vec![], vec![]);
        let m = match_number(&crm, NUMBER, Some("Someone Else"));
        assert_eq!(m.kind, MatchKind::None);
        assert!(!m.possible_duplicate && m.candidates.is_empty());
        assert!(!match_number(&crm, NUMBER, Some("   ")).possible_duplicate);
    }

    #[test]
    fn contacts_without_phones_or_with_unreadable_phones_are_skipped() {
        let crm = crm(
            vec![contact("k1", "No Phone", &[]), contact("k2", "Bad Phones", &["n/a", "call office", "12", ""])],
            vec![],
            vec![],
        );
        assert_eq!(match_number(&crm, NUMBER, None).kind, MatchKind::None);
    }

    #[test]
    fn withheld_or_invalid_caller_never_matches_by_number() {
        let crm = crm(vec![contact("k1", "Placeholder", &["+86282452253", "555-0142"])], vec![], vec![]);
        assert_eq!(match_number(&crm, "+86282452253", None).kind, MatchKind::None);
        assert_eq!(match_number(&crm, "555-0142", None).kind, MatchKind::None);
    }

    #[test]
    fn repeated_contact_id_is_one_name_candidate() {
        let crm = crm(vec![contact("k1", "Ann Lee", &[]), contact("k1", "ann lee", &[])], vec![], vec![]);
        assert_eq!(match_number(&crm, NUMBER, Some("Ann Lee")).candidates, ["k1"]);
    }

    #[test]
    fn contact_lookup_by_id_returns_the_first_record() {
        let crm = crm(vec![contact("k1", "First", &[]), contact("k1", "Second", &[])], vec![], vec![]);
        let phones = phones();
        let index = CrmIndex::build(&crm, &phones, &[]);
        assert_eq!(index.contact("k1").and_then(|c| c.name.as_deref()), Some("First"));
        assert!(index.contact("k2").is_none());
    }

    #[test]
    fn each_caller_gets_its_own_match_from_one_index() {
        let crm = crm(
            vec![
                customer("k1", "Hannah Cole", &["720 555 0111"]),
                contact("k2", "Bo Li", &["303 555 0100", "720 555 0111"]),
                contact("k3", "Ivy Chen", &["303 555 0199"]),
            ],
            vec![],
            vec![],
        );
        let phones = phones();
        let ids = ["+13035550199", "+17205550111", "+13035550100", "+13035550142", "Anonymous", "+13035550199"]
            .map(|raw| phones.classify(Some(raw)));
        let names = [None, Some("Bo Li"), None, Some("bo  LI"), Some("Ivy Chen"), Some("Bo Li")];
        let callers: Vec<Caller<'_>> = ids.iter().zip(names).map(|(id, name)| Caller { id, name }).collect();
        let index = CrmIndex::build(&crm, &phones, &callers);
        let contact_of = |i: usize| index.match_caller(i).contact.map(|c| c.id.as_str());
        assert_eq!(contact_of(0), Some("k3"));
        assert_eq!(index.match_caller(1).candidates, ["k1", "k2"]);
        assert_eq!(contact_of(2), Some("k2"));
        assert_eq!(index.match_caller(3).candidates, ["k2"]);
        assert!(index.match_caller(3).possible_duplicate);
        assert_eq!(index.match_caller(4).candidates, ["k3"]);
        assert_eq!(contact_of(5), Some("k3"));
    }
}
