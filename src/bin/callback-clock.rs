//! The native CLI: batch triage of bundles (and, with the connectors, of CSV exports).
//!
//! `callback-clock triage [--input FILE] [--output FILE]` reads a bundle (stdin without
//! `--input`) and writes the decisions (stdout without `--output`). Bad input exits 2 with
//! one line naming the JSON path of the first bad field and writes nothing.
//!
//! `callback-clock import --config CONFIG.json --calls FILE.csv [--calls ...] --contacts FILE.csv
//! [--deals FILE.csv] [--tickets FILE.csv] [--now TIME]` turns a night's exports into a bundle
//! on stdout (pipe it into `triage`). `--map FIELD=HEADER` (repeatable) or `--mapping FILE.json`
//! (`{"to": "Line", …}`, as the app's mapping editor saves it) names the calls files' columns
//! by hand; the other fields keep the columns detected from the headers. Rows left out are warnings on stderr; a file that cannot
//! be imported at all exits 2 naming the file, row and column, and writes nothing.
//!
//! With the `server` feature: `callback-clock serve` (the app, the authorizing proxy and team
//! sign-in; see `callback_clock::server`) and `callback-clock users add|remove|list`.

#[cfg(feature = "server")]
#[path = "callback-clock/serve_cli.rs"]
mod serve_cli;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use callback_clock::engine::zones::BundledZones;
use callback_clock::engine::{parse_bundle, triage, InputError};
use serde::Serialize;

const USAGE: &str = "usage: callback-clock triage [--input FILE] [--output FILE]
       callback-clock import --config CONFIG.json --calls FILE.csv [--calls FILE.csv ...] --contacts FILE.csv [--deals FILE.csv] [--tickets FILE.csv] [--now TIME] [--map FIELD=HEADER ...] [--mapping FILE.json]";

/// A failure the user must act on: exit code and one line for stderr.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn usage(message: impl std::fmt::Display) -> Failure {
        Failure { code: 64, message: format!("{message}\n{}", usage()) }
    }
}

fn usage() -> String {
    #[cfg(feature = "server")]
    return format!("{USAGE}{}", serve_cli::USAGE);
    #[cfg(not(feature = "server"))]
    USAGE.to_owned()
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn run() -> Result<(), Failure> {
    let mut args = lexopt::Parser::from_env();
    match args.next().map_err(Failure::usage)? {
        Some(lexopt::Arg::Value(command)) if command == "triage" => triage_command(&mut args),
        Some(lexopt::Arg::Value(command)) if command == "import" => import_command(&mut args),
        #[cfg(feature = "server")]
        Some(lexopt::Arg::Value(command)) if command == "serve" => serve_cli::serve_command(&mut args),
        #[cfg(feature = "server")]
        Some(lexopt::Arg::Value(command)) if command == "users" => serve_cli::users_command(&mut args),
        Some(lexopt::Arg::Long("help")) | Some(lexopt::Arg::Short('h')) => {
            println!("{}", usage());
            Ok(())
        }
        Some(other) => Err(Failure::usage(format!("unknown command {:?}", other.unexpected()))),
        None => Err(Failure::usage("no command given")),
    }
}

fn triage_command(args: &mut lexopt::Parser) -> Result<(), Failure> {
    let mut input: Option<PathBuf> = None;
    let mut output: Option<PathBuf> = None;
    while let Some(arg) = args.next().map_err(Failure::usage)? {
        match arg {
            lexopt::Arg::Long("input") => input = Some(args.value().map_err(Failure::usage)?.into()),
            lexopt::Arg::Long("output") => output = Some(args.value().map_err(Failure::usage)?.into()),
            other => return Err(Failure::usage(other.unexpected())),
        }
    }
    let json = read_input(input.as_deref())?;
    let invalid = |e: InputError| Failure { code: 2, message: e.to_string() };
    let bundle = parse_bundle(&json).map_err(invalid)?;
    // The text is no longer needed: at 10,000 calls it is a fifth of the peak memory.
    drop(json);
    let decisions = triage(&bundle, &BundledZones).map_err(invalid)?;
    write_output(output.as_deref(), &decisions)
}

fn read_input(path: Option<&Path>) -> Result<String, Failure> {
    let mut text = String::new();
    let read = match path {
        Some(path) => std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text)),
        None => std::io::stdin().read_to_string(&mut text),
    };
    read.map_err(|e| {
        let name = path.map_or("standard input".to_owned(), |p| p.display().to_string());
        let code = if e.kind() == std::io::ErrorKind::InvalidData { 2 } else { 66 };
        Failure { code, message: format!("{name}: cannot read: {e}") }
    })?;
    Ok(text)
}

/// Writes to a temporary file beside the target and renames it, so a failed run never
/// leaves a half-written output where an old one was. A target that is not a plain file
/// (`/dev/null`, a pipe) is written in place: renaming over it would replace the device with a
/// file, for every program on the machine. A symbolic link is followed, not replaced.
/// The JSON is streamed to the file, never held whole in memory.
fn write_output(path: Option<&Path>, value: &impl Serialize) -> Result<(), Failure> {
    let cannot =
        |p: &Path, e: std::io::Error| Failure { code: 73, message: format!("{}: cannot write: {e}", p.display()) };
    let write_json = |out: &mut dyn Write| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(out);
        serde_json::to_writer(&mut out, value)?;
        out.write_all(b"\n")?;
        out.flush()
    };
    match path {
        None => write_json(&mut std::io::stdout().lock())
            .map_err(|e| Failure { code: 74, message: format!("standard output: {e}") }),
        Some(path) => {
            let existing = std::fs::canonicalize(path).ok();
            if let Some(target) = &existing {
                if std::fs::metadata(target).is_ok_and(|m| !m.is_file()) {
                    return std::fs::OpenOptions::new()
                        .write(true)
                        .open(target)
                        .and_then(|mut file| write_json(&mut file))
                        .map_err(|e| cannot(path, e));
                }
            }
            let path = existing.as_deref().unwrap_or(path);
            let tmp = path.with_extension("partial");
            let written = std::fs::File::create(&tmp).and_then(|mut file| write_json(&mut file));
            if let Err(e) = written {
                let _ = std::fs::remove_file(&tmp);
                return Err(cannot(&tmp, e));
            }
            std::fs::rename(&tmp, path).map_err(|e| cannot(path, e))
        }
    }
}

/// `import`: exports in, bundle out. Every file is read before anything is written.
fn import_command(args: &mut lexopt::Parser) -> Result<(), Failure> {
    use callback_clock::connectors::csv_import::to_bundle::{bundle_from_exports, ExportFiles, NamedFile};
    use callback_clock::engine::bundle::Instant;
    use callback_clock::engine::ZoneSource;

    let mut config: Option<PathBuf> = None;
    let mut calls: Vec<PathBuf> = Vec::new();
    let (mut contacts, mut deals, mut tickets): (Option<PathBuf>, Option<PathBuf>, Option<PathBuf>) =
        (None, None, None);
    let mut now: Option<String> = None;
    let mut call_columns = callback_clock::connectors::csv_import::ColumnMapping::default();
    while let Some(arg) = args.next().map_err(Failure::usage)? {
        let arg = match arg {
            lexopt::Arg::Long(name) => name.to_owned(),
            other => return Err(Failure::usage(other.unexpected())),
        };
        let mut value = || args.value().map_err(Failure::usage);
        match arg.as_str() {
            "config" => config = Some(value()?.into()),
            "calls" => calls.push(value()?.into()),
            "contacts" => contacts = Some(value()?.into()),
            "deals" => deals = Some(value()?.into()),
            "tickets" => tickets = Some(value()?.into()),
            "now" => now = Some(lexopt::ValueExt::string(value()?).map_err(Failure::usage)?),
            "map" => {
                let text = lexopt::ValueExt::string(value()?).map_err(Failure::usage)?;
                let (field, header) = text
                    .split_once('=')
                    .ok_or_else(|| Failure::usage(format!("--map {text:?} is not FIELD=HEADER")))?;
                call_columns.columns.insert(call_field(field)?, header.to_owned());
            }
            "mapping" => {
                let path: PathBuf = value()?.into();
                call_columns.columns.extend(read_call_mapping(&path)?.columns);
            }
            other => return Err(Failure::usage(format!("unexpected option --{other}"))),
        }
    }
    let config_path = config.ok_or_else(|| Failure::usage("import needs --config"))?;
    let contacts = contacts.ok_or_else(|| Failure::usage("import needs --contacts"))?;
    if calls.is_empty() {
        return Err(Failure::usage("import needs at least one --calls"));
    }
    let config = read_config(&config_path)?;
    let zone = BundledZones.zone(&config.timezone).ok_or_else(|| Failure {
        code: 2,
        message: format!("{}: timezone: unknown time zone {:?}", config_path.display(), config.timezone),
    })?;
    // The CLI may read the clock; the engine never does. `--now` makes a run reproducible.
    let now = match now {
        Some(text) => text
            .parse::<jiff::Timestamp>()
            .map_err(|_| Failure::usage(format!("--now {text:?} is not an RFC 3339 time")))?,
        None => jiff::Timestamp::now(),
    };
    let read = |path: &PathBuf| -> Result<(String, Vec<u8>), Failure> {
        std::fs::read(path)
            .map(|bytes| (path.display().to_string(), bytes))
            .map_err(|e| Failure { code: 66, message: format!("{}: cannot read: {e}", path.display()) })
    };
    let call_files = calls.iter().map(read).collect::<Result<Vec<_>, _>>()?;
    let contact_file = read(&contacts)?;
    let deal_file = deals.as_ref().map(read).transpose()?;
    let ticket_file = tickets.as_ref().map(read).transpose()?;
    fn named((name, bytes): &(String, Vec<u8>)) -> NamedFile<'_> {
        NamedFile { name: name.as_str(), bytes: bytes.as_slice() }
    }
    let files = ExportFiles {
        calls: call_files.iter().map(named).collect(),
        call_columns,
        contacts: Some(named(&contact_file)),
        deals: deal_file.as_ref().map(named),
        tickets: ticket_file.as_ref().map(named),
    };
    let (bundle, issues) = bundle_from_exports(config, Instant(now), &files, &zone)
        .map_err(|e| Failure { code: 2, message: e.to_string() })?;
    for issue in &issues {
        eprintln!("warning: {issue}");
    }
    write_output(None, &bundle)
}

/// A call field by the name the mapping uses (`to`, `started_at`, `caller_name`, …).
fn call_field(name: &str) -> Result<callback_clock::connectors::csv_import::CallField, Failure> {
    use callback_clock::connectors::csv_import::{CallField, Field};
    use callback_clock::engine::serde_name::{from_serde_name, serde_name};
    from_serde_name(name.trim()).ok_or_else(|| {
        let names: Vec<&str> = CallField::ALL.iter().map(serde_name).collect();
        Failure::usage(format!("--map: unknown field {name:?}; fields are {}", names.join(", ")))
    })
}

/// A saved mapping: `{"columns": {"to": "Line"}}` as the app stores it, or just `{"to": "Line"}`.
fn read_call_mapping(
    path: &Path,
) -> Result<
    callback_clock::connectors::csv_import::ColumnMapping<callback_clock::connectors::csv_import::CallField>,
    Failure,
> {
    use callback_clock::connectors::csv_import::{CallField, ColumnMapping};
    let text = read_input(Some(path))?;
    let bad =
        |e: serde_json::Error| Failure { code: 2, message: format!("{}: not a column mapping ({e})", path.display()) };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(bad)?;
    match value.get("columns") {
        Some(_) => serde_json::from_value::<ColumnMapping<CallField>>(value).map_err(bad),
        None => serde_json::from_value(value).map(|columns| ColumnMapping { columns }).map_err(bad),
    }
}

/// The business's config: a file holding the config object, or a whole bundle (its `config` is used).
fn read_config(path: &Path) -> Result<callback_clock::engine::bundle::Config, Failure> {
    let text = read_input(Some(path))?;
    let bad = |message: String| Failure { code: 2, message: format!("{}: {message}", path.display()) };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| bad(format!("malformed JSON ({e})")))?;
    let (prefix, value) = match value.get("config") {
        Some(inner) => ("config.", inner.clone()),
        None => ("", value),
    };
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { "$".to_owned() } else { format!("{prefix}{path}") };
        bad(format!("{path}: {}", e.inner()))
    })
}
