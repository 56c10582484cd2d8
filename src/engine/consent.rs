//! Follow-up texts: the consent rule and the promise guard (TRIAGE.md §11).
//!
//! A text goes out only to a contact who opted in, only for a plain callback task, and only
//! in approved wording. Wording is approved when it promises nothing a person has not
//! checked: no price, amount, discount or estimate, no arrival time or window, and no
//! availability or capacity.

use std::sync::OnceLock;

use super::bundle::{SmsConfig, SmsConsent, SmsTemplate};
use super::decision::{Action, ConfigWarning, SmsBlock, SmsView};
use super::phrases::PhraseSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseKind {
    Price,
    Timing,
    Availability,
}

impl PromiseKind {
    fn describe(self) -> &'static str {
        match self {
            PromiseKind::Price => "promises a price, amount, discount or estimate",
            PromiseKind::Timing => "promises an arrival time or window",
            PromiseKind::Availability => "promises availability or capacity",
        }
    }
}

/// Why a template may not be sent, quoting the words that promise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseProblem {
    pub kind: PromiseKind,
    pub words: String,
}

impl std::fmt::Display for PromiseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: \"{}\"", self.kind.describe(), self.words)
    }
}

const PRICE_WORDS: &[&str] = &[
    "$",
    "€",
    "£",
    "%",
    "percent",
    "price",
    "prices",
    "pricing",
    "priced",
    "cost",
    "costs",
    "fee",
    "fees",
    "for free",
    "free estimate",
    "free quote",
    "free inspection",
    "free service",
    "no cost",
    "cheap",
    "cheapest",
    "lowest",
    "discount",
    "discounts",
    "special",
    "deal",
    "deals",
    "coupon",
    "save",
    "savings",
    "estimate",
    "estimates",
    "quote",
    "quotes",
    "financing",
    "dollars",
    "bucks",
    "flat rate",
    "no charge",
];
const TIMING_WORDS: &[&str] = &[
    "today",
    "tonight",
    "tomorrow",
    "this morning",
    "this afternoon",
    "this evening",
    "within",
    "minutes",
    "minute",
    "hour",
    "hours",
    "asap",
    "as soon as possible",
    "right away",
    "immediately",
    "shortly",
    "soon",
    "on the way",
    "on our way",
    "en route",
    "arrive",
    "arrives",
    "arrival",
    "same-day",
    "same day",
    "next-day",
    "next day",
    "time window",
    "a.m.",
    "p.m.",
    "o'clock",
    "eta",
    "by noon",
    "by tonight",
];
const AVAILABILITY_WORDS: &[&str] = &[
    "available",
    "availability",
    "open slot",
    "open slots",
    "slot",
    "slots",
    "opening",
    "openings",
    "24/7",
    "guarantee",
    "guaranteed",
    "we can fit",
    "fit you in",
    "we'll be there",
    "we will be there",
    "we have a technician",
    "a technician is",
    "book you",
    "booked you",
    "scheduled you",
    "we're open",
    "capacity",
    "no wait",
];

/// Checks template wording for promises.
pub struct PromiseGuard {
    phrases: &'static PhraseSet<PromiseKind>,
}

impl Default for PromiseGuard {
    /// The guard's phrases are compiled once per process: every triage checks its texts, and
    /// compiling them for each was a tenth of triaging the demo's 264 calls (issue 16).
    fn default() -> Self {
        static PHRASES: OnceLock<PhraseSet<PromiseKind>> = OnceLock::new();
        let tagged = |words: &'static [&'static str], kind| words.iter().map(move |w| (*w, kind));
        let phrases = PHRASES.get_or_init(|| {
            PhraseSet::new(
                tagged(PRICE_WORDS, PromiseKind::Price)
                    .chain(tagged(TIMING_WORDS, PromiseKind::Timing))
                    .chain(tagged(AVAILABILITY_WORDS, PromiseKind::Availability)),
            )
        });
        PromiseGuard { phrases }
    }
}

impl PromiseGuard {
    /// `Ok` when the text promises nothing; else the first promise found.
    pub fn check(&self, text: &str) -> Result<(), PromiseProblem> {
        if let Some(hit) = self.phrases.find_in(text).first() {
            return Err(PromiseProblem { kind: *hit.tag, words: text[hit.span.start..hit.span.end].to_owned() });
        }
        // A clock time or a digit next to a time unit is a timing promise even unworded.
        if let Some(words) = clock_time_in(text) {
            return Err(PromiseProblem { kind: PromiseKind::Timing, words });
        }
        Ok(())
    }

    /// The approved templates in order, and a warning for each unapproved one.
    pub fn review_templates<'a>(&self, sms: &'a SmsConfig) -> (Vec<&'a SmsTemplate>, Vec<ConfigWarning>) {
        let mut approved = Vec::new();
        let mut warnings = Vec::new();
        for template in &sms.templates {
            match self.check(&template.text) {
                Ok(()) => approved.push(template),
                Err(problem) => {
                    warnings.push(ConfigWarning { template_id: template.id.clone(), problem: problem.to_string() })
                }
            }
        }
        (approved, warnings)
    }
}

/// "3:30", "10am", "10 pm" style times.
fn clock_time_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (i, w) in bytes.windows(4).enumerate() {
        let hm = w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit();
        if hm {
            return Some(text[i..i + 4].to_owned());
        }
    }
    for (i, b) in bytes.iter().enumerate() {
        if !b.is_ascii_digit() {
            continue;
        }
        let rest = text[i + 1..].trim_start_matches(' ').to_ascii_lowercase();
        let meridiem = rest.starts_with("am") || rest.starts_with("pm");
        // `get`: the two bytes after the digit may end inside a wider character ("5€").
        let word_ends = !rest.get(2..).unwrap_or("").starts_with(|c: char| c.is_alphanumeric());
        if meridiem && word_ends {
            let end = text.len() - rest.len() + 2;
            return Some(text[i..end].to_owned());
        }
    }
    None
}

/// What the call's decision needs to know to allow a text.
pub struct SmsFacts<'a> {
    pub action: super::decision::Action,
    pub caller_is_valid: bool,
    pub consent: Option<SmsConsent>,
    pub approved: &'a [&'a SmsTemplate],
    pub enabled: bool,
}

/// The consent rule, first blocking reason wins.
pub fn decide_sms(facts: &SmsFacts<'_>) -> SmsView {
    let blocked = |reason| SmsView { allowed: false, reason: Some(reason), template: None };
    if !facts.enabled {
        return blocked(SmsBlock::Disabled);
    }
    if facts.action != Action::CallbackTask {
        return blocked(SmsBlock::NotATask);
    }
    if !facts.caller_is_valid {
        return blocked(SmsBlock::NoCallerId);
    }
    match facts.consent {
        Some(SmsConsent::OptedIn) => {}
        Some(SmsConsent::OptedOut) => return blocked(SmsBlock::OptedOut),
        Some(SmsConsent::Unknown) | None => return blocked(SmsBlock::ConsentUnknown),
    }
    match facts.approved.first() {
        Some(template) => SmsView { allowed: true, reason: None, template: Some(template.id.clone()) },
        None => blocked(SmsBlock::NoApprovedTemplate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> PromiseGuard {
        PromiseGuard::default()
    }

    #[test]
    fn a_plain_sorry_we_missed_you_is_approved() {
        let text = "Hi, this is Mile High Plumbing. Sorry we missed your call; a team member will call you back. Reply STOP to opt out.";
        assert_eq!(guard().check(text), Ok(()));
    }

    #[test]
    fn a_discount_is_a_price_promise() {
        let problem = guard().check("Drain cleaning special: 20% off this week only!").unwrap_err();
        assert_eq!(problem.kind, PromiseKind::Price);
    }

    #[test]
    fn an_arrival_window_is_a_timing_promise() {
        let problem = guard().check("A tech will arrive between 2 and 4.").unwrap_err();
        assert_eq!(problem.kind, PromiseKind::Timing);
        assert_eq!(guard().check("We will call at 3:30").unwrap_err().kind, PromiseKind::Timing);
        assert_eq!(guard().check("We'll call you back within the hour").unwrap_err().kind, PromiseKind::Timing);
        assert_eq!(guard().check("Expect us by 10 am").unwrap_err().kind, PromiseKind::Timing);
    }

    #[test]
    fn availability_is_a_capacity_promise() {
        let problem = guard().check("We have openings and can fit you in.").unwrap_err();
        assert_eq!(problem.kind, PromiseKind::Availability);
    }

    #[test]
    fn a_free_estimate_is_a_price_promise() {
        assert_eq!(guard().check("Ask about a FREE estimate").unwrap_err().kind, PromiseKind::Price);
    }

    #[test]
    fn a_digit_before_a_wide_character_is_read_without_a_panic() {
        assert_eq!(guard().check("Sorry we missed you at office 5—a team member will call you back."), Ok(()));
    }

    proptest::proptest! {
        /// An admin's template is read whatever characters it holds: digits next to wide ones
        /// are where byte arithmetic breaks.
        #[test]
        fn any_template_is_checked_without_a_panic(text in "[0-9: apmAPM.a-z—€éñ\u{2007}]{0,30}") {
            let _ = guard().check(&text);
        }
    }

    #[test]
    fn everyday_words_are_not_promises() {
        assert_eq!(guard().check("I am sorry we missed you. Feel free to reply with details."), Ok(()));
    }

    fn facts<'a>(approved: &'a [&'a SmsTemplate], consent: Option<SmsConsent>) -> SmsFacts<'a> {
        SmsFacts { action: Action::CallbackTask, caller_is_valid: true, consent, approved, enabled: true }
    }

    #[test]
    fn opted_in_caller_of_a_task_gets_the_first_approved_template() {
        let hello = SmsTemplate { id: "hello".into(), text: "Sorry we missed you.".into() };
        let approved = [&hello];
        let view = decide_sms(&facts(&approved, Some(SmsConsent::OptedIn)));
        assert!(view.allowed);
        assert_eq!(view.template.as_deref(), Some("hello"));
    }

    #[test]
    fn unknown_consent_blocks_the_text() {
        let hello = SmsTemplate { id: "hello".into(), text: "Sorry we missed you.".into() };
        let approved = [&hello];
        let view = decide_sms(&facts(&approved, None));
        assert_eq!(view.reason, Some(SmsBlock::ConsentUnknown));
        assert_eq!(decide_sms(&facts(&approved, Some(SmsConsent::OptedOut))).reason, Some(SmsBlock::OptedOut));
    }

    #[test]
    fn no_approved_template_blocks_an_opted_in_text() {
        let view = decide_sms(&facts(&[], Some(SmsConsent::OptedIn)));
        assert_eq!(view.reason, Some(SmsBlock::NoApprovedTemplate));
    }

    #[test]
    fn unapproved_templates_are_warned_and_never_chosen() {
        let sms = SmsConfig {
            enabled: true,
            templates: vec![
                SmsTemplate { id: "deal".into(), text: "20% off today".into() },
                SmsTemplate { id: "hello".into(), text: "Sorry we missed your call.".into() },
            ],
        };
        let (approved, warnings) = guard().review_templates(&sms);
        assert_eq!(approved.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["hello"]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].template_id, "deal");
    }
}
