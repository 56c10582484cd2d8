//! The learned readers' tables are what training on today's development corpus gives: a
//! voicemail added to `tests/voicemails/dev` (or a change to how words are read) fails these
//! tests until `cargo run --release --example train_danger_model` has written the tables
//! again, so neither table can drift from the corpus it claims to have learned.

use callback_clock::engine::{category_model, danger_model};

const RETRAIN: &str = "run `cargo run --release --example train_danger_model`";

/// Every development corpus file's text, in the order the trainer reads them.
fn dev_corpus_files() -> Vec<(std::path::PathBuf, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/voicemails/dev");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the dev corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).expect("readable");
            (file, text)
        })
        .collect()
}

#[test]
fn the_built_in_danger_table_is_what_the_dev_corpus_trains() {
    let mut corpus = Vec::new();
    for (file, text) in dev_corpus_files() {
        corpus.extend(danger_model::labelled_voicemails(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display())));
    }
    let trained = danger_model::train(corpus.iter().map(|(text, emergency)| (text.as_str(), *emergency)));
    assert!(
        trained == include_str!("../src/engine/danger_weights.tsv"),
        "src/engine/danger_weights.tsv is not what the dev corpus trains: {RETRAIN}"
    );
}

#[test]
fn the_built_in_category_table_is_what_the_dev_corpus_trains() {
    let mut corpus = Vec::new();
    for (file, text) in dev_corpus_files() {
        corpus
            .extend(category_model::labelled_for_learning(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display())));
    }
    assert!(
        category_model::train(&corpus) == include_str!("../src/engine/category_weights.tsv"),
        "src/engine/category_weights.tsv is not what the dev corpus trains: {RETRAIN}"
    );
}
