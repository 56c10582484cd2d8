//! A learned reader of three categories the rules miss most on voicemails they were never
//! written for: a complaint told as a story, a sales call in its own trade's words, a message
//! meant for someone else. Trained by [`train`] on the development corpus into
//! `category_weights.tsv` (logistic regression over the same words and word pairs as the danger
//! reader, `danger_model.rs`); `tests/danger_model.rs` keeps the table equal to what the corpus
//! trains.
//!
//! Why logistic regression here and naive Bayes for danger: these categories are a few in a
//! hundred voicemails and are told in long stories, where naive Bayes's sum over every word
//! grows with the length of the story, not with what it says; a regression weighs the words
//! against each other and its score is a probability. Cross-validated by writer on dev (a
//! writer's voicemails held out in turn), it finds about four in five complaints with under one
//! false complaint in a hundred voicemails (README, "A learned reader of categories").
//!
//! Like the danger reader it only adds: a category the rules already found stays as they found
//! it, and the evidence is the clause around the words that weigh most for it, quoted from the
//! transcript (rule 12).
//!
//! A fourth column of the same table learns whether a voicemail presses at all (labelled
//! `urgent` or `emergency`): an outage or a deadline told by its symptoms ("only cold comes out
//! of the tap", "the photographer comes friday"), which phrase lists reach only in the words
//! they were written from (README, round 52). It too only adds, where the rules read nothing
//! pressing, and cites the clause of its heaviest affirmed words. One column of a table already
//! looked up costs the reading almost nothing; a table of its own would repeat the lookups.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::danger_model::{danger_features, says_something, says_something_in_every_word, Candidate, FeatureTable};
use super::decision::CategoryName;
use super::learned_table;
use super::serde_name::from_serde_name;
use super::spoken::SpokenWords;
use super::transcript::Span;

/// The categories this reader learns, in the order of a weight row; [`PRESSING`] follows them.
pub const LEARNED: [CategoryName; 3] =
    [CategoryName::Complaint, CategoryName::VendorOrSolicitation, CategoryName::WrongNumber];
/// The column of a weight row that says the voicemail presses (`urgent` or `emergency`).
pub const PRESSING: usize = LEARNED.len();
/// Weights in a row: one per learned category, then pressing.
pub const COLUMNS: usize = PRESSING + 1;

/// The probability at or above which a category is read, for each of [`LEARNED`], then for
/// [`PRESSING`]: chosen by cross-validation by writer on dev (`train_danger_model
/// --cv-categories`), where a false category costs a person's time (a complaint escalates, a
/// vendor goes to review) and a missed one costs the caller. Pressing is read only where the
/// rules read nothing pressing, most of them routine stories, so it must be sure:
/// cross-validated by writer on the 4,243 dev voicemails (2026-12-06), the column alone finds
/// 1,653 of the 1,983 that press at 0.9 and reads 8 others so (at 0.95, 1,543 and 4; at 0.8,
/// 1,762 and 21), and in the engine 0.9 reads one more dev voicemail right than 0.95.
const THRESHOLDS: [f32; COLUMNS] = [0.1, 0.1, 0.15, 0.9];

/// The table [`train`] wrote from the development corpus, as the build encoded it
/// (`learned_table`).
const BUILT_IN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/category_weights.bin"));

/// Passes over the corpus in training; the weights settle well before this.
const EPOCHS: usize = 30;
const LEARNING_RATE: f32 = 0.1;
/// Pulls every weight towards zero a little on each step: a word seen in three complaints is
/// not a complaint.
const L2: f32 = 1e-3;
/// Words and pairs seen in fewer voicemails than this are not learned.
const MIN_VOICEMAILS: u32 = 2;
/// Weights closer to zero than this are left out of the table (it ships in the engine, in every
/// first start). At 0.05 the table kept 7,531 features; at 0.1, 4,606: the first start 14.6 KB less
/// at gzip -9, for held-out categories 2,284 -> 2,282 and actions 2,368 -> 2,366 of 2,457, and no
/// change on the 4,083 voicemails it learns from (2026-12-06).
const MIN_ABS_WEIGHT: f32 = 0.1;
/// The same for the pressing column, higher: half the dev corpus presses, so many more of its
/// weights are far from zero: at 0.1 the table went from 4,637 features to 9,015 (its text
/// 27.5 KB → 56.1 KB at gzip -9), at 0.3 to 5,139 (32.7 KB), for cross-validated finds at 0.9 of
/// 1,653 against 1,780 and others read so 8 against 12.
const MIN_ABS_PRESSING_WEIGHT: f32 = 0.3;
/// A cited word must weigh at least this much on its own for the category.
const EVIDENCE_MIN_WEIGHT: f32 = 0.3;
/// How many of the heaviest words may be cited: one of them must be affirmed.
const HEAVIEST_CONSIDERED: usize = 3;
/// The bias line of a category in the table; no normal word starts with `#` and has no space.
const BIAS: &str = "#bias";

/// The learned weights: each feature's weight for each of [`LEARNED`] and for [`PRESSING`].
pub struct CategoryModel {
    bias: [f32; COLUMNS],
    /// Each feature's number (to count a feature once), its weight for each column, and
    /// whether it may be cited for each.
    weights: FeatureTable<(u32, [f32; COLUMNS], [bool; COLUMNS])>,
}

/// What the learned columns read in one voicemail.
pub(crate) struct LearnedReading {
    /// Each category read, with the clause that says it most.
    pub categories: Vec<(CategoryName, Span)>,
    /// The clause that presses most, when the voicemail presses.
    pub pressing: Option<Span>,
}

/// The built-in model, read once.
pub fn built_in() -> &'static CategoryModel {
    static MODEL: OnceLock<CategoryModel> = OnceLock::new();
    MODEL.get_or_init(|| CategoryModel::read_table(BUILT_IN))
}

impl CategoryModel {
    /// A table as [`train`] writes it: a `feature<TAB>w1<TAB>w2<TAB>w3<TAB>w4` line per
    /// feature with its weight for each of [`LEARNED`] and for [`PRESSING`] (an empty cell
    /// weighs nothing), the biases as the feature `#bias`; encoded.
    fn read_table(table: &[u8]) -> CategoryModel {
        let mut bias = [0.0; COLUMNS];
        let mut weights: FeatureTable<(u32, [f32; COLUMNS], [bool; COLUMNS])> =
            FeatureTable::with_capacity(learned_table::row_count(table));
        let mut numbered = 0;
        learned_table::for_each_row(table, |row| {
            let mut by_category = [0.0; COLUMNS];
            for (weight, read) in by_category.iter_mut().zip(row.weights()) {
                *weight = read;
            }
            if row.feature == BIAS {
                bias = by_category;
            } else {
                // Most features weigh too little to cite: weighed first, since telling a
                // function word costs a scan of the list.
                let cites = std::array::from_fn(|column| {
                    by_category[column] >= EVIDENCE_MIN_WEIGHT
                        && if column == PRESSING {
                            says_something_in_every_word(row.feature)
                        } else {
                            says_something(row.feature)
                        }
                });
                weights.insert(row.feature, (numbered, by_category, cites));
                numbered += 1;
            }
        });
        CategoryModel { bias, weights }
    }

    /// The categories the voicemail says, each with the words that say it most among those
    /// the caller affirms (`affirmed_category`: not negated), and whether it presses, with the
    /// words that press most among those affirmed as pressing now (`affirmed_pressing`).
    pub(crate) fn read_learned(
        &self,
        spoken: &SpokenWords,
        affirmed_category: impl Fn(Span) -> bool,
        affirmed_pressing: impl Fn(Span) -> bool,
    ) -> LearnedReading {
        let (scores, mut candidates) = self.read(spoken);
        let mut cite = |column: usize, affirmed: &dyn Fn(Span) -> bool| {
            if probability(scores[column]) < THRESHOLDS[column] {
                return None;
            }
            let for_this = &mut candidates[column];
            for_this.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.first.cmp(&b.first)));
            let cited = for_this.iter().take(HEAVIEST_CONSIDERED).find(|c| affirmed(c.span(spoken)))?;
            Some(cited.in_its_clause(spoken))
        };
        let categories = LEARNED
            .into_iter()
            .enumerate()
            .filter_map(|(column, name)| Some((name, cite(column, &affirmed_category)?)))
            .collect();
        let pressing = cite(PRESSING, &affirmed_pressing);
        LearnedReading { categories, pressing }
    }

    /// Each column's score (log-odds) and, for each, the words heavy enough to cite.
    fn read(&self, spoken: &SpokenWords) -> ([f32; COLUMNS], [Vec<Candidate>; COLUMNS]) {
        let mut found: Vec<(u32, [f32; COLUMNS])> = Vec::with_capacity(2 * spoken.words.len());
        let mut candidates: [Vec<Candidate>; COLUMNS] = Default::default();
        self.weights.for_each_said(spoken, |&(number, weights, cites), first, last| {
            found.push((number, weights));
            for (column, &weight) in weights.iter().enumerate() {
                if cites[column] {
                    candidates[column].push(Candidate { weight, first, last });
                }
            }
        });
        // Presence, not count: a feature said twice weighs once.
        found.sort_unstable_by_key(|&(number, _)| number);
        found.dedup_by_key(|&mut (number, _)| number);
        let mut scores = self.bias;
        for (_, weights) in &found {
            for (score, weight) in scores.iter_mut().zip(weights) {
                *score += weight;
            }
        }
        (scores, candidates)
    }
}

fn probability(log_odds: f32) -> f32 {
    1.0 / (1.0 + (-log_odds).exp())
}

/// A development voicemail with what the learned columns must read in it.
#[derive(Clone)]
pub struct LearnedLabels {
    pub text: String,
    pub categories: Vec<CategoryName>,
    /// Labelled `urgent` or `emergency`.
    pub pressing: bool,
}

impl LearnedLabels {
    /// Whether the voicemail is one of `column`'s.
    pub fn is_in(&self, column: usize) -> bool {
        match LEARNED.get(column) {
            Some(name) => self.categories.contains(name),
            None => self.pressing,
        }
    }
}

/// Learns the table from labelled transcripts: for each of [`LEARNED`] and for [`PRESSING`], a
/// logistic regression over the words and pairs said in at least [`MIN_VOICEMAILS`]
/// voicemails, by stochastic gradient descent in the corpus's order (so the same corpus always
/// writes the same bytes). One line per feature, sorted, with its weights to two decimals: the
/// table ships in the engine, and a line per column and feature cost half as much again once
/// gzipped.
pub fn train(corpus: &[LearnedLabels]) -> String {
    let said: Vec<Vec<String>> = corpus.iter().map(|labelled| danger_features(&labelled.text)).collect();
    let mut voicemails_saying: BTreeMap<&str, u32> = BTreeMap::new();
    for features in &said {
        for feature in features {
            *voicemails_saying.entry(feature.as_str()).or_default() += 1;
        }
    }
    let vocabulary: Vec<&str> =
        voicemails_saying.iter().filter(|&(_, &n)| n >= MIN_VOICEMAILS).map(|(&f, _)| f).collect();
    let index: FxHashMap<&str, usize> = vocabulary.iter().enumerate().map(|(i, &f)| (f, i)).collect();
    let documents: Vec<Vec<usize>> =
        said.iter().map(|features| features.iter().filter_map(|f| index.get(f.as_str()).copied()).collect()).collect();
    let mut biases = [0.0f32; COLUMNS];
    let mut weights = vec![[0.0f32; COLUMNS]; vocabulary.len()];
    for column in 0..COLUMNS {
        let labels: Vec<f32> = corpus.iter().map(|labelled| if labelled.is_in(column) { 1.0 } else { 0.0 }).collect();
        let positives = labels.iter().sum::<f32>();
        let bias = &mut biases[column];
        *bias = ((positives + 1.0) / (labels.len() as f32 - positives + 1.0)).ln();
        for _ in 0..EPOCHS {
            for (document, &label) in documents.iter().zip(&labels) {
                let score = *bias + document.iter().map(|&i| weights[i][column]).sum::<f32>();
                let error = probability(score) - label;
                *bias -= LEARNING_RATE * error;
                for &i in document {
                    weights[i][column] -= LEARNING_RATE * (error + L2 * weights[i][column]);
                }
            }
        }
    }
    let mut table = String::new();
    write_row(&mut table, BIAS, biases);
    for (feature, row) in vocabulary.iter().zip(weights) {
        if (0..COLUMNS).any(|column| is_kept(row[column], column)) {
            write_row(&mut table, feature, row);
        }
    }
    table
}

/// Whether a weight is far enough from zero to ship.
fn is_kept(weight: f32, column: usize) -> bool {
    let least = if column == PRESSING { MIN_ABS_PRESSING_WEIGHT } else { MIN_ABS_WEIGHT };
    weight.abs() >= least
}

/// One line of the table; a weight too small to keep is an empty cell.
fn write_row(table: &mut String, feature: &str, row: [f32; COLUMNS]) {
    table.push_str(feature);
    for (column, weight) in row.into_iter().enumerate() {
        table.push('\t');
        if is_kept(weight, column) || feature == BIAS {
            let _ = write!(table, "{weight:.2}");
        }
    }
    table.push('\n');
}

/// The labelled transcripts of one corpus file (`tests/voicemails/<set>/*.jsonl`): each
/// transcript with the categories it must have and whether it presses.
pub fn labelled_for_learning(jsonl: &str) -> Result<Vec<LearnedLabels>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Item {
        transcript: String,
        expect: Expect,
    }
    #[derive(serde::Deserialize)]
    struct Expect {
        level: String,
        #[serde(default)]
        categories: Vec<String>,
    }
    jsonl
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            serde_json::from_str::<Item>(line).map(|item| LearnedLabels {
                categories: item.expect.categories.iter().filter_map(|c| from_serde_name(c)).collect(),
                pressing: matches!(item.expect.level.as_str(), "urgent" | "emergency"),
                text: item.transcript,
            })
        })
        .collect()
}

/// The probability of each column for a transcript under a table [`train`] wrote (for
/// cross-validation).
pub fn probabilities_with(table: &str, text: &str) -> [f32; COLUMNS] {
    let encoded = learned_table::encode(table).unwrap_or_else(|line| panic!("not a table train wrote: {line}"));
    CategoryModel::read_table(&encoded).read(&SpokenWords::of(text)).0.map(probability)
}

/// The threshold of each column (for cross-validation's report).
pub fn thresholds() -> [f32; COLUMNS] {
    THRESHOLDS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(CategoryName, &str)> {
        let spoken = SpokenWords::of(text);
        built_in()
            .read_learned(&spoken, |_| true, |_| true)
            .categories
            .into_iter()
            .map(|(name, span)| (name, &text[span.start..span.end]))
            .collect()
    }

    #[test]
    fn training_learns_the_words_of_a_category_and_writes_a_sorted_table() {
        let labelled = |text: &str, categories: &[CategoryName]| LearnedLabels {
            text: text.into(),
            categories: categories.to_vec(),
            pressing: false,
        };
        let complaint = [CategoryName::Complaint];
        let corpus = [
            labelled("you overcharged me again", &complaint),
            labelled("you overcharged me twice", &complaint),
            labelled("a quote please", &[]),
            labelled("a quote for a heater please", &[]),
        ];
        let table = train(&corpus);
        let weight_of = |feature: &str| {
            table
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{feature}\t")))
                .and_then(|weights| weights.split('\t').next()?.parse::<f32>().ok())
        };
        assert!(weight_of("overcharged").is_some_and(|w| w > 0.0), "{table}");
        assert!(weight_of("quote").is_some_and(|w| w < 0.0), "{table}");
        assert_eq!(train(&corpus), table, "the same corpus writes the same bytes");
    }

    #[test]
    fn training_learns_the_words_of_a_story_that_presses() {
        let labelled = |text: &str, pressing| LearnedLabels { text: text.into(), categories: Vec::new(), pressing };
        let corpus = [
            labelled("the freezer quit and everything is thawing", true),
            labelled("the freezer quit and the meat is thawing", true),
            labelled("a quote for a new freezer please", false),
            labelled("a quote for a bigger freezer please", false),
        ];
        let table = train(&corpus);
        let pressing_weight = |feature: &str| {
            table
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{feature}\t")))
                .and_then(|weights| weights.split('\t').nth(PRESSING)?.parse::<f32>().ok())
        };
        assert!(pressing_weight("thawing").is_some_and(|w| w > 0.0), "{table}");
        assert!(pressing_weight("quote").is_some_and(|w| w < 0.0), "{table}");
    }

    #[test]
    fn a_pressing_story_whose_heaviest_words_are_all_denied_is_not_read() {
        let spoken = SpokenWords::of(
            "hi, the fridge stopped getting cold last night and all the food is warm, can someone come out",
        );
        assert!(built_in().read_learned(&spoken, |_| true, |_| true).pressing.is_some());
        assert!(built_in().read_learned(&spoken, |_| true, |_| false).pressing.is_none());
    }

    #[test]
    fn a_sign_off_is_not_cited_as_what_presses() {
        // "please call" weighs for pressing, mostly by its "please": a pair is cited for it only
        // when both its words say something.
        let text =
            "hi, the back door slammed shut behind me and my keys are on the counter inside, please call me back";
        let spoken = SpokenWords::of(text);
        let span = built_in().read_learned(&spoken, |_| true, |_| true).pressing.expect("it presses");
        let cited = &text[span.start..span.end];
        assert!(cited.contains("door slammed shut") && !cited.contains("please"), "{cited}");
    }

    #[test]
    fn a_quote_request_is_none_of_the_learned_categories() {
        assert_eq!(read("Hi, I'd like a quote for a new water heater next month, thanks."), []);
    }

    #[test]
    fn a_grievance_with_the_work_done_is_read_as_a_complaint_citing_its_clause() {
        let read = read("hi this is dana the guy you sent last week left the yard a total mess and broke the gate");
        let (_, cited) = read.iter().find(|(name, _)| *name == CategoryName::Complaint).expect("a complaint");
        assert!(!cited.is_empty());
    }

    #[test]
    fn a_category_whose_heaviest_words_are_all_denied_is_not_read() {
        let spoken = SpokenWords::of("we can get your business listed on the first page of google guaranteed");
        assert!(built_in().read_learned(&spoken, |_| false, |_| false).categories.is_empty());
    }
}
