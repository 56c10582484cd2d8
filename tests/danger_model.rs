//! The learned danger reader's table is what training on today's development corpus gives: a
//! voicemail added to `tests/voicemails/dev` (or a change to how words are read) fails this
//! test until `cargo run --release --example train_danger_model` has written the table again,
//! so the table can never drift from the corpus it claims to have learned.

use callback_clock::engine::danger_model::{labelled_voicemails, train};

#[test]
fn the_built_in_table_is_what_the_dev_corpus_trains() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/voicemails/dev");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the dev corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut corpus = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        corpus.extend(labelled_voicemails(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display())));
    }
    let trained = train(corpus.iter().map(|(text, emergency)| (text.as_str(), *emergency)));
    let built_in = include_str!("../src/engine/danger_weights.tsv");
    assert!(
        trained == built_in,
        "src/engine/danger_weights.tsv is not what the dev corpus trains: run `cargo run --release --example train_danger_model`"
    );
}
