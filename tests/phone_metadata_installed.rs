//! The browser app's phone reading once its metadata has arrived: the crate's own `metadata.bin`
//! (the file `scripts/build-wasm` puts beside the app, found the same way, by `cargo metadata`)
//! installed at run time, as `store::phone_metadata` does. A process of its own, because the
//! install is for the whole process and the unit tests `without_bundled_metadata` need a process
//! without it. `scripts/test` runs it with `--no-default-features`; with the bundled metadata the
//! install is a no-op and the same numbers read the same.

use callback_clock::engine::bundle::CountryCode;
use callback_clock::engine::phone::{install_phone_metadata, phone_metadata_installed, PhoneNormalizer};

fn the_apps_metadata_file() -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    let listing: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata's JSON");
    let manifest = listing["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| p["name"] == "rlibphonenumber"))
        .and_then(|p| p["manifest_path"].as_str())
        .expect("rlibphonenumber is a dependency");
    let crate_dir = std::path::Path::new(manifest).parent().expect("a manifest is in its crate's folder");
    std::fs::read(crate_dir.join("src/generated/metadata/metadata.bin")).expect("the crate ships metadata.bin")
}

fn us() -> CountryCode {
    serde_json::from_value(serde_json::Value::String("US".to_owned())).expect("a two-letter code")
}

#[test]
fn once_the_metadata_is_installed_numbers_of_every_region_are_read() {
    install_phone_metadata(&the_apps_metadata_file()).expect("the crate's metadata installs");
    assert!(phone_metadata_installed());
    let phones = PhoneNormalizer::new(&us());
    let read = |raw: &str| phones.normalize(raw).map(|n| n.to_string());
    assert_eq!(read("+44 20 7946 0958"), Some("+442079460958".to_owned()));
    assert_eq!(read("011 49 30 901820"), Some("+4930901820".to_owned()), "the US exit code, then Germany");
    assert_eq!(read("+44 20 79"), None, "too short for London");
    assert!(!phones.answered_without_metadata());
}
