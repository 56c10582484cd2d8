//! Urgency level and categories from a voicemail's words (TRIAGE.md rules 5, 7 and 12).
//!
//! The lexicon finds signal phrases and context cues in one pass; this module decides which
//! signals the caller affirms about the present, and turns them into a level, categories
//! and evidence that quotes exactly the words found.
//!
//! How a signal is judged (all cue words come from the lexicon):
//! - Scopes. A *clause* ends at `, ; . ! ? … newline` (a period only before a space or the
//!   end, so "a.s.a.p" and "3.5" stay whole) and before "but", "however", "although",
//!   "now", "except", "otherwise". A *sentence* ends at the same marks except the comma.
//! - Negated: a negation ("no", "not", "isn't", "never", "nobody"…) at most three words
//!   before the signal in its clause, or a clearing phrase ("anymore", "is gone", "stopped",
//!   "got fixed") at most three words after it. Phrases that contain their own negation
//!   ("no heat", "not cooling", "won't drain") are signals, not negations, and phrases like
//!   "don't know", "not sure", "can't stop" are neutral, so they deny nothing.
//! - Past: a past marker ("last year", "years ago", "back in", "used to", "in 2019") anywhere
//!   in the signal's sentence, unless the signal's clause says it is happening now ("again",
//!   "still", "currently", or a time-pressure word like "today"). "Yesterday" and "last night"
//!   are not past: the damage is fresh, unless the sentence goes on to say it is over ("they're
//!   fine", "all cleaned up", "so much fun") and nothing in it says "still" or "again". Time
//!   pressure is never past: it is about this call.
//! - Hypothetical: "if", "in case", "in the event", "to prevent", "before it", "what would it
//!   cost" before the signal in its clause. Asking "if" ("wondering if", "see if", "if you
//!   can", "if possible") is neutral.
//! - Categories only drop negated signals: a past job ("the heater you replaced") and a
//!   hypothetical price ("what would it cost if") are still what the call is about. An
//!   existing job is never negated ("you never fixed it" is still about the job).
//! - No heat is an emergency only when the voicemail also affirms freezing weather: a cold
//!   word ("freezing", "below zero", "snow") or a temperature at or below 40 °F (4 °C). A
//!   generic failure ("stopped working") counts as no heat when its clause names a heating
//!   appliance ("furnace", "boiler", "heat pump"). Otherwise no heat is an urgent outage.
//! - A danger or outage the caller affirms is also a `service_request`, cited with its own
//!   signal name.
//! - Ambiguous: confidence below 0.5, or fewer than three real words, or no more real words
//!   than noise tokens ([inaudible] and other bracketed tags, "...", fillers such as "um",
//!   vowel-less letter runs, symbol soup). An ambiguous transcript without any danger or
//!   urgency signal is `unknown`, not `routine`; the signals it does have still count, so a
//!   garbled "[inaudible] gas leak [inaudible]" is an emergency (safety first).

use super::category_model;
use super::concepts::{in_a_clause_about_cooking, near_an_appliance, recognise_into, Meaning, Recognised};
use super::danger_model;
use super::decision::{Category, CategoryName, Urgency};
use super::guards::{greeting_to_someone_by_name, guard_into, without_overheard, GuardedSpans};
use super::lexicon::{category_signal, Cue, Lexicon, LexiconHit, SignalKind};
use super::phrases::SearchRoom;
use super::spoken::SpokenWords;
use super::transcript::{Evidence, Span, Transcript};

/// What one voicemail says, with the evidence for each label.
#[derive(Debug, Clone)]
pub struct VoicemailReading {
    pub level: Urgency,
    pub evidence: Vec<Evidence>,
    pub categories: Vec<Category>,
    /// Confidence below 0.5 or mostly unintelligible: a person must listen.
    pub ambiguous: bool,
}

impl VoicemailReading {
    /// A voicemail whose transcript is empty: no level can be read, a person must listen.
    pub fn unreadable() -> VoicemailReading {
        VoicemailReading { level: Urgency::Unknown, evidence: Vec::new(), categories: Vec::new(), ambiguous: true }
    }

    /// No transcript at all: no level can be read, and nothing in it asks for a person.
    pub fn absent() -> VoicemailReading {
        VoicemailReading { level: Urgency::Unknown, evidence: Vec::new(), categories: Vec::new(), ambiguous: false }
    }
}

/// Below this transcription confidence a person must listen to the recording.
const MIN_CONFIDENCE: f64 = 0.5;
/// How many words may sit between a negation and the signal it denies.
const NEGATION_REACH_WORDS: usize = 3;
/// Words that open a question or a request. Speech-to-text runs "the heater just isn't lighting
/// can someone come today" into one clause, but the question starts anew: the negation before it
/// denies what came before, not the asking.
const QUESTION_OPENERS: &[&str] = &["can", "could", "would", "when", "how", "puede", "pueden", "podria", "podrian"];
/// How many words may sit between a past marker and the signal it dates.
const PAST_REACH_WORDS: usize = 12;
/// How many words may sit between "if", "in case" or "to prevent" and the signal it supposes:
/// in a run-on without commas, "sorry if i cut out" or "if you know the area" said early on
/// supposes nothing about the water pouring out sixty words later (round 26).
const HYPOTHETICAL_REACH_WORDS: usize = 12;
/// How many words may sit between "no rush" or "not urgent" and the "today" or "right now" it
/// takes the hurry from: a run-on's "i need someone today ... the faucet is no rush" twenty
/// words on leaves today standing.
const NO_HURRY_REACH_WORDS: usize = 4;
/// At or below these temperatures "no heat" is an emergency.
const COLD_FAHRENHEIT: i32 = 40;
const COLD_CELSIUS: i32 = 4;
/// Enough citations for a reviewer; a rambling voicemail must not make a huge decision.
const MAX_EVIDENCE_PER_LABEL: usize = 6;
const FREEZING_NO_HEAT: &str = "no_heat_in_freezing_weather";
const FREEZING_WEATHER: &str = "freezing_weather";

pub fn read_voicemail(t: &Transcript<'_>, confidence: Option<f64>, lexicon: &Lexicon) -> VoicemailReading {
    read_affirmed(t, confidence, &affirmed_signals(t.text(), lexicon))
}

/// `read_voicemail` over signals already found, so the summary can reuse the one scan.
pub(crate) fn read_affirmed(
    t: &Transcript<'_>,
    confidence: Option<f64>,
    signals: &AffirmedSignals<'_>,
) -> VoicemailReading {
    // A readable transcript of low confidence is usable: its words give the level (TRIAGE.md
    // rule 5), and it is still ambiguous (rule 7). Only an unreadable one is `unknown`.
    let unreadable = mostly_unintelligible(t.text());
    let ambiguous = confidence.is_some_and(|c| c < MIN_CONFIDENCE) || unreadable || signals.danger_through_gap;

    let mut danger = CitationList::default();
    let mut pressure = CitationList::default();
    let mut by_category: Vec<(CategoryName, CitationList)> = Vec::new();
    let mut cite_category = |name: CategoryName, found: &Found<'_>| {
        let list = match by_category.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list,
            None => {
                by_category.push((name, CitationList::default()));
                &mut by_category.last_mut().expect("just pushed").1
            }
        };
        list.cite(t, found.span, found.signal);
    };
    for found in &signals.found {
        match found.kind {
            SignalKind::Danger => danger.cite(t, found.span, found.signal),
            SignalKind::HeatOutage | SignalKind::PowerOutage if !signals.cold.is_empty() => {
                danger.cite(t, found.span, FREEZING_NO_HEAT)
            }
            SignalKind::HeatOutage
            | SignalKind::Outage
            | SignalKind::PowerOutage
            | SignalKind::DeviceOutage
            | SignalKind::TimePressure
            | SignalKind::Pressing => pressure.cite(t, found.span, found.signal),
            SignalKind::Category(name) => cite_category(name, found),
        }
        // A danger or an outage at the caller's place, or asking when someone can come, asks
        // for work.
        if matches!(
            found.kind,
            SignalKind::Danger
                | SignalKind::HeatOutage
                | SignalKind::Outage
                | SignalKind::PowerOutage
                | SignalKind::DeviceOutage
                | SignalKind::Category(CategoryName::AvailabilityRequest)
        ) {
            cite_category(CategoryName::ServiceRequest, found);
        }
        // A complaint is about the business's own past work, a visit or a bill: it is about
        // an existing job too (docs/RULES.md).
        if found.kind == SignalKind::Category(CategoryName::Complaint) {
            cite_category(CategoryName::ExistingJob, found);
        }
    }
    let freezing_no_heat = is_no_heat_in_freezing_weather(&signals.found, &signals.cold);
    if freezing_no_heat {
        for &span in &signals.cold {
            danger.cite(t, span, FREEZING_WEATHER);
        }
    }

    let level = if !danger.items.is_empty() {
        Urgency::Emergency
    } else if !pressure.items.is_empty() {
        Urgency::Urgent
    } else if unreadable {
        Urgency::Unknown
    } else {
        Urgency::Routine
    };
    let evidence = match level {
        Urgency::Emergency => danger.items.into_iter().chain(pressure.items).take(MAX_EVIDENCE_PER_LABEL * 2).collect(),
        Urgency::Urgent => pressure.items,
        Urgency::Routine | Urgency::Unknown => Vec::new(),
    };
    // One entry a name (built by find-or-push above): no ties for a stable sort to keep.
    by_category.sort_unstable_by_key(|(name, _)| *name);
    let categories = by_category
        .into_iter()
        .filter(|(_, list)| !list.items.is_empty())
        .map(|(name, list)| Category { name, evidence: list.items })
        .collect();
    VoicemailReading { level, evidence, categories, ambiguous }
}

/// Evidence for one label: deduplicated by span and signal, capped.
#[derive(Default)]
struct CitationList {
    items: Vec<Evidence>,
}

impl CitationList {
    fn cite(&mut self, t: &Transcript<'_>, span: Span, signal: &str) {
        if self.items.len() >= MAX_EVIDENCE_PER_LABEL {
            return;
        }
        // One citation of the same words is enough, whichever reading found them ("very
        // disappointed" and "disappointed", a phrase and the concept around it).
        let start = t.code_point_offset(span.start);
        let end = start + t.text().get(span.start..span.end).map_or(0, |q| q.chars().count());
        let already = self.items.iter().any(|e| e.code_points().is_some_and(|(s, e)| s < end && start < e));
        if already {
            return;
        }
        if let Some(evidence) = Evidence::quoted(t, span, signal) {
            self.items.push(evidence);
        }
    }
}

/// A signal the caller affirms about the present.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'l> {
    pub span: Span,
    pub kind: SignalKind,
    pub signal: &'l str,
}

/// The signals of one transcript that survive negation, past and hypothetical checks.
pub(crate) struct AffirmedSignals<'l> {
    /// In transcript order. A generic failure in a clause naming a heating appliance is
    /// reported as `HeatOutage`.
    pub found: Vec<Found<'l>>,
    /// Affirmed freezing weather: cold words and cold temperatures (number through unit).
    pub cold: Vec<Span>,
    /// Callback phrases ("call me back", "my number is"), for the summary.
    pub callbacks: Vec<Span>,
    /// A danger heard across a gap ("smells like [inaudible] gas"): a person must listen.
    pub danger_through_gap: bool,
}

/// The buffers one reading works in, kept from one voicemail to the next: `run` reads every
/// voicemail of a bundle with one set instead of allocating some twenty buffers for each.
#[derive(Default)]
pub(crate) struct ReadingScratch<'l> {
    search: SearchRoom,
    hits: Vec<LexiconHit<'l>>,
    context: ContextBuffers,
    spoken: SpokenWords,
    guarded: GuardedSpans,
    concepts: Recognised,
}

impl<'l> ReadingScratch<'l> {
    /// The lexicon's hits in `text`, in the scratch's lexicon buffers.
    pub(crate) fn lexicon_scan(&mut self, lexicon: &'l Lexicon, text: &str) -> &[LexiconHit<'l>] {
        lexicon.scan_reusing(text, &mut self.search, &mut self.hits);
        &self.hits
    }
}

pub(crate) fn affirmed_signals<'l>(text: &str, lexicon: &'l Lexicon) -> AffirmedSignals<'l> {
    affirmed_signals_reusing(text, lexicon, &mut ReadingScratch::default())
}

/// `affirmed_signals` in the buffers of `scratch`.
pub(crate) fn affirmed_signals_reusing<'l>(
    text: &str,
    lexicon: &'l Lexicon,
    scratch: &mut ReadingScratch<'l>,
) -> AffirmedSignals<'l> {
    let ReadingScratch { search, hits, context: context_buffers, spoken, guarded, concepts } = scratch;
    lexicon.scan_reusing(text, search, hits);
    let hits = &hits[..];
    let context = Context::new(text, hits, context_buffers);
    spoken.read(text);
    let spoken = &*spoken;
    guard_into(text, spoken, guarded);
    let guarded = &*guarded;
    let mut found = Vec::new();
    let mut cold = Vec::new();
    let mut callbacks = Vec::new();
    for hit in hits {
        for signal in &hit.tag.signals {
            let span = signal.span_in(text, hit.span);
            // "rusty burns", "blaze and smoke cleanup", "ember lane": not about the caller's place.
            if (!matches!(signal.kind, SignalKind::Category(_)) && guarded.overlaps(span)) || guarded.is_overheard(span)
            {
                continue;
            }
            let affirmed = match signal.kind {
                SignalKind::Category(CategoryName::ExistingJob) => true,
                SignalKind::Category(_) => !context.is_negated(span),
                SignalKind::TimePressure => {
                    !context.is_negated(span)
                        && !context.is_hypothetical(span)
                        && !context.is_waved_off(span)
                        && !context.is_said_of_the_weather(span)
                        && !context.is_a_time_gone_by(span)
                }
                kind if kind.is_outage() => context.is_outage_affirmed_now(span),
                _ => context.is_affirmed_now(span),
            };
            if !affirmed {
                continue;
            }
            let kind = match signal.kind {
                SignalKind::DeviceOutage if context.clause_has_heat_device(span) => SignalKind::HeatOutage,
                kind => kind,
            };
            found.push(Found { span, kind, signal: lexicon.signal_name(signal) });
        }
        match hit.tag.cue {
            Some(Cue::Cold) if context.is_affirmed_now(hit.span) && !guarded.overlaps(hit.span) => cold.push(hit.span),
            Some(Cue::Degrees { celsius }) => {
                let Some((degrees, start)) = temperature_before(text, hit.span.start) else { continue };
                let span = Span { start, end: hit.span.end };
                let limit = if celsius { COLD_CELSIUS } else { COLD_FAHRENHEIT };
                if degrees <= limit && context.is_affirmed_now(span) {
                    cold.push(span);
                }
            }
            Some(Cue::Callback) => callbacks.push(hit.span),
            _ => {}
        }
    }
    recognise_into(spoken, guarded, concepts);
    let concepts = &*concepts;
    let mut occupants = OccupantFacts::default();
    let mut danger_through_gap = false;
    for hit in &concepts.hits {
        let span = hit.span;
        let affirmed = match hit.meaning {
            Meaning::Category(CategoryName::ExistingJob) => true,
            Meaning::Category(_) | Meaning::Vulnerable | Meaning::OnPoweredCare => !context.is_negated(span),
            // Calls already made are about this call whatever else the sentence dates.
            Meaning::TimePressure("repeated_attempts") => !context.is_negated(span) && !context.is_hypothetical(span),
            // A deadline is ahead of the caller: only its own clause can date it.
            Meaning::TimePressure(_) => {
                !context.is_negated(span)
                    && !context.is_hypothetical(span)
                    && !context.is_waved_off(span)
                    && !context.is_past_dated(span, true)
                    && !context.is_a_time_gone_by(span)
                    && !context.is_the_callers_own_visit(span)
            }
            Meaning::Cold | Meaning::Hot => context.is_affirmed_now(span),
            meaning if signal_of(meaning).is_some_and(|(kind, _)| kind.is_outage()) => {
                context.is_outage_affirmed_now(span) && !context.is_denied_between(hit.parts())
            }
            _ => context.is_affirmed_now(span) && !context.is_denied_between(hit.parts()),
        };
        if !affirmed {
            continue;
        }
        match hit.meaning {
            Meaning::Danger(_) => danger_through_gap |= hit.through_gap,
            Meaning::CoolingOutage => occupants.cooling_outages.push(span),
            Meaning::Vulnerable => occupants.vulnerable.push(span),
            Meaning::OnPoweredCare => {
                occupants.vulnerable.push(span);
                occupants.on_powered_care.push(span);
            }
            Meaning::Cold => cold.push(span),
            Meaning::Hot => occupants.heat.push(span),
            _ => {}
        }
        if let Some((kind, signal)) = signal_of(hit.meaning) {
            found.push(Found { span, kind, signal });
        }
    }
    // "The power went out in that storm Tuesday ... the power came back on Wednesday" (round 42).
    found.retain(|f| f.kind != SignalKind::PowerOutage || !context.is_power_back_after(f.span));
    found.retain(|f| !f.kind.is_outage() || !context.is_restored_after(f.span));
    found.retain(|f| f.kind != SignalKind::Danger || !context.is_a_false_alarm_after(f.span));
    // "The dryer won't heat" asks for a repair; the house is as warm as it was. A stove's
    // burner that "won't light" leaves three others (rounds 11-12: both writers, routine).
    for f in found.iter_mut() {
        let repair = match f.kind {
            SignalKind::HeatOutage => near_an_appliance(spoken, f.span),
            SignalKind::Outage => in_a_clause_about_cooking(spoken, f.span),
            _ => false,
        };
        if repair {
            f.kind = SignalKind::Category(CategoryName::ServiceRequest);
            f.signal = category_signal(CategoryName::ServiceRequest);
        }
    }
    cold.extend(concepts.cold_temperatures.iter().copied().filter(|&span| context.is_affirmed_now(span)));
    occupants.heat.extend(concepts.hot_temperatures.iter().copied().filter(|&span| context.is_affirmed_now(span)));
    occupants.vulnerable.extend(concepts.elderly.iter().copied().filter(|&span| !context.is_negated(span)));
    occupants.add_dangers(&mut found);
    // A message that asks nothing of the business and opens by greeting someone by name
    // ("yo jake, it's tony, we still on for poker friday") is meant for that someone.
    let asks_the_business = found.iter().any(|f| f.kind.is_condition() || matches!(f.kind, SignalKind::Category(_)));
    if let Some(span) = greeting_to_someone_by_name(spoken).filter(|_| !asks_the_business) {
        let name = CategoryName::WrongNumber;
        found.push(Found { span, kind: SignalKind::Category(name), signal: category_signal(name) });
    }
    keep_what_the_caller_is_about(&mut found, text);
    // What a learned reader may cite: said now, at the caller's place, not found to be a false
    // alarm; for what presses, not waved off either.
    let affirmed_here_now =
        |span| context.is_affirmed_now(span) && !guarded.overlaps(span) && !context.is_a_false_alarm_after(span);
    add_described_danger(&mut found, &cold, spoken, affirmed_here_now);
    let affirmed_pressing = |span| affirmed_here_now(span) && !context.is_waved_off(span);
    let affirmed_category = |span| !context.is_negated(span) && !guarded.is_overheard(span);
    if add_learned_readings(&mut found, spoken, affirmed_category, affirmed_pressing) {
        keep_what_the_caller_is_about(&mut found, text);
    }
    found.sort_by_key(|f| f.span.start);
    cold.sort_unstable();
    cold.dedup();
    context.give_back(context_buffers);
    AffirmedSignals { found, cold, callbacks, danger_through_gap }
}

const OUTAGE: &str = "outage";

/// The signal a concept gives, with its name: the one mapping from what the concepts read to
/// what the lexicon's signals are (so `SignalKind::is_outage` says which concepts are outages).
/// `None` for what only qualifies other signals: who lives there, the weather.
fn signal_of(meaning: Meaning) -> Option<(SignalKind, &'static str)> {
    Some(match meaning {
        Meaning::Danger(signal) => (SignalKind::Danger, signal),
        Meaning::HeatOutage => (SignalKind::HeatOutage, OUTAGE),
        Meaning::CoolingOutage | Meaning::Outage => (SignalKind::Outage, OUTAGE),
        Meaning::PowerOutage => (SignalKind::PowerOutage, OUTAGE),
        Meaning::TimePressure(signal) => (SignalKind::TimePressure, signal),
        Meaning::Category(name) => (SignalKind::Category(name), category_signal(name)),
        Meaning::Vulnerable | Meaning::OnPoweredCare | Meaning::Cold | Meaning::Hot => return None,
    })
}

/// The learned reader's danger (`danger_model.rs`).
const DESCRIBED_DANGER: &str = "described_danger";
/// The learned reader's categories (`category_model.rs`).
const LEARNED_CATEGORY: &str = "learned_reading";
/// The learned reader's pressing column (`category_model.rs`).
const LEARNED_PRESSING: &str = "learned_pressing";

/// No heat said together with affirmed freezing weather: an emergency (docs/RULES.md).
fn is_no_heat_in_freezing_weather(found: &[Found<'_>], cold: &[Span]) -> bool {
    !cold.is_empty() && found.iter().any(|f| matches!(f.kind, SignalKind::HeatOutage | SignalKind::PowerOutage))
}

/// Where the rules found no danger, the learned reader may find one described in words no rule
/// knows; it cites the heaviest words the caller affirms. A vendor's pitch stays a pitch, and a
/// danger the rules found is left as they found it. Beside an outage the rules read, the reader
/// must be surer: the outage's own story ("no hot water ... can you come tomorrow morning")
/// weighs for danger in the corpus without being one.
fn add_described_danger(
    found: &mut Vec<Found<'_>>,
    cold: &[Span],
    spoken: &SpokenWords,
    affirmed: impl Fn(Span) -> bool,
) {
    let pitch = found.iter().any(|f| f.kind == SignalKind::Category(CategoryName::VendorOrSolicitation));
    if pitch || is_no_heat_in_freezing_weather(found, cold) || found.iter().any(|f| f.kind == SignalKind::Danger) {
        return;
    }
    let outage = found.iter().any(|f| f.kind.is_condition());
    let threshold = if outage { danger_model::SCORE_THRESHOLD_BESIDE_AN_OUTAGE } else { danger_model::SCORE_THRESHOLD };
    if let Some(span) = danger_model::built_in().described_danger(spoken, affirmed, threshold) {
        found.push(Found { span, kind: SignalKind::Danger, signal: DESCRIBED_DANGER });
    }
}

/// Where the rules read none of them, the learned reader (`category_model.rs`) may read a
/// complaint, a sales call or a message meant for someone else, told in words no rule knows. A
/// call the rules read as a pitch or a wrong number is left so, and nothing wrong at the
/// caller's place (a danger, an outage) is ever read away as a pitch or someone else's message:
/// a pitch is learned only where the caller describes no condition, a message for someone else
/// only where the rules read nothing asked of the business ("calling to confirm my appointment
/// on tuesday" is the caller's own). Where the rules read nothing pressing either, it may read
/// that the story presses (an outage or a deadline in words no rule knows), unless the call is
/// a pitch or meant for someone else. Whether it added any.
fn add_learned_readings(
    found: &mut Vec<Found<'_>>,
    spoken: &SpokenWords,
    affirmed_category: impl Fn(Span) -> bool,
    affirmed_pressing: impl Fn(Span) -> bool,
) -> bool {
    let has = |found: &[Found<'_>], name| found.iter().any(|f| f.kind == SignalKind::Category(name));
    let not_for_the_business =
        |found: &[Found<'_>]| has(found, CategoryName::VendorOrSolicitation) || has(found, CategoryName::WrongNumber);
    if not_for_the_business(found) {
        return false;
    }
    let condition = found.iter().any(|f| f.kind.is_condition());
    let asks_the_business = condition || found.iter().any(|f| matches!(f.kind, SignalKind::Category(_)));
    let learned = category_model::built_in().read_learned(spoken, affirmed_category, affirmed_pressing);
    let mut added = false;
    for (name, span) in learned.categories {
        let kept_away = match name {
            CategoryName::VendorOrSolicitation => condition,
            CategoryName::WrongNumber => asks_the_business,
            _ => false,
        };
        if has(found, name) || kept_away {
            continue;
        }
        found.push(Found { span, kind: SignalKind::Category(name), signal: LEARNED_CATEGORY });
        added = true;
    }
    let pressed = found.iter().any(|f| f.kind.presses());
    if let Some(span) = learned.pressing.filter(|_| !pressed && !not_for_the_business(found)) {
        found.push(Found { span, kind: SignalKind::Pressing, signal: LEARNED_PRESSING });
        added = true;
    }
    added
}

/// Who lives there and what the weather is: a vulnerable occupant turns a failed heater, or a
/// failed air conditioner in extreme heat, into an emergency, and someone on oxygen or dialysis
/// a power outage (docs/RULES.md).
#[derive(Default)]
struct OccupantFacts {
    vulnerable: Vec<Span>,
    on_powered_care: Vec<Span>,
    cooling_outages: Vec<Span>,
    heat: Vec<Span>,
}

impl OccupantFacts {
    fn add_dangers(&self, found: &mut Vec<Found<'_>>) {
        let Some(&occupant) = self.vulnerable.first() else { return };
        let heat_outage = found.iter().find(|f| f.kind == SignalKind::HeatOutage).map(|f| f.span);
        let mut cited = false;
        if let Some(outage) = heat_outage {
            found.push(Found { span: outage, kind: SignalKind::Danger, signal: "no_heat_with_vulnerable_occupant" });
            cited = true;
        }
        if let (Some(&outage), Some(&heat)) = (self.cooling_outages.first(), self.heat.first()) {
            found.push(Found { span: outage, kind: SignalKind::Danger, signal: "no_cooling_in_extreme_heat" });
            found.push(Found { span: heat, kind: SignalKind::Danger, signal: "extreme_heat" });
            cited = true;
        }
        if cited {
            found.push(Found { span: occupant, kind: SignalKind::Danger, signal: "vulnerable_occupant" });
        }
        let power_outage = found.iter().find(|f| f.kind == SignalKind::PowerOutage).map(|f| f.span);
        if let (Some(outage), Some(&care)) = (power_outage, self.on_powered_care.first()) {
            found.push(Found { span: outage, kind: SignalKind::Danger, signal: "no_power_for_medical_equipment" });
            found.push(Found { span: care, kind: SignalKind::Danger, signal: "on_medical_equipment" });
        }
    }
}

/// A vendor's pitch is about what the vendor sells: its danger, time and service words
/// describe its trade ("we handle emergency water extraction"), not a problem at the caller's
/// place. A wrong number asks for no work, the appointment it speaks of is another office's
/// ("a reminder that Aiden has an appointment on Tuesday"), and its deadlines are its own
/// ("the party is sunday, call me today" presses nobody here).
fn keep_what_the_caller_is_about(found: &mut Vec<Found<'_>>, text: &str) {
    let has = |found: &[Found<'_>], name| found.iter().any(|f| f.kind == SignalKind::Category(name));
    if has(found, CategoryName::VendorOrSolicitation) {
        found.retain(|f| matches!(f.kind, SignalKind::Category(CategoryName::VendorOrSolicitation)));
        return;
    }
    drop_prices_already_quoted(found, text);
    if has(found, CategoryName::WrongNumber) && !found.iter().any(|f| f.kind.is_condition()) {
        found.retain(|f| {
            !matches!(
                f.kind,
                SignalKind::Category(
                    CategoryName::ServiceRequest
                        | CategoryName::AvailabilityRequest
                        | CategoryName::PricingRequest
                        | CategoryName::ExistingJob
                ) | SignalKind::TimePressure
            )
        });
    }
}

/// A quote the business already gave ("got your quote, we'd like to go ahead", "the quote we
/// signed", "a quote from you guys") is an existing job: the words that name it ask no price. A
/// quote still awaited ("calling about the estimate") may; so does a price asked in other words
/// beside it ("how much would option two be").
fn drop_prices_already_quoted(found: &mut Vec<Found<'_>>, text: &str) {
    const GIVEN: &[&str] = &["you", "your", "signed", "sent", "got", "gave", "recibi", "dieron", "mandaron"];
    let given = |span: Span| {
        let words = text.get(span.start..span.end).unwrap_or_default().split(|c: char| !c.is_alphanumeric());
        words.into_iter().any(|w| GIVEN.iter().any(|g| w.eq_ignore_ascii_case(g)))
    };
    let about_the_job = |f: &Found<'_>| {
        matches!(f.kind, SignalKind::Category(CategoryName::ExistingJob | CategoryName::Complaint)) && given(f.span)
    };
    let inside_the_job = |price: &Found<'_>| {
        found
            .iter()
            .any(|job| about_the_job(job) && job.span.start <= price.span.start && price.span.end <= job.span.end)
    };
    let quoted: Vec<bool> = found
        .iter()
        .map(|f| f.kind == SignalKind::Category(CategoryName::PricingRequest) && inside_the_job(f))
        .collect();
    let mut at = 0;
    found.retain(|_| {
        at += 1;
        !quoted[at - 1]
    });
}

/// Clause and sentence boundaries of one transcript, and its cue hits indexed by kind.
///
/// Every question a signal asks (is a negation within three words before it, is there a
/// past marker in its sentence) is answered by a binary search over positions computed
/// once, so reading stays linear in the transcript's length however many cues it repeats
/// (issue 10: "not today" repeated 2 KB long once took 0.7 s).
struct Context<'t> {
    text: &'t str,
    clause_breaks: Vec<usize>,
    sentence_breaks: Vec<usize>,
    /// Byte offsets where a whitespace-separated word starts, in order.
    word_starts: Vec<usize>,
    negations: CueSpans,
    cleared: CueSpans,
    no_longer: CueSpans,
    past: CueSpans,
    present: CueSpans,
    fresh_past: CueSpans,
    over: CueSpans,
    power_back: CueSpans,
    restored: CueSpans,
    false_alarm: CueSpans,
    hypothetical: CueSpans,
    heat_devices: CueSpans,
    /// Hits that carry time pressure ("today"): a clause with one is about now.
    time_pressure: CueSpans,
    no_hurry: CueSpans,
}

/// The vectors of a `Context`, kept between transcripts.
#[derive(Default)]
struct ContextBuffers {
    breaks: [Vec<usize>; 3],
    cues: [CueSpans; 14],
}

/// Non-overlapping spans of one kind of cue, in text order.
#[derive(Default)]
struct CueSpans(Vec<Span>);

impl CueSpans {
    /// The spans inside `start..end` other than `except`, in text order.
    fn within(&self, (start, end): (usize, usize), except: Span) -> impl Iterator<Item = Span> + '_ {
        let first = self.0.partition_point(|s| s.start < start);
        self.0[first..].iter().copied().take_while(move |s| s.end <= end).filter(move |&s| s != except)
    }

    /// The first span inside `start..end` other than `except`.
    fn first_within(&self, window: (usize, usize), except: Span) -> Option<Span> {
        self.within(window, except).next()
    }

    /// The last span that ends at or before `at` and starts at or after `floor`.
    fn last_before(&self, at: usize, floor: usize) -> Option<Span> {
        let to = self.0.partition_point(|s| s.end <= at);
        to.checked_sub(1).map(|i| self.0[i]).filter(|s| s.start >= floor)
    }

    /// The first span that starts at or after `at` and ends at or before `ceiling`.
    fn first_after(&self, at: usize, ceiling: usize) -> Option<Span> {
        let from = self.0.partition_point(|s| s.start < at);
        self.0.get(from).copied().filter(|s| s.end <= ceiling)
    }
}

impl<'t> Context<'t> {
    fn new(text: &'t str, hits: &[LexiconHit<'_>], buffers: &mut ContextBuffers) -> Self {
        let [clause_breaks, sentence_breaks, word_starts] = &mut buffers.breaks;
        let mut clause_breaks = std::mem::take(clause_breaks);
        let mut sentence_breaks = std::mem::take(sentence_breaks);
        let mut word_starts = std::mem::take(word_starts);
        clause_breaks.clear();
        sentence_breaks.clear();
        word_starts.clear();
        let mut cue = |i: usize| {
            let mut spans = std::mem::take(&mut buffers.cues[i]);
            spans.0.clear();
            spans
        };
        // Bytes, not chars: every break mark is ASCII except "…", "—", "–" (E2 80 A6/94/93).
        let bytes = text.as_bytes();
        for (at, &b) in bytes.iter().enumerate() {
            match b {
                b'.' if bytes.get(at + 1).is_none_or(|n| n.is_ascii_whitespace() || *n == b'.') => {
                    sentence_breaks.push(at)
                }
                b'!' | b'?' | b';' | b'\n' => sentence_breaks.push(at),
                b',' => clause_breaks.push(at),
                0xE2 if bytes.get(at + 1) == Some(&0x80) => match bytes.get(at + 2) {
                    Some(0xA6) => sentence_breaks.push(at),
                    Some(0x93 | 0x94) => clause_breaks.push(at),
                    _ => {}
                },
                _ => {}
            }
        }
        let mut in_word = false;
        if text.is_ascii() {
            // The whitespace `char::is_whitespace` knows in ASCII: tab to carriage return, space.
            for (at, &b) in text.as_bytes().iter().enumerate() {
                let space = b == b' ' || (0x09..=0x0D).contains(&b);
                if !space && !in_word {
                    word_starts.push(at);
                }
                in_word = !space;
            }
        } else {
            for (at, c) in text.char_indices() {
                let space = c.is_whitespace();
                if !space && !in_word {
                    word_starts.push(at);
                }
                in_word = !space;
            }
        }
        let mut context = Context {
            text,
            clause_breaks,
            sentence_breaks,
            word_starts,
            negations: cue(0),
            cleared: cue(1),
            past: cue(2),
            present: cue(3),
            hypothetical: cue(4),
            heat_devices: cue(5),
            time_pressure: cue(6),
            fresh_past: cue(7),
            over: cue(8),
            power_back: cue(9),
            false_alarm: cue(10),
            no_hurry: cue(11),
            restored: cue(12),
            no_longer: cue(13),
        };
        for hit in hits {
            let list = match hit.tag.cue {
                Some(Cue::Negation) => Some(&mut context.negations),
                Some(Cue::Cleared) => Some(&mut context.cleared),
                Some(Cue::NoLonger) => Some(&mut context.no_longer),
                Some(Cue::Past) => Some(&mut context.past),
                Some(Cue::Present) => Some(&mut context.present),
                Some(Cue::FreshPast) => Some(&mut context.fresh_past),
                Some(Cue::Over) => Some(&mut context.over),
                Some(Cue::PowerBack) => Some(&mut context.power_back),
                Some(Cue::Restored) => Some(&mut context.restored),
                Some(Cue::FalseAlarm) => Some(&mut context.false_alarm),
                Some(Cue::Hypothetical) => Some(&mut context.hypothetical),
                Some(Cue::HeatDevice) => Some(&mut context.heat_devices),
                Some(Cue::NoHurry) => Some(&mut context.no_hurry),
                Some(Cue::ClauseBreak) => {
                    context.sentence_breaks.push(hit.span.start);
                    None
                }
                _ => None,
            };
            if let Some(list) = list {
                list.0.push(hit.span);
            }
            if hit.tag.signals.iter().any(|s| s.kind == SignalKind::TimePressure) {
                context.time_pressure.0.push(hit.span);
            }
        }
        context.sentence_breaks.sort_unstable();
        context.clause_breaks.extend_from_slice(&context.sentence_breaks);
        context.clause_breaks.sort_unstable();
        context
    }

    /// Returns the vectors for the next transcript.
    fn give_back(self, buffers: &mut ContextBuffers) {
        buffers.breaks = [self.clause_breaks, self.sentence_breaks, self.word_starts];
        buffers.cues = [
            self.negations,
            self.cleared,
            self.past,
            self.present,
            self.hypothetical,
            self.heat_devices,
            self.time_pressure,
            self.fresh_past,
            self.over,
            self.power_back,
            self.false_alarm,
            self.no_hurry,
            self.restored,
            self.no_longer,
        ];
    }

    /// The stretch between the breaks around a span.
    fn scope(breaks: &[usize], span: Span, len: usize) -> (usize, usize) {
        let before = breaks.partition_point(|&b| b <= span.start);
        let start = if before > 0 { breaks[before - 1] } else { 0 };
        let after = breaks.partition_point(|&b| b < span.end);
        (start, breaks.get(after).copied().unwrap_or(len))
    }

    fn clause(&self, span: Span) -> (usize, usize) {
        Self::scope(&self.clause_breaks, span, self.text.len())
    }

    fn sentence(&self, span: Span) -> (usize, usize) {
        Self::scope(&self.sentence_breaks, span, self.text.len())
    }

    /// How many whitespace-separated words `text[from..to]` holds.
    fn words_between(&self, from: usize, to: usize) -> usize {
        if from >= to {
            return 0;
        }
        let starts_inside =
            self.word_starts.partition_point(|&w| w < to) - self.word_starts.partition_point(|&w| w <= from);
        let begins_in_a_word = self.text.get(from..).and_then(|t| t.chars().next()).is_some_and(|c| !c.is_whitespace());
        starts_inside + usize::from(begins_in_a_word)
    }

    /// The words of `text[from..to]`, without the punctuation around each.
    fn words_in(&self, from: usize, to: usize) -> impl DoubleEndedIterator<Item = &'t str> {
        self.text[from..to].split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
    }

    fn clause_has_heat_device(&self, span: Span) -> bool {
        self.heat_devices.first_within(self.clause(span), span).is_some()
    }

    /// Neither negated, nor past, nor hypothetical.
    fn is_affirmed_now(&self, span: Span) -> bool {
        !self.is_negated(span) && !self.is_past(span) && !self.is_hypothetical(span)
    }

    fn is_negated(&self, span: Span) -> bool {
        self.is_denied_or_cleared(span) || self.is_said_after(&self.no_longer, span)
    }

    /// An outage said now: its own words say something stopped, so an "anymore" after them
    /// keeps it out ("the heater isn't working anymore") rather than ending it.
    fn is_outage_affirmed_now(&self, span: Span) -> bool {
        !self.is_denied_or_cleared(span) && !self.is_past(span) && !self.is_hypothetical(span)
    }

    fn is_denied_or_cleared(&self, span: Span) -> bool {
        let clause = self.clause(span);
        let denied_before = !self.opens_a_question(span)
            && self
                .negations
                .last_before(span.start, clause.0)
                .is_some_and(|cue| self.words_between(cue.end, span.start) <= NEGATION_REACH_WORDS);
        denied_before || self.is_said_after(&self.cleared, span)
    }

    /// Whether one of `cues` follows `span` in its clause, within a negation's reach.
    fn is_said_after(&self, cues: &CueSpans, span: Span) -> bool {
        cues.first_after(span.end, self.clause(span).1)
            .is_some_and(|cue| self.words_between(span.end, cue.start) <= NEGATION_REACH_WORDS)
    }

    /// Whether the words at `span` start with a question or a request ("can someone come").
    fn opens_a_question(&self, span: Span) -> bool {
        let first = self.text.get(span.start..span.end).and_then(|t| t.split_whitespace().next()).unwrap_or("");
        QUESTION_OPENERS.iter().any(|q| first.eq_ignore_ascii_case(q))
    }

    /// A negation or a supposition between the words of one concept: "the panel isn't
    /// sparking", "the gas company checked for a leak". Negations inside a slot's own words
    /// ("no prende", "isn't working") are what the slot says, not a denial of it.
    fn is_denied_between(&self, parts: &[Span]) -> bool {
        let nothing = Span { start: 0, end: 0 };
        parts.windows(2).any(|pair| {
            let gap = (pair[0].end, pair[1].start);
            gap.0 < gap.1
                && (self.negations.first_within(gap, nothing).is_some()
                    || self.hypothetical.first_within(gap, nothing).is_some())
        })
    }

    fn is_past(&self, span: Span) -> bool {
        !self.is_said_as_going_on(span) && self.is_past_dated(span, self.is_said_in_the_present(span))
    }

    /// Whether the signal's own words say it is going on: "water is pouring", "it's leaking",
    /// "they're sparking". No past marker dates that, however near: "the tech came out last week
    /// and water is pouring from the ceiling" is a flood now (round 30).
    fn is_said_as_going_on(&self, span: Span) -> bool {
        const NOW: &[&str] = &["is", "are", "its", "theyre"];
        let mut words = self.text.get(span.start..span.end).unwrap_or_default().split_whitespace();
        let mut before = words.next();
        words.any(|word| {
            let auxiliary = before.is_some_and(|b| is_one_of_bare(b, NOW));
            before = Some(word);
            auxiliary && word.len() > 4 && word.to_ascii_lowercase().ends_with("ing")
        })
    }

    /// Whether a past marker dates the signal; `by_its_clause_alone` for a signal whose own
    /// words put it in the present or ahead ("won't start", "supposed to hit by sunday"): then
    /// "..., the one you installed two years ago" dates the installing, not it (round 18).
    fn is_past_dated(&self, span: Span, by_its_clause_alone: bool) -> bool {
        // Speech-to-text often gives a whole voicemail as one sentence: a past marker counts
        // only in the signal's sentence and within a few words of it ("you came out last
        // february when our pipe burst"), not from a story told elsewhere in a run-on.
        let sentence = self.sentence(span);
        let first = self.word_starts.partition_point(|&w| w < span.start);
        let last = self.word_starts.partition_point(|&w| w < span.end);
        let from = first.checked_sub(PAST_REACH_WORDS).map_or(0, |i| self.word_starts[i]);
        let to = self.word_starts.get(last + PAST_REACH_WORDS).copied().unwrap_or(self.text.len());
        let clause = self.clause(span);
        let mut window = (sentence.0.max(from), sentence.1.min(to));
        if by_its_clause_alone {
            window = (window.0.max(clause.0), window.1.min(clause.1));
        }
        let dated = self.past.within(window, span).any(|cue| !self.closes_an_earlier_clause(cue, span));
        if !dated && !self.is_over_since(span, window, sentence, to) {
            return false;
        }
        // "Still" or a deadline keeps it happening only if said near it: in a run-on, "i need
        // your estimate by end of day today" does not relight "the fire was back on the third"
        // twenty words before (round 26).
        let near = (clause.0.max(from), clause.1.min(to));
        let happening_now =
            self.present.first_within(near, span).is_some() || self.time_pressure.first_within(near, span).is_some();
        !happening_now
    }

    /// Whether a past marker said before the signal ends a clause of its own: "ago" closes
    /// what it dates, so after an "and" or a "but" the next words are another event ("we just
    /// had a baby two weeks ago and the a c stopped blowing cold", round 40).
    fn closes_an_earlier_clause(&self, cue: Span, span: Span) -> bool {
        const JOINS: &[&str] = &["and", "but", "so", "now", "y", "pero"];
        let said = self.text.get(cue.start..cue.end).unwrap_or_default().as_bytes();
        cue.end <= span.start
            && said.len() >= 3
            && said[said.len() - 3..].eq_ignore_ascii_case(b"ago")
            && self
                .text
                .get(cue.end..span.start)
                .unwrap_or_default()
                .split_whitespace()
                .any(|w| is_one_of_bare(w, JOINS))
    }

    /// A bare "today" said of the weather, in a clause that asks for nothing: "gorgeous day
    /// today isn't it seventy two and sunny", "feeling like a hundred out there today" (round
    /// 40). Small talk sets no deadline; "it's pouring today, can someone come" still does.
    fn is_said_of_the_weather(&self, span: Span) -> bool {
        const WEATHER: &[&str] = &[
            "sunny",
            "rain",
            "raining",
            "pouring",
            "snow",
            "snowing",
            "weather",
            "gorgeous",
            "beautiful",
            "lovely",
            "humid",
            "muggy",
            "windy",
            "cloudy",
            "scorcher",
        ];
        let said = self.text.get(span.start..span.end).unwrap_or_default();
        if !said.eq_ignore_ascii_case("today") {
            return false;
        }
        let (start, end) = self.clause(span);
        let words = || self.words_in(start, end);
        let mut before = "";
        let weather = words().any(|w| {
            let out_there = before.eq_ignore_ascii_case("out") && w.eq_ignore_ascii_case("there");
            before = w;
            out_there || is_one_of_bare(w, WEATHER)
        });
        weather && !words().any(|w| is_one_of_bare(w, ASKS))
    }

    /// Today or a part of it said beside what happened in it: "we turned the furnace on for the
    /// first time this morning and it had that burning dust smell" (round 46), "i got your
    /// invoice today", "you came out the same day last time", "today i was cleaning out the junk
    /// drawer and found your magnet" (round 55). The verb nearest the time word decides, so
    /// "we had a leak and need someone out this morning" still sets a deadline.
    fn is_when_it_happened_today(&self, span: Span) -> bool {
        const WHEN_IT_HAPPENED: &[&str] = &[
            "this morning",
            "this afternoon",
            "this evening",
            "today",
            "same day",
            "esta manana",
            "esta tarde",
            "hoy",
        ];
        const SAID_IN_THE_PAST: &[&str] = &[
            "had",
            "was",
            "were",
            "went",
            "came",
            "got",
            "broke",
            "quit",
            "froze",
            "blew",
            "began",
            "left",
            "woke",
            "found",
            "saw",
            "heard",
            "did",
            "said",
            "told",
            // Spanish preterites: "dejo de funcionar esta manana".
            "dejo",
            "empezo",
            "paso",
            "vino",
            "llego",
            "fue",
            "hubo",
            "rompio",
            "descompuso",
            "apago",
            "llame",
        ];
        /// What makes a participle after it wished for: "like it fixed", "want them cleaned", as
        /// an ask does ("need the toilet fixed").
        const WISHES: &[&str] = &["like", "want", "wanna", "get", "have", "hoping"];
        /// Words a clause may open with before its time word: "hi, today i was ...".
        const OPENERS: &[&str] = &["hi", "hey", "hello", "so", "um", "uh", "well", "yeah", "and", "oh", "ok", "okay"];
        /// How far after an opening time word its past verb may come: "today i was", "this
        /// morning my husband noticed".
        const VERB_AFTER_WORDS: usize = 3;
        let said = self.text.get(span.start..span.end).unwrap_or_default();
        if !WHEN_IT_HAPPENED.iter().any(|p| said.eq_ignore_ascii_case(p)) {
            return false;
        }
        let (start, end) = self.clause(span);
        let past_verb = |w: &str| {
            is_one_of_bare(w, SAID_IN_THE_PAST)
                || (w.len() > 4 && w.get(w.len() - 2..).is_some_and(|e| e.eq_ignore_ascii_case("ed")))
        };
        // Walking back from the time word to its verb. "Been at it since about six this morning"
        // is going on still; "i'd like it fixed today" is a wish, not a past.
        let mut back = self.words_in(start, span.start).rev().enumerate();
        let mut verb_before = None;
        while let Some((i, w)) = back.next() {
            if (i < 3 && w.eq_ignore_ascii_case("since")) || is_one_of_bare(w, ASKS) {
                verb_before = Some(false);
                break;
            }
            if past_verb(w) {
                let wished = back.by_ref().take(3).any(|(_, w)| is_one_of_bare(w, WISHES) || is_one_of_bare(w, ASKS));
                verb_before = Some(!wished);
                break;
            }
        }
        // A verb after it only where the time word opens its clause: in "still coming today we
        // were scheduled for ten" the run-on's "today" belongs to what comes before it.
        let verb_after = || {
            self.words_in(start, span.start).all(|w| w.is_empty() || is_one_of_bare(w, OPENERS))
                && self
                    .words_in(span.end, end)
                    .take(VERB_AFTER_WORDS)
                    .take_while(|w| !is_one_of_bare(w, ASKS))
                    .any(past_verb)
        };
        verb_before.unwrap_or_else(verb_after)
    }

    /// "By thursday" after the caller's own "i can come" is the day of their visit, not a
    /// deadline for the business: "i can come by thursday to drop off the check" (round 55).
    /// "Can someone come by thursday" still asks by when.
    fn is_the_callers_own_visit(&self, span: Span) -> bool {
        const VISITS: &[&str] = &["come", "coming", "stop", "drop", "swing", "be"];
        const CALLER: &[&str] = &["i", "ill", "im", "we", "well", "were"];
        let said = self.text.get(span.start..span.end).unwrap_or_default();
        if !said.get(..3).is_some_and(|by| by.eq_ignore_ascii_case("by ")) {
            return false;
        }
        let mut before = self.words_in(0, span.start).rev();
        before.next().is_some_and(|w| is_one_of_bare(w, VISITS)) && before.take(2).any(|w| is_one_of_bare(w, CALLER))
    }

    /// A time said as when something was, not when it must be done: "returning your call from
    /// this morning" (round 44). Not "since this morning": what has gone on since then is
    /// going on still ("the septic alarm has been going off since this morning").
    fn is_a_time_gone_by(&self, span: Span) -> bool {
        let before = self.text.get(..span.start).unwrap_or_default().split_whitespace().next_back().unwrap_or("");
        before.eq_ignore_ascii_case("from") || self.is_when_it_happened_today(span)
    }

    /// Whether the signal's own words put it in the present: "won't start", "isn't draining",
    /// "keeps tripping" (not "wouldn't start", "stopped").
    fn is_said_in_the_present(&self, span: Span) -> bool {
        const PRESENT: &[&str] = &["wont", "isnt", "doesnt", "cant", "arent", "keeps"];
        let words = self.text.get(span.start..span.end).unwrap_or_default().split_whitespace();
        words.into_iter().any(|w| is_one_of_bare(w, PRESENT))
    }

    /// "Yesterday" or "last night" near the signal, and the sentence going on to say it is over:
    /// "the fire at the lake last night was so much fun", "my son fell off his scooter
    /// yesterday ... it's all cleaned up and he's running around fine". A "still" or "again"
    /// in the sentence or in the words that follow the signal (up to `reach`), past a "but",
    /// keeps it fresh ("flooded last night, we pumped it out but it's still wet").
    fn is_over_since(&self, span: Span, window: (usize, usize), sentence: (usize, usize), reach: usize) -> bool {
        let said_since = (sentence.0, sentence.1.max(reach));
        self.fresh_past.first_within(window, span).is_some()
            && self.over.first_after(span.end, sentence.1).is_some()
            && self.present.first_within(said_since, span).is_none()
    }

    /// Whether the caller says later that the power is back, and nothing after that says it
    /// failed again ("... but now it's out again"): the outage at `span` is over.
    fn is_power_back_after(&self, span: Span) -> bool {
        self.is_ended_after(&self.power_back, span)
    }

    /// Whether the caller says later that what failed works again ("it came back on its own"),
    /// and nothing after that says it failed again ("but now it's out again").
    fn is_restored_after(&self, span: Span) -> bool {
        self.is_ended_after(&self.restored, span)
    }

    /// Whether the caller says later that what alarmed them was no danger ("turned out it was a
    /// dead battery"), and nothing after that says it is back ("but it's going off again").
    fn is_a_false_alarm_after(&self, span: Span) -> bool {
        self.is_ended_after(&self.false_alarm, span)
    }

    /// Whether one of `endings` follows `span` anywhere later in the transcript with no
    /// present cue after it: an ending the caller takes back ("... but now it's out again")
    /// ends nothing.
    fn is_ended_after(&self, endings: &CueSpans, span: Span) -> bool {
        let len = self.text.len();
        endings.first_after(span.end, len).is_some_and(|cue| self.present.first_after(cue.end, len).is_none())
    }

    /// Whether the caller says beside a time-pressure signal, in its sentence, that the call can
    /// wait: "right now it's not urgent", "no rush at all, today or tomorrow is fine". A "but"
    /// starts a sentence of its own here (`Cue::ClauseBreak`), so "no rush, but i need it by
    /// friday" still sets a deadline.
    fn is_waved_off(&self, span: Span) -> bool {
        self.no_hurry.within(self.sentence(span), span).any(|cue| {
            // "No es urgente" holds the "urgente" it waves off.
            let words_apart = if cue.end <= span.start {
                self.words_between(cue.end, span.start)
            } else if span.end <= cue.start {
                self.words_between(span.end, cue.start)
            } else {
                0
            };
            words_apart <= NO_HURRY_REACH_WORDS
        })
    }

    fn is_hypothetical(&self, span: Span) -> bool {
        let clause = self.clause(span);
        self.hypothetical
            .last_before(span.start, clause.0)
            .is_some_and(|cue| self.words_between(cue.end, span.start) <= HYPOTHETICAL_REACH_WORDS)
    }
}

/// Words that ask the business for something: a clause with one is a request, whatever else
/// it says of the weather or of what happened.
const ASKS: &[&str] = &[
    "come",
    "need",
    "someone",
    "somebody",
    "anyone",
    "asap",
    "please",
    "can",
    "could",
    "send",
    "fix",
    "necesito",
    "necesitamos",
    "pueden",
    "puede",
    "vengan",
    "venir",
    "manden",
];

/// Whether `word` is one of `bare` (lower case, no apostrophes), compared without its
/// apostrophes, straight or typographic, and in any ASCII case: "won't", "Won’t", "wont".
fn is_one_of_bare(word: &str, bare: &[&str]) -> bool {
    let letters = word.chars().filter(|c| !matches!(c, '\'' | '\u{2019}')).map(|c| c.to_ascii_lowercase());
    bare.iter().any(|b| letters.clone().eq(b.chars()))
}

/// The temperature written just before a unit ("38 degrees", "-5°", "thirty five degrees")
/// and where its number starts.
fn temperature_before(text: &str, unit_start: usize) -> Option<(i32, usize)> {
    // "minus thirty five " is the longest reading; a bounded look-back keeps a transcript of
    // thousands of "°" linear.
    const LOOK_BACK_BYTES: usize = 40;
    let mut window_start = unit_start.saturating_sub(LOOK_BACK_BYTES);
    while !text.is_char_boundary(window_start) {
        window_start -= 1;
    }
    let (value, start) = temperature_at_end(text.get(window_start..unit_start)?)?;
    Some((value, window_start + start))
}

/// The temperature at the end of `before`, and where it starts in `before`.
fn temperature_at_end(before: &str) -> Option<(i32, usize)> {
    let before = before.trim_end();
    let digits_start = before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (magnitude, mut start) = if digits_start < before.len() {
        let digits = &before[digits_start..];
        (if digits.len() > 4 { None } else { digits.parse::<i32>().ok() }?, digits_start)
    } else {
        let (value, start) = number_words_before(before)?;
        (value, start)
    };
    let head = &before[..start];
    let mut negative = false;
    if let Some(sign_at) = head.strip_suffix('-').map(str::len) {
        negative = true;
        start = sign_at;
    } else {
        let head_trimmed = head.trim_end();
        for word in ["minus", "negative"] {
            let len = head_trimmed.len();
            if len >= word.len()
                && head_trimmed.is_char_boundary(len - word.len())
                && head_trimmed[len - word.len()..].eq_ignore_ascii_case(word)
            {
                negative = true;
                start = len - word.len();
            }
        }
    }
    Some((if negative { -magnitude } else { magnitude }, start))
}

/// "five", "thirty", "thirty five", "thirty-five" at the end of the text, and where they start.
fn number_words_before(before: &str) -> Option<(i32, usize)> {
    // Where the last word starts: after the last space, which may be wider than one byte (U+2007).
    let last_start = before.trim_end_matches(|c: char| !c.is_whitespace()).len();
    let last = &before[last_start..];
    if let Some((tens, units)) = last.split_once('-') {
        return Some((tens_word(tens)? + unit_word(units)?, last_start));
    }
    if let Some(value) = tens_word(last) {
        return Some((value, last_start));
    }
    let units = unit_word(last)?;
    let head = before[..last_start].trim_end();
    let tens_start = head.trim_end_matches(|c: char| !c.is_whitespace()).len();
    match tens_word(&head[tens_start..]) {
        Some(tens) if units < 10 => Some((tens + units, tens_start)),
        _ => Some((units, last_start)),
    }
}

fn unit_word(word: &str) -> Option<i32> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    UNITS.iter().position(|u| u.eq_ignore_ascii_case(word)).map(|i| i as i32)
}

fn tens_word(word: &str) -> Option<i32> {
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    TENS.iter().position(|t| t.eq_ignore_ascii_case(word)).map(|i| (i as i32 + 2) * 10)
}

/// Too little of the transcript is words a person said (see the module notes).
fn mostly_unintelligible(text: &str) -> bool {
    // A television behind the caller is neither their words nor noise.
    let text = &*without_overheard(text);
    let (real, noise) = read_tokens(text, |_| true);
    if real < 3 || noise >= real {
        return true;
    }
    // "hello? hello? ... hello?": someone checking the line says nothing to act on.
    let mut only_hellos = true;
    read_tokens(text, |word| {
        only_hellos = is_hello(word);
        only_hellos
    });
    if only_hellos || says_nothing(text) {
        return true;
    }
    // "this is [unintelligible] at [inaudible] ... the ... call me back": between the gaps
    // only small words were heard.
    if noise == 0 {
        return false;
    }
    let mut content = 0;
    read_tokens(text, |word| {
        content += usize::from(!is_function_word(word));
        true
    });
    noise >= content
}

/// Only words that leave nothing to act on: a pocket dial ("oh shoot hang on", "sorry never
/// mind ... okay bye"), a phone menu's hold message ("your call is important to us"), or what
/// speech-to-text writes over silence ("Thanks for watching!").
fn says_nothing(text: &str) -> bool {
    const NOTHING: &[&str] = &[
        "sorry",
        "i",
        "never",
        "mind",
        "nevermind",
        "oh",
        "shoot",
        "oops",
        "whoops",
        "hang",
        "on",
        "hold",
        "wait",
        "ok",
        "okay",
        "bye",
        "goodbye",
        "no",
        "nope",
        "yes",
        "yeah",
        "hello",
        "hi",
        "hey",
        "um",
        "uh",
        "thanks",
        "thank",
        "you",
        "please",
        "just",
        "a",
        "sec",
        "second",
        "put",
        "it",
        "down",
        "hola",
        "perdon",
        "bueno",
        "adios",
    ];
    /// Words of a hold message or a caption, which say nothing only with one of `ANCHORS`.
    const CANNED: &[&str] =
        &["for", "watching", "subscribe", "your", "call", "is", "important", "to", "us", "stay", "the", "line"];
    const ANCHORS: &[&str] = &["watching", "subscribe", "important"];
    let (mut canned, mut anchored) = (false, false);
    let mut words = 0;
    for token in text.split_whitespace() {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() || token.starts_with(['[', '(', '<', '{']) {
            continue;
        }
        let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(core));
        words += 1;
        if is(ANCHORS) {
            anchored = true;
        }
        if is(CANNED) {
            canned = true;
        } else if !is(NOTHING) {
            return false;
        }
    }
    words > 0 && (anchored || !canned)
}

/// Counts real words and noise tokens, showing each real word to `word` until it says stop.
fn read_tokens(text: &str, mut word: impl FnMut(&str) -> bool) -> (usize, usize) {
    let mut real = 0usize;
    let mut noise = 0usize;
    let mut inside_tag: Option<char> = None;
    let tokens: &mut dyn Iterator<Item = &str> =
        if text.is_ascii() { &mut text.split_ascii_whitespace() } else { &mut text.split_whitespace() };
    for token in tokens {
        if let Some(close) = inside_tag {
            noise += 1;
            if token.contains(close) {
                inside_tag = None;
            }
            continue;
        }
        let first = token.chars().next().unwrap_or(' ');
        let close = match first {
            '[' => Some(']'),
            '<' => Some('>'),
            '{' => Some('}'),
            '(' if token.chars().skip(1).all(|c| c.is_alphabetic() || c == ')') => Some(')'),
            _ => None,
        };
        if let Some(close) = close {
            noise += 1;
            if !token[first.len_utf8()..].contains(close) {
                inside_tag = Some(close);
            }
        } else if is_noise_word(token) {
            noise += 1;
        } else {
            real += 1;
            if !word(token) {
                break;
            }
        }
    }
    (real, noise)
}

/// Words that carry no content of their own: what is left of a sentence the gaps ate.
fn is_function_word(token: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "a", "an", "the", "this", "that", "is", "it", "its", "it's", "at", "in", "on", "of", "to", "and", "or", "me",
        "my", "i", "you", "we", "so", "be", "was", "are", "yeah", "yes", "hi", "hello", "hey", "el", "la", "de", "que",
        "y", "en", "es", "un", "una", "si", "hola",
    ];
    let core = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    FUNCTION_WORDS.iter().any(|w| w.eq_ignore_ascii_case(core))
}

/// "hello", "hi", "hola", "yes": words that only check whether anyone is there.
fn is_hello(token: &str) -> bool {
    const HELLOS: &[&str] = &["hello", "hi", "hey", "hola", "alo", "aló", "bueno", "yes", "yeah", "ok", "okay"];
    let core = token.trim_matches(|c: char| !c.is_alphanumeric());
    HELLOS.iter().any(|h| h.eq_ignore_ascii_case(core))
}

const FILLERS: &[&str] = &["um", "umm", "uh", "uhh", "uhm", "hmm", "hm", "mm", "mhm", "er", "erm", "ah", "eh"];

/// The letters `FILLERS` are spelled with (either case): a word with any other letter or a
/// digit is no filler, which spares most short words the comparisons with each filler.
fn filler_letter(b: u8) -> bool {
    matches!(b | 0x20, b'a' | b'e' | b'h' | b'm' | b'r' | b'u')
}

/// "...", "um", "xkcdq", "#@!a": a token nobody says as a word.
fn is_noise_word(token: &str) -> bool {
    let (mut alphanumeric, mut letters, mut vowels, mut symbols) = (0usize, 0usize, 0usize, 0usize);
    let mut filler_letters_only = true;
    // ASCII tokens (nearly all) are counted byte by byte; only the others are decoded, as the
    // chars of an ASCII token were decoded one by one merely to be skipped.
    let ascii = token.is_ascii();
    if ascii {
        for &b in token.as_bytes() {
            if b.is_ascii_alphabetic() {
                alphanumeric += 1;
                letters += 1;
                vowels += usize::from(matches!(b | 0x20, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'));
                filler_letters_only &= filler_letter(b);
            } else if b.is_ascii_digit() {
                alphanumeric += 1;
                filler_letters_only = false;
            } else {
                symbols += 1;
            }
        }
    } else {
        for c in token.chars() {
            if c.is_alphanumeric() {
                alphanumeric += 1;
                filler_letters_only &= c.is_ascii_alphabetic() && filler_letter(c as u8);
                if c.is_alphabetic() {
                    letters += 1;
                    vowels += usize::from(matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
                }
            } else {
                symbols += 1;
            }
        }
    }
    if alphanumeric == 0 || symbols > alphanumeric {
        return true;
    }
    // Letter soup without vowels; only judged for ASCII words (other scripts have no "vowels").
    if ascii && letters >= 4 && letters == alphanumeric && vowels == 0 {
        return true;
    }
    alphanumeric <= 4 && filler_letters_only && {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        FILLERS.iter().any(|f| f.eq_ignore_ascii_case(core))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(text: &str) -> VoicemailReading {
        read_voicemail(&Transcript::new(text), Some(0.9), &Lexicon::built_in())
    }

    fn quotes(reading: &VoicemailReading) -> Vec<&str> {
        reading.evidence.iter().filter_map(Evidence::quote).collect()
    }

    fn category_names(reading: &VoicemailReading) -> Vec<CategoryName> {
        reading.categories.iter().map(|c| c.name).collect()
    }

    #[test]
    fn fillers_are_spelled_with_filler_letters_only() {
        assert!(FILLERS.iter().all(|f| f.bytes().all(filler_letter)));
        assert!(["um", "UHM", "(hmm)", "Erm,", "\u{201c}uh\u{201d}"].iter().all(|t| is_noise_word(t)));
        assert!(!["me", "her", "are", "ham", "u2"].iter().any(|t| is_noise_word(t)));
    }

    #[test]
    fn gas_smell_is_an_emergency() {
        let reading = read("Hi, I smell gas in the kitchen, please call me back.");
        assert_eq!(reading.level, Urgency::Emergency);
        assert_eq!(quotes(&reading), vec!["smell gas"]);
        assert_eq!(reading.evidence[0].signal(), "gas_smell");
    }

    #[test]
    fn past_gas_leak_is_not_evidence() {
        let reading = read("Last year we had a gas leak and I'd like the line inspected sometime.");
        assert_eq!(reading.level, Urgency::Routine);
        assert!(reading.evidence.is_empty());
    }

    #[test]
    fn past_marker_after_the_signal_counts_too() {
        assert_eq!(read("We had a flood back in 2019, want to waterproof the basement.").level, Urgency::Routine);
        assert_eq!(read("We had a flood in 2019 and want to waterproof the basement.").level, Urgency::Routine);
    }

    #[test]
    fn a_past_danger_happening_again_is_an_emergency() {
        assert_eq!(read("Last year we had a flood and the basement is flooding again.").level, Urgency::Emergency);
    }

    #[test]
    fn last_nights_flood_is_still_an_emergency() {
        assert_eq!(read("our basement flooded last night please call").level, Urgency::Emergency);
    }

    #[test]
    fn yesterdays_flood_said_to_be_over_is_not_evidence() {
        let reading = read("my neighbor's basement flooded yesterday, they got it pumped out and they're fine");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn last_nights_flood_still_wet_after_pumping_stays_an_emergency() {
        let text = "the basement flooded last night, we got it pumped out but it is still wet down there";
        assert_eq!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn a_fire_on_the_television_behind_the_caller_is_no_emergency() {
        let text = "[TV: a three alarm fire tore through downtown tonight] hi i need a quote on a water heater";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn an_ad_on_the_radio_behind_the_caller_asks_for_no_quote() {
        let text =
            "[radio: call Bright Solar today for a free quote] hey its dana my furnace is making a banging noise";
        assert!(!read(text).categories.iter().any(|c| c.name == CategoryName::PricingRequest));
    }

    #[test]
    fn a_fire_in_the_room_with_the_television_on_is_still_an_emergency() {
        let text = "[TV: weather at eleven] hi theres smoke coming out of the outlet in the den";
        assert_eq!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn a_neighbours_burst_pipe_over_christmas_is_history() {
        let text = "my neighbor had a pipe burst in their crawl space over christmas so i'd like a quote on insulation";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn fire_trucks_going_by_are_no_fire() {
        let text = "the fire trucks went by twice this week, anyway i want more detectors";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_fire_in_eighty_seven_is_history() {
        assert_eq!(
            read("the barn fire in eighty seven took the hay, i want a generator quote").level,
            Urgency::Routine
        );
    }

    #[test]
    fn it_turned_out_the_heater_was_fine_is_no_outage() {
        assert_eq!(read("it turned out the heater was fine, just want a tune up").level, Urgency::Routine);
    }

    #[test]
    fn a_detector_that_turns_out_to_be_its_battery_is_a_false_alarm() {
        let text = "about the carbon monoxide detector beeping, turns out it was just the low battery chirp";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_false_alarm_stays_over_when_the_caller_still_wants_a_visit() {
        let text = "about the carbon monoxide detector beeping, turns out it was just the low battery chirp. \
                    i'd still like somebody to check the furnace";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_gas_smell_when_they_first_moved_in_is_history() {
        let text = "when we first moved in there was a faint gas smell by the fireplace, can we book a tune up";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn water_in_the_basement_said_to_be_all_dry_now_is_over() {
        let text = "the basement took on two inches of water last night, everything's dry now, i want a quote";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn negated_danger_is_not_evidence() {
        assert_eq!(read("There isn't any gas smell, the water heater just won't light.").level, Urgency::Urgent);
        assert_eq!(read("No leak anymore, just want the ceiling looked at.").level, Urgency::Routine);
    }

    #[test]
    fn it_is_not_an_emergency_is_not_time_pressure() {
        assert_eq!(read("It's not an emergency, just want a quote for a new panel.").level, Urgency::Routine);
    }

    #[test]
    fn no_rush_is_not_time_pressure() {
        let reading = read("Calling to schedule a water heater flush sometime next week. No rush at all.");
        assert_eq!(reading.level, Urgency::Routine);
        assert!(reading.evidence.is_empty());
    }

    #[test]
    fn hypothetical_flooding_is_not_evidence() {
        assert_eq!(read("What would it cost if the basement floods? Want a sump pump.").level, Urgency::Routine);
        assert_eq!(read("Want a backup sump pump in case it floods.").level, Urgency::Routine);
    }

    #[test]
    fn an_if_said_long_before_supposes_nothing_about_the_flood() {
        let text = "we're out past the feed store if you know the area the one with the green mailbox um so i \
                    went down to the basement to get the christmas decorations and um there's water everywhere";
        assert_eq!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn right_now_said_beside_not_urgent_sets_no_deadline() {
        let reading =
            read("Calling about a quote on a water heater. Right now it's not urgent, the old one still works.");
        assert_eq!(reading.level, Urgency::Routine);
        assert!(reading.evidence.is_empty());
    }

    #[test]
    fn today_or_tomorrow_after_no_rush_sets_no_deadline() {
        let reading = read("the kitchen faucet drips a little no rush at all today or tomorrow is fine");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn ahorita_no_es_urgente_sets_no_deadline() {
        let reading = read("Hola, es para el mantenimiento del aire. Ahorita no es urgente, cuando puedan me llaman.");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn a_deadline_after_but_stands_beside_not_an_emergency() {
        let reading = read("It's not an emergency, but we need the toilet fixed today, we have guests coming.");
        assert_eq!(reading.level, Urgency::Urgent);
        assert_eq!(quotes(&reading), vec!["today"]);
    }

    #[test]
    fn no_rush_said_far_along_a_run_on_leaves_today_standing() {
        let reading = read(
            "hi we need someone out today to look at the thermostat in the shop and also the other thing \
             the leaky faucet in the break room is no rush",
        );
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn you_dont_have_to_call_back_right_away_sets_no_deadline() {
        let reading = read("it's about the bill, you don't have to call back right away, i just want it explained");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn no_need_to_call_back_today_sets_no_deadline() {
        assert_eq!(
            read("no need to call back today, just wanted to get on the list for a tune up").level,
            Urgency::Routine
        );
    }

    #[test]
    fn a_request_for_today_after_but_stands_beside_dont_have_to() {
        let reading = read("we don't have to be home for it, but can someone come out today to look at the thermostat");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn needing_a_circuit_back_asap_is_urgent_not_a_borrowed_tool() {
        let reading =
            read("half the outlets in the office went dead, i work from home on that circuit so i need it back asap");
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(!category_names(&reading).contains(&CategoryName::WrongNumber));
    }

    #[test]
    fn no_rush_takes_nothing_from_calls_already_made() {
        let reading = read("hi this is my third time calling no rush but please call me back");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn no_rush_takes_nothing_from_a_present_danger() {
        assert_eq!(read("no rush or anything but i smell gas in the basement").level, Urgency::Emergency);
    }

    #[test]
    fn a_deadline_far_along_a_run_on_does_not_relight_a_past_fire() {
        let text = "i'm the adjuster on the claim at nine ninety birchwood um the fire was back on the third and \
                    it's all out and boarded up your tech was out there tuesday to look at the wiring and i need \
                    your written estimate by end of day today";
        assert_eq!(read(text).level, Urgency::Urgent);
    }

    #[test]
    fn a_visit_on_a_day_gone_by_dates_the_gas_smell() {
        let text = "the propane company came out Tuesday because we smelled gas and they replaced the regulator";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn fire_lines_and_a_fire_claim_are_no_fire() {
        assert_eq!(
            read("We need our annual backflow test done on the domestic and fire lines.").level,
            Urgency::Routine
        );
        assert_eq!(read("I'm the adjuster on the kitchen fire claim at 990 Birchwood.").level, Urgency::Routine);
    }

    #[test]
    fn working_fine_right_now_is_no_hurry() {
        let text = "Everything is working fine right now, no problems, we're just planning ahead.";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn water_boiled_to_wash_with_scalds_no_one() {
        let text = "the water heater is not making any hot water, I been boiling water on the stove to wash.";
        assert_eq!(read(text).level, Urgency::Urgent);
    }

    #[test]
    fn a_ladder_someone_cannot_climb_is_no_fall() {
        let text = "his smoke detector is chirping once a minute and he can't get up on a ladder to change the battery";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_toilet_bowl_that_stays_full_is_no_flood() {
        assert_ne!(
            read("el toilet no flushea, se queda lleno de agua, y solo tenemos un bano").level,
            Urgency::Emergency
        );
    }

    #[test]
    fn medicine_running_out_by_a_day_presses() {
        let text = "I need my blood pressure pills refilled, I've only got enough to last through Sunday.";
        assert_eq!(read(text).level, Urgency::Urgent);
    }

    #[test]
    fn a_gas_smell_heard_as_gaz_is_a_gas_smell() {
        assert_eq!(read("smell of gaz outside by the meter and it's hissing").level, Urgency::Emergency);
    }

    #[test]
    fn a_surname_before_here_calling_is_a_name() {
        let text = "ashley flood here calling back about the bathroom remodel estimate";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_danger_before_here_without_a_call_announced_stays_a_danger() {
        assert_eq!(read("big flood here from the storm").level, Urgency::Emergency);
    }

    #[test]
    fn a_name_after_names_is_a_name() {
        let text = "Yeah hi, name's Rusty Sparks, no joke, I'm looking to get two ceiling fans put in.";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_fence_the_wind_blew_down_is_no_one_fallen() {
        let text = "hola para una cotizacion de la cerca que se cayo con el viento cuando puedan me llaman";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_season_ahead_is_no_deadline() {
        assert_eq!(read("quiero que revisen el aire acondicionado antes del verano").level, Urgency::Routine);
    }

    #[test]
    fn an_old_water_heater_hauled_out_is_no_outage() {
        let text = "your technician scratched my floor dragging the old water heater out";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_second_message_said_in_spanish_is_a_repeated_attempt() {
        assert_eq!(read("hola este es mi segundo mensaje tengo cita para el jueves").level, Urgency::Urgent);
    }

    #[test]
    fn an_outage_told_as_the_cause_of_a_chirp_is_over() {
        let text = "ever since the power outage the smoke detector in the hallway is chirping once a minute";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_flood_said_as_going_on_is_not_dated_by_an_earlier_visit() {
        let text = "the tech came out last week and water is pouring from the ceiling";
        assert_eq!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn a_flood_said_in_the_past_tense_stays_dated() {
        assert_eq!(read("last winter the basement was flooding").level, Urgency::Routine);
    }

    #[test]
    fn a_danger_if_someone_ever_has_it_is_imagined() {
        let text = "Do you offer twenty four hour service if someone ever has a gas leak or a sparking panel";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn smoking_a_brisket_is_no_smoke() {
        assert_eq!(read("Tony it's Ray, uh we're smoking the brisket Saturday").level, Urgency::Routine);
    }

    #[test]
    fn a_part_that_came_in_this_morning_sets_no_deadline() {
        assert_eq!(read("the compressor you ordered came in this morning").level, Urgency::Routine);
    }

    #[test]
    fn a_job_seeker_who_can_start_today_is_in_no_hurry_of_the_business() {
        assert_eq!(read("I can start today honestly if you need somebody").level, Urgency::Routine);
    }

    #[test]
    fn the_date_of_a_visit_gone_by_is_no_deadline() {
        let text = "I was charged twice for the panel inspection you did on the 3rd";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_tenant_moving_in_tomorrow_is_a_deadline() {
        let text = "the new tenant moves in tomorrow, the dishwasher is leaking a little under the door";
        assert_eq!(read(text).level, Urgency::Urgent);
    }

    #[test]
    fn working_great_right_now_is_no_hurry() {
        let text = "get her furnace tuned up sometime next month, it's working great right now, just want it checked";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn hot_water_that_is_out_is_an_outage_and_its_cold_taps_no_cold_weather() {
        let text = "Today our hot water is out, completely cold from every faucet.";
        let reading = read(text);
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(quotes(&reading).contains(&"hot water is out"));
    }

    #[test]
    fn asking_if_is_not_hypothetical() {
        assert_eq!(read("I was wondering if someone could come out today.").level, Urgency::Urgent);
    }

    #[test]
    fn cant_stop_describes_the_danger_rather_than_denying_it() {
        assert_eq!(read("I can't stop the flooding in the basement.").level, Urgency::Emergency);
    }

    #[test]
    fn no_heat_with_thirty_five_outside_is_not_freezing_weather() {
        let reading =
            read("so it's like thirty five out not that bad yet but the furnace keeps clicking and not lighting");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn no_heat_with_thirty_five_inside_is_freezing_weather() {
        assert_eq!(read("the furnace quit and it's thirty five in here").level, Urgency::Emergency);
    }

    #[test]
    fn a_furnace_gone_out_with_thirty_eight_in_here_is_freezing_weather() {
        assert_eq!(read("the furnace went out and its thirty eight in here").level, Urgency::Emergency);
    }

    #[test]
    fn no_heat_at_minus_thirty_with_the_windchill_is_an_emergency() {
        let reading = read("its minus thirty with the windchill and our furnace wont kick on at all");
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_gas_leak_repaired_before_we_bought_the_house_is_its_history() {
        let reading = read(
            "when we bought the house the sellers disclosed a small gas leak at the fireplace valve, \
             which was repaired. i'd like a gas fireplace tune-up in the next few weeks",
        );
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn a_flood_back_when_we_were_kids_is_a_memory() {
        assert_eq!(read("you remember back when we were kids the basement flooded").level, Urgency::Routine);
    }

    #[test]
    fn a_wind_chill_of_minus_fifteen_tonight_is_freezing_weather() {
        let reading = read("the furnace is blowing cold air again. weather says wind chill of minus fifteen tonight");
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_birth_two_weeks_ago_does_not_date_the_cooling_that_failed_after_it() {
        let reading = read(
            "we just had a baby two weeks ago and the a c stopped blowing cold its gonna be high nineties all week",
        );
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_gorgeous_day_today_is_small_talk() {
        let reading = read("hi gorgeous day today isn't it, anyway just calling to ask if you folks service boilers");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn pouring_today_with_a_request_to_come_still_presses() {
        assert_eq!(read("it's pouring today can someone come look at the gutter").level, Urgency::Urgent);
    }

    #[test]
    fn no_heat_in_freezing_weather_is_an_emergency() {
        let reading = read("Our furnace stopped working and it's 35 degrees in the house.");
        assert_eq!(reading.level, Urgency::Emergency);
        assert_eq!(quotes(&reading), vec!["furnace stopped working", "35 degrees"]);
        assert_eq!(reading.evidence[0].signal(), "no_heat_in_freezing_weather");
        assert_eq!(read("No heat and it's freezing out.").level, Urgency::Emergency);
    }

    #[test]
    fn a_generic_failure_of_a_heating_appliance_is_no_heat() {
        assert_eq!(read("The heat pump stopped working and it's below zero.").level, Urgency::Emergency);
    }

    #[test]
    fn no_heat_without_cold_is_an_urgent_outage() {
        let reading = read("We have no heat, it's 65 degrees in here.");
        assert_eq!(reading.level, Urgency::Urgent);
        assert_eq!(quotes(&reading), vec!["no heat"]);
        assert_eq!(reading.evidence[0].signal(), "outage");
    }

    #[test]
    fn an_outage_said_to_have_come_back_on_its_own_is_over() {
        let reading = read("Over the weekend we had no hot water for a day but it came back on its own Sunday night.");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn an_outage_back_on_and_then_out_again_still_presses() {
        let reading = read("the heat went out last night, it came back on by itself, but now it's out again");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn only_cold_water_from_every_tap_is_no_hot_water() {
        let reading = read("we've got only cold water coming out of every tap");
        assert_eq!(reading.level, Urgency::Urgent);
        assert_eq!(quotes(&reading), vec!["only cold water"]);
    }

    #[test]
    fn a_water_heater_not_putting_out_hot_water_is_an_outage() {
        assert_eq!(read("the water heater in the basement isn't putting out hot water").level, Urgency::Urgent);
    }

    #[test]
    fn outlets_said_dead_are_an_outage() {
        assert_eq!(read("the lights in half the house went dead about an hour ago").level, Urgency::Urgent);
        assert_eq!(read("none of the plugs in the kitchen do anything").level, Urgency::Urgent);
    }

    #[test]
    fn a_dead_mouse_behind_an_outlet_is_no_outage() {
        assert_eq!(read("there's a dead mouse behind the outlet in the kitchen").level, Urgency::Routine);
    }

    #[test]
    fn a_tap_that_gives_nothing_is_an_outage() {
        let reading = read("we turn on the faucet and we just get a little cough of air and then nothing");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn a_flush_that_does_nothing_is_an_outage() {
        assert_eq!(read("yeah um nothing happens when we flush. it's our only bathroom").level, Urgency::Urgent);
    }

    #[test]
    fn an_ac_running_while_the_house_gets_hotter_is_an_outage() {
        assert_eq!(read("The AC runs but the house keeps getting hotter.").level, Urgency::Urgent);
    }

    #[test]
    fn a_refrigerator_not_keeping_food_cold_is_an_outage() {
        assert_eq!(read("the refrigerator isn't keeping anything cold anymore").level, Urgency::Urgent);
    }

    #[test]
    fn an_outage_said_with_anymore_is_out_now() {
        assert_eq!(read("the heater isn't working anymore").level, Urgency::Urgent);
        assert_eq!(read("the toilet won't flush anymore").level, Urgency::Urgent);
    }

    #[test]
    fn a_leak_that_isnt_there_anymore_is_over() {
        assert_eq!(read("the leak under the sink isn't there anymore, we'd like it checked").level, Urgency::Routine);
    }

    #[test]
    fn a_caller_getting_quotes_right_now_sets_no_deadline() {
        let reading = read("we're not in any kind of hurry, we're just getting quotes together right now");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn a_house_listed_on_a_named_day_is_a_deadline() {
        let reading = read("We're listing the house next Tuesday and the furnace needs its service sticker.");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn a_baby_due_any_day_is_a_deadline() {
        assert_eq!(read("the baby's due any day now and the heat in the nursery barely works").level, Urgency::Urgent);
    }

    #[test]
    fn a_restoration_company_asking_to_partner_on_referrals_is_a_pitch() {
        let reading = read(
            "this is mike with Flood and Fire Pros, we do emergency water extraction and smoke cleanup, wanted to see about partnering up on referrals",
        );
        assert_eq!(reading.level, Urgency::Routine);
        assert!(category_names(&reading).contains(&CategoryName::VendorOrSolicitation));
    }

    #[test]
    fn a_heater_blowing_cold_air_is_no_heat_not_freezing_weather() {
        let reading = read("The heater just blows cold air.");
        assert_eq!(reading.level, Urgency::Urgent);
        assert_eq!(reading.evidence[0].signal(), "outage");
    }

    #[test]
    fn cold_air_out_of_the_vents_is_the_failure_not_the_weather() {
        let reading = read("The furnace stopped working, it's just cold air out of every vent.");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn a_party_last_weekend_is_no_deadline() {
        let reading =
            read("we had the graduation party at the house last weekend, could someone replace the porch light");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn a_heater_blowing_cold_air_in_a_freezing_house_is_still_an_emergency() {
        assert_eq!(read("The heater just blows cold air and it's freezing in here.").level, Urgency::Emergency);
    }

    #[test]
    fn spelled_out_cold_temperatures_count() {
        assert_eq!(read("No heat, it's thirty five degrees inside.").level, Urgency::Emergency);
        assert_eq!(read("No heat, it's minus 2 degrees celsius.").level, Urgency::Emergency);
    }

    #[test]
    fn a_temperature_after_a_wide_space_is_read() {
        // U+2007 (figure space) is three bytes: the word after it starts past all of them.
        assert_eq!(read("No heat, it's thirty\u{2007}five degrees inside.").level, Urgency::Emergency);
        assert_eq!(read("No heat, it's\u{2007}five degrees inside.").level, Urgency::Emergency);
    }

    #[test]
    fn putting_a_plug_back_in_dates_nothing() {
        let reading = read("my husband just got shocked from the dryer outlet when he plugged it back in");
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn is_it_bad_if_asks_about_what_is_happening() {
        let reading =
            read("Is it bad if there's a burning smell coming out of the vents every time the heat kicks on?");
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_detector_that_will_not_stop_sounding_is_an_emergency() {
        assert_eq!(read("the detector thing in the hallway is making a loud noise nonstop").level, Urgency::Emergency);
        let end_of_life = "the carbon monoxide detector is chirping, one chirp, not alarming, the screen says end";
        assert_eq!(read(end_of_life).level, Urgency::Routine);
    }

    #[test]
    fn rain_pouring_into_a_room_is_flooding() {
        assert_eq!(read("rain is pouring into the upstairs bedroom").level, Urgency::Emergency);
    }

    #[test]
    fn its_smells_like_is_no_name() {
        assert_eq!(read("yeah it's smells like gas in the basement").level, Urgency::Emergency);
    }

    #[test]
    fn a_gas_smell_told_by_its_source_is_a_gas_smell() {
        assert_eq!(read("the whole kitchen smells like the stove was left on but it's off").level, Urgency::Emergency);
    }

    #[test]
    fn cleaning_up_after_a_fire_is_no_fire() {
        assert_eq!(
            read("we need an estimate for smoke odor removal and cleaning the cabinets").level,
            Urgency::Routine
        );
    }

    #[test]
    fn negated_cold_is_not_freezing_weather() {
        assert_eq!(read("No heat, but it's not cold yet.").level, Urgency::Urgent);
    }

    #[test]
    fn time_pressure_is_urgent() {
        let reading = read("Need someone to look at the dishwasher today.");
        assert_eq!(reading.level, Urgency::Urgent);
        assert_eq!(quotes(&reading), vec!["today"]);
    }

    #[test]
    fn the_word_emergency_alone_is_time_pressure_not_danger() {
        assert_eq!(read("This is an emergency, please call me.").level, Urgency::Urgent);
    }

    #[test]
    fn an_outage_without_danger_is_urgent() {
        assert_eq!(read("Our AC is not cooling and the house is hot.").level, Urgency::Urgent);
    }

    #[test]
    fn a_voicemail_without_signals_is_routine() {
        assert_eq!(read("Hi, this is Dana, please give me a call when you get a chance.").level, Urgency::Routine);
    }

    #[test]
    fn a_readable_low_confidence_transcript_is_ambiguous_and_keeps_its_level() {
        let reading = read_voicemail(
            &Transcript::new("I wanted to ask about my bill from last month."),
            Some(0.3),
            &Lexicon::built_in(),
        );
        assert!(reading.ambiguous);
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn someone_only_checking_the_line_is_unreadable() {
        let reading = read("hello? hello? ... hello?");
        assert!(reading.ambiguous);
        assert_eq!(reading.level, Urgency::Unknown);
    }

    #[test]
    fn mostly_inaudible_transcript_is_ambiguous() {
        let reading = read("[inaudible] ... um [unintelligible] the [inaudible] ... xkcdq");
        assert!(reading.ambiguous);
        assert_eq!(reading.level, Urgency::Unknown);
    }

    #[test]
    fn danger_in_an_ambiguous_transcript_still_counts() {
        let reading = read("[inaudible] gas leak [inaudible] ...");
        assert!(reading.ambiguous);
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_clear_transcript_is_not_ambiguous() {
        assert!(!read("Hi, how much do you charge to snake a kitchen drain?").ambiguous);
    }

    #[test]
    fn overflowing_toilet_is_an_emergency() {
        let reading = read(
            "Hi it's Hannah Cole. The toilet upstairs is overflowing and water is leaking into the living room \
             below. Please call right away.",
        );
        assert_eq!(reading.level, Urgency::Emergency);
        assert_eq!(quotes(&reading), vec!["overflowing", "leaking into", "right away"]);
    }

    #[test]
    fn no_hot_water_after_our_job_is_urgent_and_an_existing_job() {
        let reading =
            read("Ivy Chen here, the pilot light went out again on the water heater you replaced. Still no hot water.");
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(category_names(&reading).contains(&CategoryName::ExistingJob));
    }

    #[test]
    fn how_much_is_a_pricing_request() {
        let reading = read("Hi, how much do you charge to snake a kitchen drain?");
        assert_eq!(reading.level, Urgency::Routine);
        assert!(category_names(&reading).contains(&CategoryName::PricingRequest));
    }

    #[test]
    fn clogged_sink_today_is_urgent_and_asks_for_availability() {
        let reading = read("Hey, our kitchen sink is clogged and won't drain at all. Can someone come out today?");
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(category_names(&reading).contains(&CategoryName::AvailabilityRequest));
        assert!(quotes(&reading).contains(&"today"));
    }

    #[test]
    fn botched_repair_and_refund_is_a_complaint() {
        let reading = read(
            "This is the third time I'm calling about the botched repair. I'm very disappointed and I want a refund.",
        );
        let complaint = reading.categories.iter().find(|c| c.name == CategoryName::Complaint).expect("complaint");
        let cited: Vec<_> = complaint.evidence.iter().filter_map(Evidence::quote).collect();
        assert_eq!(cited, vec!["botched", "very disappointed", "want a refund"]);
    }

    #[test]
    fn calling_again_and_again_is_time_pressure_not_a_complaint() {
        let reading = read("second time calling today, whenever you get a chance, we want the deck lights rewired");
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(!category_names(&reading).contains(&CategoryName::Complaint));
    }

    #[test]
    fn a_meter_that_bangs_like_fireworks_is_an_emergency() {
        assert_eq!(
            read("the electric meter on the garage keeps going pop like firecrackers").level,
            Urgency::Emergency
        );
    }

    #[test]
    fn a_talking_alarm_that_warns_of_carbon_monoxide_is_an_emergency() {
        assert_eq!(
            read("the thing in the hall keeps talking, it says carbon monoxide warning").level,
            Urgency::Emergency
        );
    }

    #[test]
    fn a_tub_spilling_over_is_flooding() {
        assert_eq!(read("the upstairs bathtub is running over onto the landing").level, Urgency::Emergency);
    }

    #[test]
    fn a_bulging_wet_ceiling_is_an_emergency() {
        assert_eq!(read("the ceiling in the den is bulging down like a balloon").level, Urgency::Emergency);
    }

    #[test]
    fn blistered_skin_is_someone_hurt() {
        assert_eq!(read("my son has blistered skin on his arm from the shower").level, Urgency::Emergency);
    }

    #[test]
    fn spanish_electric_shock_is_someone_hurt() {
        assert_eq!(read("mi hija se dio un toque con el enchufe de la cocina").level, Urgency::Emergency);
    }

    #[test]
    fn spanish_black_water_coming_out_of_a_drain_is_sewage() {
        assert_eq!(read("la coladera del patio esta sacando aguas negras").level, Urgency::Emergency);
    }

    #[test]
    fn a_forecast_of_minus_ten_in_spanish_is_freezing() {
        let reading = read("no tenemos calefaccion y manana va a bajar a menos diez afuera");
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_co_worker_who_says_something_is_not_carbon_monoxide() {
        assert_eq!(read("my co worker says you did her kitchen, can I get a quote").level, Urgency::Routine);
    }

    #[test]
    fn a_warning_about_a_risk_is_not_a_talking_alarm() {
        assert_eq!(
            read("the co op posted a warning notice in the lobby, can you quote a new vent").level,
            Urgency::Routine
        );
    }

    #[test]
    fn a_heating_system_named_after_an_appliance_is_still_no_heat() {
        let reading = read("the stove works but the boiler won't heat and my grandpa is 93");
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn an_oven_used_for_warmth_does_not_hide_no_heat() {
        let reading = read("we have no heat, heating the place with the oven, my aunt is 89");
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn an_appliance_that_will_not_heat_is_not_no_heat() {
        let reading = read("the oven won't heat and grandma is 91 and lives with us");
        assert_eq!(reading.level, Urgency::Routine);
        assert!(category_names(&reading).contains(&CategoryName::ServiceRequest));
    }

    #[test]
    fn a_heat_pump_blowing_lukewarm_is_an_outage() {
        assert_eq!(read("our heat pump has been blowing lukewarm air all evening").level, Urgency::Urgent);
    }

    #[test]
    fn a_holiday_the_work_is_needed_for_is_a_deadline() {
        assert_eq!(read("we need it done before christmas, the family all comes to us").level, Urgency::Urgent);
    }

    #[test]
    fn a_negation_with_its_own_object_denies_nothing_after_it() {
        let reading = read("the bank wont fund it without that and the closing is the 3rd");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn calls_on_two_days_are_repeated_attempts() {
        assert_eq!(read("I called tuesday and again this morning about the gutters").level, Urgency::Urgent);
    }

    #[test]
    fn a_flood_told_as_an_old_story_is_past() {
        let reading = read("when we had the flood in twenty eighteen you pumped out the basement, now I need a quote");
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn right_now_about_a_state_that_is_fine_is_not_time_pressure() {
        assert_eq!(read("the crawlspace is dry right now but we want a vapor barrier quote").level, Urgency::Routine);
    }

    #[test]
    fn a_business_on_fire_is_hyperbole() {
        assert_eq!(read("our shop's business is on fire, we need two more circuits").level, Urgency::Routine);
    }

    #[test]
    fn water_that_came_out_is_not_an_earlier_visit() {
        let reading = read("the water came out brown from the kitchen tap");
        assert!(!category_names(&reading).contains(&CategoryName::ExistingJob));
    }

    #[test]
    fn the_business_s_own_workers_make_an_existing_job() {
        let reading = read("one of your installers left his drill in our garage");
        assert!(category_names(&reading).contains(&CategoryName::ExistingJob));
    }

    #[test]
    fn praise_for_finished_work_is_an_existing_job() {
        let reading = read("the new garbage disposal is working great, quick question about the warranty");
        assert!(category_names(&reading).contains(&CategoryName::ExistingJob));
    }

    #[test]
    fn a_card_charged_twice_is_a_complaint() {
        let reading = read("you billed me twice for last week's visit");
        assert!(category_names(&reading).contains(&CategoryName::Complaint));
    }

    #[test]
    fn wanting_something_fitted_is_a_service_request() {
        let reading = read("hi its Dana, I'd like a ceiling fan put in over the bed");
        assert!(category_names(&reading).contains(&CategoryName::ServiceRequest));
    }

    #[test]
    fn a_flyer_put_in_the_mailbox_is_not_an_earlier_job() {
        let reading = read("got the postcard you put in our mailbox, can you quote a new water softener");
        assert!(!category_names(&reading).contains(&CategoryName::ExistingJob));
    }

    #[test]
    fn a_heart_condition_in_extreme_heat_without_cooling_is_an_emergency() {
        let reading = read("the central air quit, its 103 outside and my husband has heart trouble");
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_fourth_message_is_repeated_attempts() {
        assert_eq!(read("leaving a fourth message about the garage door opener").level, Urgency::Urgent);
    }

    #[test]
    fn people_coming_for_a_holiday_is_a_deadline() {
        assert_eq!(read("the kitchen sink is clogged and we have people coming for christmas").level, Urgency::Urgent);
    }

    #[test]
    fn a_danger_said_of_it_after_naming_the_thing_is_a_danger() {
        assert_eq!(read("the switch by the back door, it's crackling when I flip it").level, Urgency::Emergency);
        assert_eq!(read("el contacto de la sala, esta echando chispas").level, Urgency::Emergency);
    }

    #[test]
    fn hot_weather_after_naming_a_thing_is_not_a_danger() {
        assert_eq!(read("the panel upgrade can wait, it's hot out").level, Urgency::Routine);
    }

    #[test]
    fn a_state_two_clauses_away_from_its_object_is_not_a_danger() {
        assert_eq!(read("the panel is fine, the kids are loud, it's hot out today").level, Urgency::Urgent);
    }

    #[test]
    fn water_all_over_a_room_in_spanish_is_flooding() {
        assert_eq!(read("el agua del tinaco se esta regando por toda la cocina").level, Urgency::Emergency);
    }

    #[test]
    fn water_out_of_a_light_is_flooding() {
        assert_eq!(read("there's water leaking out of the light over the stairs").level, Urgency::Emergency);
    }

    #[test]
    fn a_thermostat_reading_with_the_boiler_off_is_no_heat_in_the_cold() {
        assert_eq!(read("the thermostat's reading 36 and the boiler shut off").level, Urgency::Emergency);
    }

    #[test]
    fn a_couple_of_messages_is_repeated_attempts() {
        assert_eq!(read("I've left a couple of messages about the sump pump quote").level, Urgency::Urgent);
    }

    #[test]
    fn water_named_to_deny_a_leak_is_no_outage() {
        assert_eq!(read("no water leaks or anything, just want the vanity swapped").level, Urgency::Routine);
    }

    #[test]
    fn asking_for_a_business_of_another_kind_is_a_wrong_number() {
        let reading = read("hi is this the pharmacy on main, I need my refill");
        assert!(category_names(&reading).contains(&CategoryName::WrongNumber));
    }

    #[test]
    fn a_bill_above_the_quote_is_a_complaint() {
        let reading = read("you billed us way more than the quote for the shower valve");
        assert!(category_names(&reading).contains(&CategoryName::Complaint));
    }

    #[test]
    fn a_boiler_that_is_off_in_the_cold_is_no_heat() {
        assert_eq!(read("our boiler is off and the thermostat reads 38").level, Urgency::Emergency);
    }

    #[test]
    fn a_count_of_minutes_after_a_is_not_a_temperature() {
        let reading = read("the furnace quit, we're a 30 minute drive out of town");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn dialing_wrong_is_a_wrong_number() {
        let reading = read("oops I dialed wrong, sorry");
        assert!(category_names(&reading).contains(&CategoryName::WrongNumber));
    }

    #[test]
    fn categories_come_in_category_order() {
        let reading = read("How much is a repair? Your technician was rude.");
        assert_eq!(
            category_names(&reading),
            vec![
                CategoryName::ServiceRequest,
                CategoryName::Complaint,
                CategoryName::PricingRequest,
                CategoryName::ExistingJob
            ]
        );
    }

    #[test]
    fn a_negated_category_is_not_evidence() {
        let reading = read("I don't need an estimate, I just need it fixed.");
        assert!(!category_names(&reading).contains(&CategoryName::PricingRequest));
    }

    #[test]
    fn a_solicitation_is_a_vendor_call() {
        let reading = read("Hi, we help contractors with SEO and your google listing.");
        assert_eq!(category_names(&reading), vec![CategoryName::VendorOrSolicitation]);
    }

    #[test]
    fn emergency_rates_are_a_price_question() {
        let reading = read("What are your emergency rates for a weekend call?");
        assert_eq!(reading.level, Urgency::Routine);
        assert_eq!(category_names(&reading), vec![CategoryName::PricingRequest]);
    }

    #[test]
    fn an_installed_alarm_is_not_danger() {
        assert_eq!(read("Can you install a carbon monoxide detector next week?").level, Urgency::Routine);
        assert_eq!(read("The carbon monoxide detector is going off.").level, Urgency::Emergency);
    }

    #[test]
    fn no_heat_with_an_infant_at_home_is_an_emergency() {
        let reading = read("we have a two week old baby and the heat has been out since this morning");
        assert_eq!(reading.level, Urgency::Emergency);
        assert!(quotes(&reading).contains(&"heat has been out"));
    }

    #[test]
    fn no_cooling_in_extreme_heat_with_an_elderly_parent_is_an_emergency() {
        let reading = read("our a c went out and its a hundred and six outside my grandma lives with us shes 88");
        assert_eq!(reading.level, Urgency::Emergency);
        assert!(quotes(&reading).contains(&"a hundred and six outside"));
    }

    #[test]
    fn no_cooling_for_an_elderly_mother_before_a_forecast_of_extreme_heat_is_an_emergency() {
        let reading = read(
            "my mom's a c stopped working she's eighty four and it's supposed to hit a hundred and three tomorrow",
        );
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_clock_time_tomorrow_is_no_temperature() {
        let reading = read("the furnace won't come on, is ten tomorrow ok for someone to come out");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn losing_power_with_someone_on_oxygen_is_an_emergency() {
        let reading = read("we lost power to half the house and my dad is on oxygen, the concentrator is on that side");
        assert_eq!(reading.level, Urgency::Emergency);
        assert!(quotes(&reading).contains(&"lost power"));
    }

    #[test]
    fn a_neighbor_in_his_nineties_without_cooling_in_the_heat_is_an_emergency() {
        let reading = read(
            "my neighbor is in his nineties and his air conditioning isnt working its like ninety something in there",
        );
        assert_eq!(reading.level, Urgency::Emergency);
    }

    #[test]
    fn a_power_outage_the_caller_says_is_over_is_no_outage() {
        let text = "our power went out and we were scared but the power came back on, i'd like a price on a generator";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_power_outage_back_on_and_then_out_again_is_an_outage() {
        let text = "the power went out in the storm last night, the power came back on this morning but now it's out again, can someone check the panel";
        assert_eq!(read(text).level, Urgency::Urgent);
    }

    #[test]
    fn a_call_returned_from_this_morning_sets_no_deadline() {
        let text =
            "hi this is nick returning your call from this morning about the permit for the deck, go ahead and file it";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_carbon_monoxide_alarm_found_to_be_a_dead_battery_is_no_emergency() {
        let text = "the carbon monoxide alarm went off sunday night, turned out it was a dead battery, \
                    so i'd like the furnace looked at next month";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_false_alarm_that_goes_off_again_is_an_emergency() {
        let text = "the co alarm went off last night and it was a false alarm but it's going off again right now";
        assert_eq!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn steam_the_caller_took_for_smoke_is_no_fire() {
        let text = "i thought the outdoor unit was on fire, white smoke pouring off it, but it's just steam from \
                    the defrost cycle, can you check it at the next tune up";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_pipe_burst_that_dates_a_visit_is_no_emergency() {
        let text = "your tech came out in january after our pipe burst and charged me four hundred dollars, \
                    call me about the bill";
        assert_ne!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn a_storm_that_dates_a_visit_sets_no_deadline() {
        let text = "your guys came out after the storm tuesday night and put the tarp on, when are the shingles coming";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_burst_said_to_be_winters_ago_is_past() {
        let text = "our pipes froze and burst two winters ago and it was a nightmare, do you have a maintenance plan";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn the_smell_of_a_drain_is_no_gas_leak() {
        let text = "we've got kind of a sewer gas smell in the basement by the old shower we never use, \
                    can a plumber take a look sometime";
        assert_ne!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn this_morning_said_of_what_happened_sets_no_deadline() {
        let text = "we turned the furnace on for the first time this morning and it had that burning dust smell, \
                    it's gone now, i'd like a tune up next month";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn someone_needed_this_morning_is_a_deadline() {
        assert_eq!(read("the garage door opener broke and we need someone out this morning").level, Urgency::Urgent);
    }

    #[test]
    fn today_said_of_what_happened_sets_no_deadline() {
        assert_eq!(
            read("i got your invoice today and i have a question about the second line").level,
            Urgency::Routine
        );
    }

    #[test]
    fn today_opening_a_story_sets_no_deadline() {
        let text =
            "hi, today i was cleaning out the junk drawer and found your magnet, i'd like a quote on gutter guards";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn today_in_a_run_on_after_a_wait_is_still_a_deadline() {
        let text = "hi just checking if someone's still coming today we were scheduled for ten";
        assert_eq!(read(text).level, Urgency::Urgent);
    }

    #[test]
    fn a_visit_gone_by_the_same_day_sets_no_deadline() {
        let text = "you came out the same day last time, thanks, we'd like to book the roof inspection in april";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn somebody_in_a_story_of_this_morning_asks_for_nothing_then() {
        let text = "my wife called you this morning and somebody already called her back so you can ignore this";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_thing_wanted_fixed_today_is_a_deadline() {
        assert_eq!(read("there's a slow drip under the sink, i'd just like it fixed today").level, Urgency::Urgent);
    }

    #[test]
    fn hoy_said_of_a_visit_gone_by_sets_no_deadline() {
        assert_eq!(read("el tecnico vino hoy y todo bien gracias").level, Urgency::Routine);
    }

    #[test]
    fn a_water_heater_that_dejo_de_funcionar_is_an_outage() {
        let reading = read("hola el calentador de agua dejo de funcionar pero no hay apuro");
        assert_eq!(reading.level, Urgency::Urgent);
        assert_eq!(quotes(&reading), vec!["calentador de agua dejo de funcionar"]);
    }

    #[test]
    fn what_just_burst_is_happening_now_after_a_visit_last_spring() {
        let text = "you fixed my washer last spring, um, the hose on the back just burst and there's water pouring \
                    out all over the laundry room";
        let reading = read(text);
        assert_eq!(reading.level, Urgency::Emergency);
        assert!(quotes(&reading).contains(&"water pouring"), "the rules read the flood: {:?}", quotes(&reading));
    }

    #[test]
    fn the_callers_own_visit_by_a_day_is_no_deadline() {
        assert_eq!(read("i can come by thursday to drop off the check for the roof").level, Urgency::Routine);
    }

    #[test]
    fn someone_asked_to_come_by_a_day_is_a_deadline() {
        assert_eq!(read("can someone come by thursday to look at the disposal").level, Urgency::Urgent);
    }

    #[test]
    fn a_garage_door_stuck_halfway_is_an_outage() {
        let text = "the spring snapped and the door's stuck halfway, nobody got hurt, but the car's stuck inside";
        assert_eq!(read(text).level, Urgency::Urgent);
    }

    #[test]
    fn a_guest_coming_to_stay_on_a_day_is_a_deadline() {
        let text = "my mother in law is coming to stay saturday so i'd like the furnace serviced before then";
        assert_eq!(read(text).level, Urgency::Urgent);
    }

    #[test]
    fn a_pipe_that_popped_is_a_burst_pipe_however_calmly_told() {
        let text =
            "a pipe under the kitchen sink kind of popped, i put a bucket under it, not an emergency or anything";
        assert_eq!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn little_sparks_are_sparks() {
        let text = "el enchufe del cuarto echa chispitas cuando conecto la plancha, no es gran cosa";
        assert_eq!(read(text).level, Urgency::Emergency);
    }

    #[test]
    fn tomorrow_morning_in_spanish_is_a_deadline() {
        assert_eq!(read("si pueden venir mañana temprano a destapar el drenaje").level, Urgency::Urgent);
    }

    #[test]
    fn early_in_the_morning_in_spanish_is_no_deadline() {
        let text = "pueden venir en la mañana temprano el jueves que viene para el mantenimiento";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn a_birth_ahead_is_a_deadline() {
        let reading = read("we really need the nursery mini split put in before the baby comes, we got your quote");
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(quotes(&reading).contains(&"before the baby"));
    }

    #[test]
    fn medicine_that_runs_out_tomorrow_is_a_deadline() {
        let reading = read("he needs a refill on his blood pressure medication and he runs out tomorrow");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn an_alarm_the_fire_department_found_nothing_behind_is_over() {
        let text = "our co detector went off last night, the fire department came and checked and said there was nothing, can you look at the furnace next week";
        assert_eq!(read(text).level, Urgency::Routine);
    }

    #[test]
    fn someone_elses_place_without_hot_water_is_an_outage() {
        assert_eq!(read("llamo por mi hermana, no tiene agua caliente desde ayer").level, Urgency::Urgent);
    }

    #[test]
    fn a_dead_split_unit_in_a_hot_server_room_is_an_urgent_outage() {
        let text = "the split unit in our server room died the room is at ninety two and climbing, i need somebody as soon as possible";
        let reading = read(text);
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(quotes(&reading).iter().any(|q| q.contains("split unit")), "{:?}", quotes(&reading));
    }

    #[test]
    fn no_cooling_on_a_mild_day_is_urgent() {
        assert_eq!(read("the a c quit on us this morning its a nice day").level, Urgency::Urgent);
    }

    #[test]
    fn a_danger_heard_across_a_gap_is_an_emergency_and_ambiguous() {
        let reading = read("smells like [inaudible] gas in the basement can you come out");
        assert_eq!(reading.level, Urgency::Emergency);
        assert!(reading.ambiguous);
        assert_eq!(quotes(&reading), vec!["smells like [inaudible] gas"]);
    }

    #[test]
    fn a_danger_described_not_named_is_an_emergency() {
        assert_eq!(read("theres a loud pop from the breaker box and it keeps popping").level, Urgency::Emergency);
        assert_eq!(read("the see oh detector in the hallway is going off").level, Urgency::Emergency);
        assert_eq!(read("when we flush the toilet it comes up in the tub").level, Urgency::Emergency);
    }

    #[test]
    fn a_danger_word_in_the_callers_name_or_street_is_not_a_danger() {
        assert_eq!(read("hi it's rusty burns, need a quote for a new water heater").level, Urgency::Routine);
        assert_eq!(read("Hi this is Terry at 88 Flood Street, annual tune-up please").level, Urgency::Routine);
    }

    #[test]
    fn a_vendors_pitch_is_not_a_danger() {
        let reading =
            read("this is brandon, we handle emergency water extraction for flooded basements, we pay referrals");
        assert_eq!(reading.level, Urgency::Routine);
        assert_eq!(category_names(&reading), vec![CategoryName::VendorOrSolicitation]);
    }

    #[test]
    fn hyperbole_is_not_a_danger() {
        assert_eq!(read("my inbox is flooded so please call, want a spring tune up").level, Urgency::Routine);
    }

    #[test]
    fn spanish_gas_smell_is_an_emergency_and_its_negation_is_not() {
        assert_eq!(read("huele a gas en la cocina por favor manden a alguien").level, Urgency::Emergency);
        assert_eq!(read("no huele a gas ni nada, cuanto cobran por el mantenimiento").level, Urgency::Routine);
    }

    #[test]
    fn a_trip_that_sets_the_deadline_is_time_pressure() {
        let reading = read("We fly out Friday and I want the water heater replaced before we leave.");
        assert_eq!(reading.level, Urgency::Urgent);
    }

    #[test]
    fn repeated_attempts_are_time_pressure() {
        assert_eq!(read("es la tercera vez que llamo, el inodoro no baja").level, Urgency::Urgent);
        assert_eq!(read("ive left two messages already about the garage door").level, Urgency::Urgent);
    }

    #[test]
    fn a_personal_message_is_a_wrong_number_that_asks_for_no_work() {
        let reading = read("hey mom its me call me back when you get this love you");
        assert_eq!(category_names(&reading), vec![CategoryName::WrongNumber]);
    }

    #[test]
    fn a_fixed_danger_is_not_evidence() {
        let reading = read(
            "thanks to chris who came out yesterday and fixed the outlet that was sparking everything works great",
        );
        assert_eq!(reading.level, Urgency::Routine);
    }

    // Round 4 (issue 11): dangers described, hyperbole, canned audio, categories in plain words.

    fn level(text: &str) -> Urgency {
        read(text).level
    }

    fn has_category(text: &str, name: CategoryName) -> bool {
        category_names(&read(text)).contains(&name)
    }

    #[test]
    fn a_smell_compared_in_the_next_clause_is_that_smell() {
        assert_eq!(level("something smells off down in the basement, kind of like sulfur"), Urgency::Emergency);
    }

    #[test]
    fn a_skunky_or_eggy_smell_is_gas() {
        assert_eq!(level("theres a skunky smell by the furnace closet"), Urgency::Emergency);
        assert_eq!(level("the utility room smells like eggs since lunch"), Urgency::Emergency);
    }

    #[test]
    fn a_carbon_monoxide_unit_blinking_red_is_a_danger() {
        assert_eq!(level("the carbon monoxide thing in the hall is blinking red"), Urgency::Emergency);
    }

    #[test]
    fn a_room_full_of_water_is_flooding() {
        assert_eq!(level("the crawl space is full a water"), Urgency::Emergency);
    }

    #[test]
    fn a_washer_full_of_water_is_no_flood() {
        assert_eq!(level("the washer is full of water and won't drain"), Urgency::Urgent);
    }

    #[test]
    fn a_soft_ceiling_is_water_held_above_a_room() {
        assert_eq!(level("the ceiling under the upstairs bathroom is spongy"), Urgency::Emergency);
    }

    #[test]
    fn water_out_of_a_light_fixture_is_an_electrical_danger() {
        let reading = read("the fixture in the hallway has water coming out of it");
        assert_eq!(reading.level, Urgency::Emergency);
        assert_eq!(reading.evidence[0].signal(), "electrical_hazard");
    }

    #[test]
    fn a_dripping_faucet_beside_a_light_is_no_danger() {
        assert_ne!(level("the light over the sink flickers and water is dripping from the faucet"), Urgency::Emergency);
    }

    #[test]
    fn an_allergic_reaction_is_someone_hurt() {
        assert_eq!(level("my son got stung by the wasps and his face is swelling up"), Urgency::Emergency);
    }

    #[test]
    fn a_baby_locked_in_a_car_is_an_emergency() {
        assert_eq!(
            level("I locked the keys in the van and the baby is still in there in her car seat"),
            Urgency::Emergency
        );
    }

    #[test]
    fn a_son_who_locked_his_keys_in_his_car_is_no_emergency() {
        assert_ne!(level("my son locked his keys in his car at work"), Urgency::Emergency);
    }

    #[test]
    fn a_recent_surgery_makes_an_occupant_vulnerable() {
        assert_eq!(level("my husband just had surgery and the furnace quit"), Urgency::Emergency);
    }

    #[test]
    fn an_electrical_danger_said_of_it_after_the_story_of_the_panel() {
        let text = "the breaker box is original to the house, my brother says replace it, I keep waiting. \
                    Anyway, this morning it's buzzing";
        assert_eq!(level(text), Urgency::Emergency);
    }

    #[test]
    fn a_panel_humming_along_is_no_danger() {
        assert_eq!(level("the panel you put in works, it's humming along"), Urgency::Routine);
    }

    #[test]
    fn a_heater_failure_said_of_it_in_the_next_clause_is_no_heat() {
        let reading = read("calling about the boiler. it's not coming on");
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(category_names(&reading).contains(&CategoryName::ServiceRequest));
    }

    #[test]
    fn a_fall_that_did_not_happen_is_no_injury() {
        assert_eq!(level("I nearly fell off my chair when I opened the bill"), Urgency::Routine);
    }

    #[test]
    fn a_busy_phone_or_a_full_inbox_is_no_danger() {
        assert_eq!(level("my phone has been on fire all week, I want a tune up booked"), Urgency::Routine);
        assert_eq!(level("my inbox got flooded so I missed your email about the install"), Urgency::Routine);
    }

    #[test]
    fn a_list_of_detectors_to_test_is_maintenance() {
        assert_eq!(level("we need the smoke and co detectors tested in all twelve units"), Urgency::Routine);
    }

    #[test]
    fn a_list_of_detectors_going_off_is_a_danger() {
        assert_eq!(level("the smoke and co detectors are all going off"), Urgency::Emergency);
    }

    #[test]
    fn fire_safety_equipment_is_no_fire() {
        assert_eq!(level("the fire extinguishers in the shop need their yearly tags"), Urgency::Routine);
    }

    #[test]
    fn urgent_care_is_a_place_not_a_hurry() {
        assert_eq!(level("I'm at urgent care with a cold, call me next week about the gutters"), Urgency::Routine);
    }

    #[test]
    fn a_pocket_dial_or_a_caption_over_silence_says_nothing() {
        assert_eq!(level("oh shoot hang on [noise]"), Urgency::Unknown);
        assert_eq!(level("Thank you for watching!"), Urgency::Unknown);
        assert_eq!(level("Please hold. Your call is important to us."), Urgency::Unknown);
    }

    #[test]
    fn a_short_request_to_call_back_says_something() {
        assert_eq!(level("please call us back"), Urgency::Routine);
    }

    #[test]
    fn water_denied_on_the_floor_is_no_outage() {
        assert_eq!(level("the faucet drips, no water on the floor, just annoying"), Urgency::Routine);
    }

    #[test]
    fn asking_whether_you_work_weekends_is_an_availability_request() {
        assert!(has_category("do y'all do evenings, i work till six", CategoryName::AvailabilityRequest));
        assert!(has_category("queria saber si trabajan los sabados", CategoryName::AvailabilityRequest));
    }

    #[test]
    fn asking_for_someone_on_a_day_is_an_availability_request() {
        assert!(has_category(
            "is there any way somebody could make it out thursday",
            CategoryName::AvailabilityRequest
        ));
        assert!(has_category("puede venir alguien el jueves", CategoryName::AvailabilityRequest));
    }

    #[test]
    fn asking_to_be_called_back_tomorrow_is_no_availability_request() {
        assert!(!has_category(
            "the sink is dripping, can you call me back tomorrow",
            CategoryName::AvailabilityRequest
        ));
    }

    #[test]
    fn no_power_in_freezing_weather_is_an_emergency() {
        assert_eq!(read("our power is out and it's 15 degrees outside").level, Urgency::Emergency);
        assert_eq!(read("se fue la luz y afuera estan a menos ocho grados").level, Urgency::Emergency);
    }

    #[test]
    fn no_power_in_mild_weather_is_urgent() {
        assert_eq!(read("the power went out, can someone look at the panel").level, Urgency::Urgent);
    }

    #[test]
    fn where_the_caller_is_right_now_is_no_hurry() {
        assert_eq!(read("i'm at work right now so just leave a message about the quote").level, Urgency::Routine);
    }

    #[test]
    fn owning_up_to_short_notice_is_time_pressure() {
        assert_eq!(read("i know this is short notice, could someone come by").level, Urgency::Urgent);
        assert_eq!(read("I need to cancel tomorrow's cleaning. Sorry about the short notice.").level, Urgency::Routine);
    }

    #[test]
    fn telling_what_the_business_did_on_a_day_is_no_availability_request() {
        let thanks = "Hi, this is Linda Park, you moved us on Saturday. Just wanted to say thanks";
        assert!(!has_category(thanks, CategoryName::AvailabilityRequest));
        assert!(has_category(thanks, CategoryName::ExistingJob));
    }

    #[test]
    fn asking_someone_to_come_out_is_no_existing_job() {
        for asking in ["can someone come out today", "could you come out this week", "when could you come out"] {
            assert!(!has_category(asking, CategoryName::ExistingJob), "{asking}");
            assert!(has_category(asking, CategoryName::AvailabilityRequest), "{asking}");
        }
    }

    #[test]
    fn a_booked_visit_still_to_come_is_an_existing_job() {
        let question = "do you guys handle that when you come to sweep the chimney next month? this is joan";
        assert!(has_category(question, CategoryName::ExistingJob));
    }

    #[test]
    fn asking_to_bring_a_pet_in_asks_when_the_business_can_see_her() {
        assert!(has_category("Could we get her in before then? Thanks", CategoryName::AvailabilityRequest));
    }

    #[test]
    fn saying_goodbye_until_a_day_is_no_availability_request() {
        for goodbye in [
            "thank you, see you saturday",
            "ok talk to you sunday then",
            "thanks again, see you guys this weekend",
            "thanks, you guys have a good weekend",
            "looking forward to seeing you saturday",
        ] {
            assert!(!has_category(goodbye, CategoryName::AvailabilityRequest), "{goodbye}");
        }
    }

    #[test]
    fn thanking_before_asking_about_saturdays_still_asks() {
        assert!(has_category("thank you, you guys open saturdays?", CategoryName::AvailabilityRequest));
    }

    #[test]
    fn returning_the_business_text_is_an_existing_job() {
        assert!(has_category("this is frank returning stephanie's text about my visit", CategoryName::ExistingJob));
    }

    #[test]
    fn another_office_reminding_its_patient_is_a_wrong_number() {
        let text = "hi this is doctor lee's office calling for maria with your lab results, call us back";
        assert!(has_category(text, CategoryName::WrongNumber));
    }

    #[test]
    fn another_offices_reminder_is_no_job_of_ours() {
        let text = "This is Lakeview Pediatric Dentistry with a reminder that Aiden has an appointment on Tuesday.";
        assert!(has_category(text, CategoryName::WrongNumber), "{:?}", category_names(&read(text)));
        assert!(!has_category(text, CategoryName::ExistingJob));
    }

    #[test]
    fn cancelling_a_booked_job_is_an_existing_job() {
        assert!(has_category("hey it's bob, i gotta cancel the tree job for saturday", CategoryName::ExistingJob));
    }

    #[test]
    fn a_patient_confirming_their_own_appointment_is_no_wrong_number() {
        let text = "hi this is maria calling to confirm my appointment at the office on tuesday";
        assert!(!has_category(text, CategoryName::WrongNumber));
    }

    #[test]
    fn a_customer_who_found_the_google_listing_is_no_vendor() {
        let text = "hi i saw your google listing and i'd like a quote for rewiring the garage";
        assert!(!has_category(text, CategoryName::VendorOrSolicitation));
    }

    #[test]
    fn asking_any_chance_is_an_availability_request() {
        assert!(has_category("any chance before saturday for the dryer vent", CategoryName::AvailabilityRequest));
    }

    #[test]
    fn work_the_business_did_is_an_existing_job() {
        assert!(has_category("you guys sprayed for ants in march and they're back", CategoryName::ExistingJob));
    }

    #[test]
    fn a_greeting_to_a_relative_is_a_wrong_number() {
        assert!(has_category("hey auntie, grandpa wants the lawn chairs back", CategoryName::WrongNumber));
        assert!(has_category("can you tell uncle mike the game starts at six", CategoryName::WrongNumber));
    }

    #[test]
    fn charged_a_lot_for_a_short_job_is_a_complaint() {
        assert!(has_category("you charged me 300 for a job that took fifteen minutes", CategoryName::Complaint));
    }

    #[test]
    fn a_grievance_told_clauses_after_the_visit_is_a_complaint_about_that_job() {
        let text = "your technician came out on the 3rd to fix zone four, and it's still not coming on";
        assert!(has_category(text, CategoryName::Complaint));
        assert!(has_category(text, CategoryName::ExistingJob));
    }

    #[test]
    fn work_praised_ever_since_is_no_complaint() {
        assert!(!has_category(
            "you guys fixed the sump pump in march and it's been fine ever since",
            CategoryName::Complaint
        ));
    }

    #[test]
    fn messages_left_without_an_answer_are_a_complaint() {
        let text = "I've left three messages since Monday about my case and haven't heard a thing";
        assert!(has_category(text, CategoryName::Complaint));
    }

    #[test]
    fn a_greeting_to_someone_by_name_is_a_message_for_them() {
        let reading = read("yo jake its tony we still on for poker friday hit me back");
        assert_eq!(category_names(&reading), vec![CategoryName::WrongNumber]);
        assert_eq!(reading.level, Urgency::Routine);
    }

    #[test]
    fn a_greeting_by_name_that_asks_for_work_is_for_the_business() {
        let text = "hey mike it's janet, the kitchen sink is clogged, can someone come look at it";
        assert!(!has_category(text, CategoryName::WrongNumber));
    }

    #[test]
    fn another_business_telling_its_customer_the_truck_is_ready_is_a_wrong_number() {
        let reading = read("hi mr delgado its jake over at northside auto your truck's all set we're here till six");
        assert_eq!(category_names(&reading), vec![CategoryName::WrongNumber]);
    }

    #[test]
    fn a_customer_asking_whether_their_own_order_is_ready_is_no_wrong_number() {
        let text = "hi its dana calling to see if my order is ready yet, the part for the furnace, call me back";
        assert!(!has_category(text, CategoryName::WrongNumber));
    }

    #[test]
    fn moving_a_booking_to_a_time_still_to_be_found_asks_for_availability() {
        let text = "i have an appointment tuesday for the dishwasher and i need to move it because something came up at work can we do friday instead";
        assert!(has_category(text, CategoryName::AvailabilityRequest));
        assert!(has_category(text, CategoryName::ExistingJob));
    }

    #[test]
    fn cancelling_a_booking_and_calling_back_later_asks_for_no_time() {
        let text = "i need to cancel my cleaning tomorrow my mom is in the hospital i will call back sometime to set up another";
        assert!(!has_category(text, CategoryName::AvailabilityRequest));
    }

    #[test]
    fn a_wrong_numbers_deadline_presses_nobody_here() {
        assert_eq!(level("hola mija soy tu tia carmen el domingo es la fiesta llamame hoy besos"), Urgency::Routine);
    }

    #[test]
    fn a_negation_before_a_question_does_not_deny_the_asking() {
        let text = "we have no hot water the water heater just isnt lighting can someone come today please";
        assert!(has_category(text, CategoryName::AvailabilityRequest));
    }

    #[test]
    fn a_job_title_is_no_complaint() {
        assert!(!has_category("this is the facilities manager at the library", CategoryName::Complaint));
    }

    #[test]
    fn a_quote_the_business_gave_asks_no_price() {
        let text = "Got your quote for the gutter guards, looks good, we'd like to go ahead.";
        assert!(!has_category(text, CategoryName::PricingRequest));
        assert!(has_category(text, CategoryName::ExistingJob));
    }

    #[test]
    fn a_quote_still_awaited_may_ask_a_price() {
        let text = "this is the third time i'm calling about the estimate for the side gate opener";
        assert!(has_category(text, CategoryName::PricingRequest));
    }

    #[test]
    fn a_manager_saying_where_they_manage_is_no_complaint() {
        let text = "hi this is danny manager at el jardin cantina we saw roaches by the dish area";
        assert!(!has_category(text, CategoryName::Complaint));
    }

    #[test]
    fn a_client_of_the_firm_speaks_of_an_existing_job() {
        let text = "hi it's Shannon, I'm a client of Ms Okafor's, I need someone to call me about the order";
        assert!(has_category(text, CategoryName::ExistingJob));
        let text = "le llamo para la licenciada herrera soy yesenia rojas clienta de ella tengo corte el lunes";
        assert!(has_category(text, CategoryName::ExistingJob));
    }

    #[test]
    fn a_new_patient_is_no_existing_job() {
        let text = "hi i'm a new patient and i'd like to book a cleaning";
        assert!(!has_category(text, CategoryName::ExistingJob));
    }

    #[test]
    fn a_suppliers_promotion_is_a_solicitation() {
        let text = "hey it's jim from ferguson supply we've got a promo this month on fifty gallon water heaters";
        assert!(has_category(text, CategoryName::VendorOrSolicitation));
    }

    #[test]
    fn paying_for_referrals_is_a_pitch_but_paying_an_invoice_is_not() {
        assert!(has_category(
            "we'd love to be your partner, we pay a finder's fee",
            CategoryName::VendorOrSolicitation
        ));
        let text = "our plumber retired so we need someone on call, we pay net thirty, we're good for it";
        assert!(!has_category(text, CategoryName::VendorOrSolicitation));
    }

    #[test]
    fn a_tenants_rent_message_is_for_someone_else() {
        let text = "Hi Mr. Henderson, this is Dana in 2B. Rent's going to be a few days late this month, sorry.";
        assert!(has_category(text, CategoryName::WrongNumber));
    }

    #[test]
    fn fire_ants_are_no_fire() {
        assert_eq!(
            level("hi we got fire ants all over the backyard can somebody come out and treat it"),
            Urgency::Routine
        );
    }

    #[test]
    fn traffic_being_terrible_is_no_complaint() {
        let text = "hey mom i'm running late for dinner traffic's terrible on the 405 love you bye";
        assert!(!has_category(text, CategoryName::Complaint));
    }

    #[test]
    fn a_quote_still_talked_over_is_no_complaint() {
        let text = "following up on the quote your guy sent over last week, we're still talking it over";
        assert!(!has_category(text, CategoryName::Complaint));
    }

    #[test]
    fn a_smoke_damaged_ceiling_after_a_fire_in_march_is_no_emergency() {
        let text = "we had a small kitchen fire back in March, everybody was fine. I'm looking for an \
                    estimate to repaint the smoke damaged ceiling";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn a_letter_to_respond_to_by_friday_is_a_deadline() {
        assert_eq!(level("i have to respond by the 15th which is this friday"), Urgency::Urgent);
    }

    #[test]
    fn glass_needed_before_the_shop_opens_monday_is_a_deadline() {
        let text = "somebody put a brick through our window, i need the glass replaced before we open monday";
        assert_eq!(level(text), Urgency::Urgent);
    }

    #[test]
    fn an_inodoro_que_no_le_baja_is_an_outage() {
        assert_eq!(level("el inodoro no le baja el agua y es el unico baño"), Urgency::Urgent);
    }

    #[test]
    fn heat_off_since_yesterday_is_off_still_whatever_he_says() {
        let text = "his heat's been off since yesterday afternoon and it's twenty degrees outside he says he's fine";
        assert_eq!(level(text), Urgency::Emergency);
    }

    #[test]
    fn a_free_day_asks_when_the_business_can_come() {
        let text = "a couple of sticking doors and a ceiling fan to hang whenever you have a free day";
        assert!(has_category(text, CategoryName::AvailabilityRequest));
    }

    #[test]
    fn water_a_dishwasher_leaves_after_it_runs_is_no_flood() {
        let text =
            "my dishwasher's not draining all the way, there's like an inch of water at the bottom after it runs";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn an_inch_of_water_on_the_kitchen_floor_is_a_flood() {
        let text = "the dishwasher leaked and there's an inch of water all over the kitchen floor";
        assert_eq!(level(text), Urgency::Emergency);
    }

    #[test]
    fn an_inbox_probably_flooded_is_no_flood() {
        assert_eq!(level("I know your inbox is probably flooded this time of year, no worries"), Urgency::Routine);
    }

    #[test]
    fn a_frozen_pipe_in_a_warm_house_with_no_leak_is_no_described_danger() {
        let text = "good morning, we've got no water coming out of the kitchen faucet, I think the pipe under the \
                    sink froze, it's on the outside wall. the house is warm, heat's fine, no leak that I can see. \
                    can someone come this morning? it's Dana at 9 Frost Hollow";
        assert_eq!(level(text), Urgency::Urgent);
    }

    #[test]
    fn being_locked_out_of_the_house_is_an_outage() {
        assert_eq!(level("hi i'm locked out of my house my keys are inside on the counter"), Urgency::Urgent);
    }

    #[test]
    fn not_being_locked_out_is_no_outage() {
        assert_eq!(level("i'm not locked out or nothing but i need the locks rekeyed"), Urgency::Routine);
    }

    #[test]
    fn a_flight_on_friday_is_a_deadline() {
        let text = "a crown came off, I'm flying to Denver on Friday and I'd like it cemented back before I go";
        assert_eq!(level(text), Urgency::Urgent);
    }

    #[test]
    fn a_court_date_that_is_not_until_march_is_no_deadline() {
        let text = "My court date isn't until March 9th, but I wanted to find out what you charge";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn any_saturday_appointments_asks_for_a_time() {
        let text = "whether Dr. Patel has any Saturday appointments for an eye exam";
        assert!(has_category(text, CategoryName::AvailabilityRequest));
    }

    #[test]
    fn an_outage_said_now_is_not_dated_by_the_installing_two_years_ago() {
        let text = "our generator won't start, the one you installed two years ago";
        assert_eq!(level(text), Urgency::Urgent);
    }

    #[test]
    fn an_outage_said_now_with_a_typographic_apostrophe_is_not_dated_by_another_clause() {
        let text = "our generator won\u{2019}t start, the one you installed two years ago";
        assert_eq!(level(text), Urgency::Urgent);
    }

    #[test]
    fn a_deadline_ahead_is_not_dated_by_another_clause() {
        let text = "the hurricane's supposed to hit by sunday, we bought the generator from you two years ago";
        assert_eq!(level(text), Urgency::Urgent);
    }

    #[test]
    fn a_fire_lit_in_the_fireplace_is_no_danger() {
        let text = "last night we lit a fire and the chimney smoked back into the living room, we aired it out, \
                    everything's fine now";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn a_tv_show_named_fire_is_no_fire() {
        assert_eq!(
            level("we were watching fire country last night, how much for a chimney inspection"),
            Urgency::Routine
        );
    }

    #[test]
    fn fuse_boxes_that_can_catch_fire_are_no_fire() {
        assert_eq!(level("he keeps telling me those old fuse boxes can catch fire"), Urgency::Routine);
    }

    #[test]
    fn a_three_day_notice_is_time_pressure() {
        assert_eq!(level("el landlord me dio un three day notice para pagar o salirme"), Urgency::Urgent);
    }

    #[test]
    fn nothing_needed_right_away_is_no_hurry() {
        assert_eq!(level("I don't need to do anything right away, April is a long way off"), Urgency::Routine);
    }

    #[test]
    fn a_pizza_order_is_a_wrong_number() {
        let text = "hi is this tony's? I wanted to put in an order for pick up, a large pepperoni";
        assert!(has_category(text, CategoryName::WrongNumber));
    }

    #[test]
    fn a_co_alarm_last_night_that_reads_zero_now_is_over() {
        let text = "the see oh detector went off last night, the fire department aired the house out and \
                    everything reads zero now, but we have no hot water";
        assert_eq!(level(text), Urgency::Urgent);
    }

    #[test]
    fn a_fire_pit_set_up_for_saturday_is_no_fire() {
        let text = "the fire pit's all set up out back for saturday, tell Denise the smoke doesn't bother anybody";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn a_basement_that_could_flood_in_a_bad_storm_is_no_flood() {
        let text = "the neighbors said in a really bad storm the basement could flood, so just in case";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn water_through_the_light_two_nights_ago_now_dry_is_over() {
        let text =
            "two nights ago water was coming through my ceiling light, maintenance fixed their pipe and its dry now";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn a_walk_in_cooler_not_cooling_is_an_outage() {
        assert_eq!(level("la camara fria no esta enfriando y tenemos toda la carne adentro"), Urgency::Urgent);
    }

    #[test]
    fn an_inspection_scheduled_with_the_business_is_no_deadline() {
        let text = "calling about the sprinkler inspection scheduled for Tuesday the 9th";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn my_manager_wanting_a_quote_is_no_complaint() {
        let text = "we've got mice in the back storeroom so my manager wants a quote for monthly pest control";
        assert!(!has_category(text, CategoryName::Complaint));
    }

    #[test]
    fn a_stove_burner_that_wont_light_is_a_repair_not_an_outage() {
        let text = "the front left burner on the stove just clicks and clicks and wont light";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn a_furnace_that_wont_light_beside_an_oven_is_still_an_outage() {
        assert_eq!(level("the oven won't heat and the furnace won't light either"), Urgency::Urgent);
    }

    #[test]
    fn somebody_needed_out_here_today_is_a_hurry() {
        assert_eq!(
            level("the elevator's been down since last night, we need somebody out here today"),
            Urgency::Urgent
        );
    }

    #[test]
    fn a_stove_pipe_glowing_red_is_a_fire() {
        assert_eq!(level("the stove pipe is glowing red right above the wood stove"), Urgency::Emergency);
    }

    #[test]
    fn a_gas_smell_yesterday_that_was_nothing_is_over() {
        let text = "the neighbor said she smelled gas yesterday, Con Ed came out and checked and it was nothing";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn an_electric_fence_hot_wire_is_no_hazard() {
        let text = "an estimate on rewiring the barn and moving the electric fence hot wire charger into the shop";
        assert_eq!(level(text), Urgency::Routine);
    }

    #[test]
    fn pests_back_worse_after_a_treatment_are_a_complaint() {
        let text = "You guys sprayed two weeks ago and the ants are back in the kitchen, worse than before.";
        assert!(has_category(text, CategoryName::Complaint));
    }

    #[test]
    fn a_breaker_that_wont_reset_asks_for_work() {
        assert!(has_category("the main breaker tripped and won't reset", CategoryName::ServiceRequest));
    }

    #[test]
    fn a_moving_day_sets_a_deadline() {
        assert_eq!(level("the movers come saturday and the dryer needs to be disconnected"), Urgency::Urgent);
        assert_eq!(level("la inspeccion es el lunes y necesito cambiar el calentador"), Urgency::Urgent);
    }

    #[test]
    fn moving_a_booked_appointment_is_no_deadline() {
        assert_eq!(level("we have an appointment friday for the inspection and need to move it"), Urgency::Routine);
    }

    fn char_slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end.saturating_sub(start)).collect()
    }

    fn all_evidence(reading: &VoicemailReading) -> impl Iterator<Item = &Evidence> {
        reading.evidence.iter().chain(reading.categories.iter().flat_map(|c| c.evidence.iter()))
    }

    fn fingerprint(reading: &VoicemailReading) -> String {
        format!("{:?}|{:?}|{:?}|{}", reading.level, reading.evidence, reading.categories, reading.ambiguous)
    }

    // Round 52: the learned reader's pressing column, where the rules read nothing pressing.

    /// A fridge that stopped cooling with the food going warm: no outage phrase of the rules
    /// says it, the learned column does (probability 0.96 against its 0.9).
    const FRIDGE_GONE_WARM: &str =
        "hi, the fridge stopped getting cold last night and all the food is warm, can someone come out";

    #[test]
    fn a_story_that_presses_in_words_no_rule_knows_is_urgent_citing_its_clause() {
        let reading = read(FRIDGE_GONE_WARM);
        assert_eq!(reading.level, Urgency::Urgent);
        assert_eq!(reading.evidence.iter().map(Evidence::signal).collect::<Vec<_>>(), [LEARNED_PRESSING]);
        assert!(quotes(&reading)[0].contains("fridge stopped getting cold"), "{:?}", quotes(&reading));
    }

    #[test]
    fn a_deadline_the_rules_read_is_not_cited_again_by_the_learned_reader() {
        let reading = read(&format!("{FRIDGE_GONE_WARM} today"));
        assert_eq!(reading.level, Urgency::Urgent);
        assert!(reading.evidence.iter().all(|e| e.signal() != LEARNED_PRESSING), "{:?}", reading.evidence);
    }

    /// `add_learned_readings` over what the rules found in `text`: here nothing but `found`.
    fn learned_after(found: Vec<Found<'static>>, text: &str) -> Vec<SignalKind> {
        let mut found = found;
        add_learned_readings(&mut found, &SpokenWords::of(text), |_| true, |_| true);
        found.into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn a_pitch_or_a_message_for_someone_else_is_never_read_as_pressing() {
        let at_start = Span { start: 0, end: 2 };
        assert_eq!(learned_after(Vec::new(), FRIDGE_GONE_WARM), [SignalKind::Pressing]);
        for name in [CategoryName::VendorOrSolicitation, CategoryName::WrongNumber] {
            let rules = vec![Found { span: at_start, kind: SignalKind::Category(name), signal: "rules" }];
            assert_eq!(learned_after(rules, FRIDGE_GONE_WARM), [SignalKind::Category(name)]);
        }
    }

    /// Lexicon phrases, cues and noise, so generated transcripts hit the interesting paths.
    fn transcript_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "gas leak",
            "smell gas",
            "flooding",
            "no heat",
            "it's 20 degrees",
            "thirty-five degrees",
            "freezing",
            "not",
            "no",
            "last year",
            "if",
            "today",
            "no rush",
            "won’t drain",
            "clogged and won't drain",
            "come out today",
            "how much",
            "you replaced",
            "[inaudible]",
            "...",
            "um",
            ",",
            ".",
            "?",
            "é",
            "日本",
            "🔥",
            "\u{2019}",
            "-",
            "°",
            "°C",
            "minus",
            "call me back at 720-555-0111",
            "zip 80202",
        ]);
        prop_oneof![
            any::<String>(),
            prop::collection::vec((pieces, any::<bool>()), 0..24).prop_map(|parts| {
                parts.into_iter().map(|(p, space)| if space { format!("{p} ") } else { p.to_owned() }).collect()
            }),
        ]
    }

    proptest! {
        #[test]
        fn every_quote_is_the_transcript_text_and_reading_is_deterministic(
            text in transcript_strategy(),
            confidence in prop::option::of(0.0f64..=1.0),
        ) {
            let lexicon = Lexicon::built_in();
            let transcript = Transcript::new(&text);
            let reading = read_voicemail(&transcript, confidence, &lexicon);
            for evidence in all_evidence(&reading) {
                let (start, end) = evidence.code_points().expect("voicemail evidence has offsets");
                let expected = char_slice(&text, start, end);
                prop_assert_eq!(evidence.quote(), Some(expected.as_str()));
            }
            if matches!(reading.level, Urgency::Emergency | Urgency::Urgent) {
                prop_assert!(!reading.evidence.is_empty());
            }
            for category in &reading.categories {
                prop_assert!(!category.evidence.is_empty());
            }
            let again = read_voicemail(&transcript, confidence, &lexicon);
            prop_assert_eq!(fingerprint(&reading), fingerprint(&again));
            let summary = crate::engine::summary::summarize(&transcript, &lexicon);
            prop_assert!(summary.len() <= 3);
            for line in &summary {
                prop_assert!(text.contains(line.as_str()));
                prop_assert_eq!(line.trim(), line.as_str());
                prop_assert!(!line.is_empty());
            }
            prop_assert_eq!(summary, crate::engine::summary::summarize(&transcript, &lexicon));
        }
    }
}
