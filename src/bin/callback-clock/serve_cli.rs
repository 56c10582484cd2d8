//! `callback-clock serve` and `callback-clock users` (feature `server`): the CLI side of
//! `callback_clock::server`. Errors are one line naming the config key or the option.

use std::io::BufRead;
use std::path::PathBuf;

use callback_clock::server::config::{ServeConfig, DEFAULT_FILE};
use callback_clock::server::secrets::ServerSecrets;
use callback_clock::server::users::{Role, UserDirectory, UserStore};
use callback_clock::server::{shutdown_signal, stderr_log, Server};

use super::Failure;

pub const USAGE: &str = "
       callback-clock serve [--config callback-clock.toml] [--check]
       callback-clock users add --email EMAIL --name NAME --role admin|intake|rep|manager [--owner-id ID] [--config FILE]  (password on stdin)
       callback-clock users remove --email EMAIL [--config FILE]
       callback-clock users list [--config FILE]";

fn invalid(message: impl std::fmt::Display) -> Failure {
    Failure { code: 2, message: message.to_string() }
}

/// `serve`: checks everything, then serves until SIGTERM or Ctrl-C. `--check` stops after the checks.
pub fn serve_command(args: &mut lexopt::Parser) -> Result<(), Failure> {
    let mut config_path = PathBuf::from(DEFAULT_FILE);
    let mut check_only = false;
    while let Some(arg) = args.next().map_err(Failure::usage)? {
        match arg {
            lexopt::Arg::Long("config") => config_path = args.value().map_err(Failure::usage)?.into(),
            lexopt::Arg::Long("check") => check_only = true,
            other => return Err(Failure::usage(other.unexpected())),
        }
    }
    let config = ServeConfig::load(&config_path).map_err(invalid)?;
    let secrets =
        ServerSecrets::load(config.secrets_file.as_deref(), |name| std::env::var(name).ok()).map_err(invalid)?;
    if config.twilio.is_some() && secrets.twilio_authorization.is_none() {
        return Err(invalid("twilio: configured, but CALLBACK_CLOCK_TWILIO_KEY_SID and _KEY_SECRET are not set"));
    }
    if config.hubspot.is_some() && secrets.hubspot_authorization.is_none() {
        return Err(invalid("hubspot: configured, but CALLBACK_CLOCK_HUBSPOT_TOKEN is not set"));
    }
    let users = UserDirectory::new(&config.users_file).users().map_err(invalid)?;
    if users.is_empty() && config.sign_in.trusted_user_header.is_none() {
        eprintln!(
            "warning: users: {} lists nobody; add someone with `callback-clock users add`",
            config.users_file.display()
        );
    }
    if check_only {
        println!(
            "{}: ok (listen {}, public {}, {} users, twilio {}, hubspot {})",
            config_path.display(),
            config.listen,
            config.public_origin,
            users.len(),
            if config.twilio.is_some() { "on" } else { "off" },
            if config.hubspot.is_some() { "on" } else { "off" },
        );
        return Ok(());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure { code: 71, message: format!("cannot start: {e}") })?;
    runtime.block_on(async {
        let public = config.public_origin.clone();
        let stop = shutdown_signal();
        let server = Server::bind(config, secrets, stderr_log()).await.map_err(invalid)?;
        let address = server.local_addr().map(|a| a.to_string()).unwrap_or_default();
        eprintln!("serving on {address} for {public} (SIGTERM or Ctrl-C stops)");
        server.run(stop).await.map_err(|e| Failure { code: 71, message: format!("server: {e}") })?;
        eprintln!("stopped");
        Ok(())
    })
}

/// `users add|remove|list`: edits the user store the config names.
pub fn users_command(args: &mut lexopt::Parser) -> Result<(), Failure> {
    let action = match args.next().map_err(Failure::usage)? {
        Some(lexopt::Arg::Value(action)) => action.to_string_lossy().into_owned(),
        _ => return Err(Failure::usage("users needs add, remove or list")),
    };
    let mut config_path = PathBuf::from(DEFAULT_FILE);
    let (mut email, mut name, mut role, mut owner_id) = (None, None, None, None);
    while let Some(arg) = args.next().map_err(Failure::usage)? {
        let option = match arg {
            lexopt::Arg::Long(option) => option.to_owned(),
            other => return Err(Failure::usage(other.unexpected())),
        };
        let value = lexopt::ValueExt::string(args.value().map_err(Failure::usage)?).map_err(Failure::usage)?;
        match option.as_str() {
            "config" => config_path = value.into(),
            "email" => email = Some(value),
            "name" => name = Some(value),
            "role" => role = Some(value),
            "owner-id" => owner_id = Some(value),
            other => return Err(Failure::usage(format!("unexpected option --{other}"))),
        }
    }
    let store = UserStore::at(&ServeConfig::users_file_in(&config_path).map_err(invalid)?);
    match action.as_str() {
        "list" => {
            for user in store.list().map_err(invalid)? {
                let owner = user.owner_id.as_deref().unwrap_or("-");
                println!("{}\t{}\t{}\towner {owner}", user.email, user.name, user.role.as_str());
            }
            Ok(())
        }
        "remove" => {
            let email = email.ok_or_else(|| Failure::usage("users remove needs --email"))?;
            store.remove(&email).map_err(invalid)?;
            eprintln!("removed {email}; their sessions end at their next request");
            Ok(())
        }
        "add" => {
            let email = email.ok_or_else(|| Failure::usage("users add needs --email"))?;
            let role_text = role.ok_or_else(|| Failure::usage("users add needs --role"))?;
            let role = Role::parse(&role_text)
                .ok_or_else(|| invalid(format!("--role: {role_text:?} is not one of admin, intake, rep, manager")))?;
            let name = name.unwrap_or_else(|| email.clone());
            // The password comes on stdin, never as an argument, which other users could see in `ps`.
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .map_err(|e| Failure { code: 66, message: format!("standard input: {e}") })?;
            let password = password.trim_end_matches(['\r', '\n']);
            let user = store.add(&email, &name, role, owner_id.as_deref(), password).map_err(invalid)?;
            eprintln!("added {} as {}", user.email, user.role.as_str());
            Ok(())
        }
        other => Err(Failure::usage(format!("users {other:?}: expected add, remove or list"))),
    }
}
