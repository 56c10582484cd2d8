//! `callback-clock serve` and `callback-clock users` as an admin runs them: `--check` answers
//! in one line, people are added with the password on stdin, and SIGTERM stops the server
//! cleanly.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_callback-clock");
const SESSION_KEY: &str = "cli-test-session-key-0123456789abcdef0123";

struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("cc-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("dist")).unwrap();
        std::fs::write(dir.join("dist/index.html"), "<!doctype html><title>app</title>").unwrap();
        Folder(dir)
    }

    fn config(&self, text: &str) -> PathBuf {
        let path = self.0.join("callback-clock.toml");
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str], config: &Path, stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(BINARY)
        .args(args)
        .arg("--config")
        .arg(config)
        .env("CALLBACK_CLOCK_SESSION_KEY", SESSION_KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

#[test]
fn check_names_the_bad_key_in_one_line() {
    let folder = Folder::new("check");
    let config = folder.config("public_url = \"http://crm.example.com\"\nusers = \"users.json\"\n");
    let (code, _, stderr) = run(&["serve", "--check"], &config, "");
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("public_url: "), "{stderr}");
}

#[test]
fn a_user_is_added_with_the_password_from_stdin_and_listed() {
    let folder = Folder::new("users");
    let config = folder.config("public_url = \"https://clock.example.com\"\nusers = \"users.json\"\n");
    let (code, _, stderr) =
        run(&["users", "add", "--email", "Ana@example.com", "--role", "admin"], &config, "a long password\n");
    assert_eq!(code, 0, "{stderr}");
    let (_, listed, _) = run(&["users", "list"], &config, "");
    assert!(listed.starts_with("ana@example.com\t") && listed.contains("\tadmin\t"), "{listed}");
    let stored = std::fs::read_to_string(folder.0.join("users.json")).unwrap();
    assert!(!stored.contains("a long password"));
    let (code, _, _) = run(&["serve", "--check"], &config, "");
    assert_eq!(code, 0);
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    let folder = Folder::new("sigterm");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = folder.config(&format!(
        "listen = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\nusers = \"users.json\"\n"
    ));
    let mut server = Command::new(BINARY)
        .args(["serve", "--config"])
        .arg(&config)
        .env("CALLBACK_CLOCK_SESSION_KEY", SESSION_KEY)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "the server never listened");
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = server.wait().unwrap();
    assert!(status.success(), "a SIGTERM is a normal stop: {status:?}");
}
