//! The native CLI: batch triage of bundles (and, with the connectors, of CSV exports).
//!
//! `callback-clock triage [--input FILE] [--output FILE]` reads a bundle (stdin without
//! `--input`) and writes the decisions (stdout without `--output`). Bad input exits 2 with
//! one line naming the JSON path of the first bad field and writes nothing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use callback_clock::engine::triage_json;
use callback_clock::engine::zones::BundledZones;

const USAGE: &str = "usage: callback-clock triage [--input FILE] [--output FILE]";

/// A failure the user must act on: exit code and one line for stderr.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn usage(message: impl std::fmt::Display) -> Failure {
        Failure { code: 64, message: format!("{message}\n{USAGE}") }
    }
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
        Some(lexopt::Arg::Long("help")) | Some(lexopt::Arg::Short('h')) => {
            println!("{USAGE}");
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
    let result = triage_json(&json, &BundledZones).map_err(|e| Failure { code: 2, message: e.to_string() })?;
    write_output(output.as_deref(), &result)
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
/// leaves a half-written output where an old one was.
fn write_output(path: Option<&Path>, json: &str) -> Result<(), Failure> {
    let cannot =
        |p: &Path, e: std::io::Error| Failure { code: 73, message: format!("{}: cannot write: {e}", p.display()) };
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(json.as_bytes())
                .and_then(|_| out.write_all(b"\n"))
                .and_then(|_| out.flush())
                .map_err(|e| Failure { code: 74, message: format!("standard output: {e}") })
        }
        Some(path) => {
            let tmp = path.with_extension("partial");
            std::fs::write(&tmp, format!("{json}\n")).map_err(|e| cannot(&tmp, e))?;
            std::fs::rename(&tmp, path).map_err(|e| cannot(path, e))
        }
    }
}
