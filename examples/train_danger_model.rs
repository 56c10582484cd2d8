//! Trains the learned readers on the development corpus and writes their tables: `cargo run
//! --release --example train_danger_model` rewrites `src/engine/danger_weights.tsv` (the danger
//! reader, `src/engine/danger_model.rs`) and `src/engine/category_weights.tsv` (the category
//! reader, `src/engine/category_model.rs`) from every `tests/voicemails/dev/*.jsonl`.
//!
//! `--cv-categories` prints the category reader's cross-validation by writer: for each learned
//! category and threshold, how many of its voicemails the reader alone finds and how many
//! others it wrongly reads so, which is how its thresholds were chosen.
//!
//! `--exclude wi,wj` leaves writers out (to test the reader on voicemails it never learned
//! from); `--out FILE` writes elsewhere; `--cv` prints five-fold cross-validation instead: for
//! each score threshold, how many emergencies the reader alone finds and how many false
//! alarms it raises, which is how `SCORE_THRESHOLD` was chosen; `--cv-writers` the same with
//! each writer's file held out in turn (a new writer's words are what the reader meets in the
//! world; five folds put every writer's style in training); `--score FILE.jsonl` prints the
//! built-in table's score of each voicemail of a corpus file (label, score, id).

use std::path::{Path, PathBuf};

use callback_clock::engine::category_model::{
    self, labelled_for_learning, probabilities_with, LearnedLabels, COLUMNS, LEARNED,
};
use callback_clock::engine::danger_model::{labelled_voicemails, score_with, train};

struct Labelled {
    text: String,
    emergency: bool,
    /// What the category reader's columns learn (its categories, and whether it presses).
    learned: LearnedLabels,
    /// The corpus file's name: one writer.
    writer: String,
}

/// How cross-validation cuts the corpus into held-out folds.
#[derive(Clone, Copy)]
enum Folds {
    /// Every fifth voicemail held out in turn.
    Fifths,
    /// One writer's voicemails held out in turn.
    Writers,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut exclude: Vec<String> = Vec::new();
    let mut out = PathBuf::from("src/engine/danger_weights.tsv");
    let mut cv: Option<Folds> = None;
    let mut cv_categories = false;
    let categories_out = PathBuf::from("src/engine/category_weights.tsv");
    let mut score_file: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--exclude" => {
                exclude = args.next().ok_or("--exclude needs names")?.split(',').map(str::to_owned).collect()
            }
            "--out" => out = args.next().ok_or("--out needs a file")?.into(),
            "--cv" => cv = Some(Folds::Fifths),
            "--cv-writers" => cv = Some(Folds::Writers),
            "--cv-categories" => cv_categories = true,
            "--score" => score_file = Some(args.next().ok_or("--score needs a file")?.into()),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if let Some(file) = score_file {
        let table = std::fs::read_to_string(&out)?;
        for line in std::fs::read_to_string(&file)?.lines().filter(|l| !l.trim().is_empty()) {
            let item: serde_json::Value = serde_json::from_str(line)?;
            let text = item["transcript"].as_str().unwrap_or_default();
            println!(
                "{}\t{:.1}\t{}",
                item["expect"]["level"].as_str().unwrap_or("?"),
                score_with(&table, text),
                item["id"]
            );
        }
        return Ok(());
    }
    let corpus = read_corpus(Path::new("tests/voicemails/dev"), &exclude)?;
    if cv_categories {
        cross_validate_categories(&corpus);
        return Ok(());
    }
    if let Some(folds) = cv {
        cross_validate(&corpus, folds);
        return Ok(());
    }
    let table = train(corpus.iter().map(|l| (l.text.as_str(), l.emergency)));
    std::fs::write(&out, &table)?;
    eprintln!("{} voicemails, {} features -> {}", corpus.len(), table.lines().count() - 1, out.display());
    let labelled: Vec<LearnedLabels> = corpus.into_iter().map(|l| l.learned).collect();
    let categories = category_model::train(&labelled);
    std::fs::write(&categories_out, &categories)?;
    eprintln!("{} features -> {}", categories.lines().count() - 1, categories_out.display());
    Ok(())
}

/// Every voicemail of the corpus files in `dir`, in file-name order, less the excluded writers.
fn read_corpus(dir: &Path, exclude: &[String]) -> Result<Vec<Labelled>, Box<dyn std::error::Error>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .filter(|p| !p.file_stem().is_some_and(|s| exclude.iter().any(|x| s == x.as_str())))
        .collect();
    files.sort();
    let mut corpus = Vec::new();
    for file in files {
        let jsonl = std::fs::read_to_string(&file)?;
        let items = labelled_voicemails(&jsonl).map_err(|e| format!("{}: {e}", file.display()))?;
        let learned = labelled_for_learning(&jsonl).map_err(|e| format!("{}: {e}", file.display()))?;
        let writer = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        corpus.extend(items.into_iter().zip(learned).map(|((text, emergency), learned)| Labelled {
            text,
            emergency,
            learned,
            writer: writer.clone(),
        }));
    }
    Ok(corpus)
}

/// Each fold held out in turn: trained on the rest, scored on it.
fn cross_validate(corpus: &[Labelled], folds: Folds) {
    let fold_of = |i: usize, l: &Labelled| match folds {
        Folds::Fifths => (i % 5).to_string(),
        Folds::Writers => l.writer.clone(),
    };
    let mut fold_names: Vec<String> = corpus.iter().enumerate().map(|(i, l)| fold_of(i, l)).collect();
    fold_names.sort();
    fold_names.dedup();
    let mut scored: Vec<(bool, f32)> = Vec::new();
    for fold in &fold_names {
        let held_out = |i: usize, l: &Labelled| fold_of(i, l) == *fold;
        let table = train(
            corpus.iter().enumerate().filter(|(i, l)| !held_out(*i, l)).map(|(_, l)| (l.text.as_str(), l.emergency)),
        );
        for (_, l) in corpus.iter().enumerate().filter(|(i, l)| held_out(*i, l)) {
            scored.push((l.emergency, score_with(&table, &l.text)));
        }
    }
    let emergencies = scored.iter().filter(|(e, _)| *e).count();
    let others = scored.len() - emergencies;
    println!("{} voicemails, {emergencies} emergencies; the reader alone, by threshold:", scored.len());
    for threshold in
        [8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0, 22.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 32.0, 35.0, 40.0, 50.0]
    {
        let found = scored.iter().filter(|(e, s)| *e && *s >= threshold).count();
        let false_alarms = scored.iter().filter(|(e, s)| !*e && *s >= threshold).count();
        println!(
            "  {threshold:>4}: finds {found}/{emergencies} ({:.1}%), false alarms {false_alarms}/{others} ({:.1}%)",
            100.0 * found as f32 / emergencies as f32,
            100.0 * false_alarms as f32 / others as f32
        );
    }
}

/// Each writer held out in turn: the category reader trained on the others, its probabilities
/// read on the held-out writer's voicemails, for each learned category and for pressing.
fn cross_validate_categories(corpus: &[Labelled]) {
    let mut writers: Vec<&str> = corpus.iter().map(|l| l.writer.as_str()).collect();
    writers.dedup();
    let mut scored: Vec<(&Labelled, [f32; COLUMNS])> = Vec::new();
    for writer in writers {
        let training: Vec<LearnedLabels> =
            corpus.iter().filter(|l| l.writer != writer).map(|l| l.learned.clone()).collect();
        let table = category_model::train(&training);
        scored.extend(corpus.iter().filter(|l| l.writer == writer).map(|l| (l, probabilities_with(&table, &l.text))));
    }
    let chosen = category_model::thresholds();
    for column in 0..COLUMNS {
        let name = LEARNED.get(column).map_or("Pressing (urgent or emergency)".to_owned(), |n| format!("{n:?}"));
        let labelled = scored.iter().filter(|(l, _)| l.learned.is_in(column)).count();
        println!("{name}: {labelled} of {} voicemails; the reader alone, by threshold:", scored.len());
        for threshold in [0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8, 0.9, 0.95, 0.98, chosen[column]] {
            let found = scored.iter().filter(|(l, p)| l.learned.is_in(column) && p[column] >= threshold).count();
            let wrong = scored.iter().filter(|(l, p)| !l.learned.is_in(column) && p[column] >= threshold).count();
            println!("  {threshold:>4}: finds {found}/{labelled}, reads {wrong} others so");
        }
    }
}
