//! The team: who may sign in, with which role. The server's only state, kept in one JSON file.
//!
//! `callback-clock users add|remove|list` edits the file (written whole to a temporary file and
//! renamed, mode 600, so a reader never sees half of it); the server re-reads it when it changes,
//! so removing someone revokes their sessions on every instance that reads the same file.
//! Passwords are stored only as Argon2id hashes (PHC strings with their own salt).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

/// Shorter passwords are refused at `users add`.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// What a person does, and so what the proxy forwards for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Settings and connections, and everything else.
    Admin,
    /// Works the review queue: reads, writes tasks and notes, sends texts.
    Intake,
    /// Works their own callbacks from the sidebar: the same reads and writes as intake.
    Rep,
    /// Reads reports: reads only.
    Manager,
}

/// What a forwarded request does, from the business's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    /// Work on calls: tasks, notes, texts.
    Work,
    /// Changes the connected accounts themselves (e.g. creates a CRM property).
    Configure,
}

impl Role {
    pub fn may(self, access: Access) -> bool {
        match self {
            Role::Admin => true,
            Role::Intake | Role::Rep => access != Access::Configure,
            Role::Manager => access == Access::Read,
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text.to_ascii_lowercase().as_str() {
            "admin" => Some(Role::Admin),
            "intake" => Some(Role::Intake),
            "rep" => Some(Role::Rep),
            "manager" => Some(Role::Manager),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Intake => "intake",
            Role::Rep => "rep",
            Role::Manager => "manager",
        }
    }
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub email: String,
    pub name: String,
    /// The owner id the business's config routes callbacks to (a HubSpot owner id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    pub role: Role,
    /// Argon2id PHC string; empty for someone who signs in only through the front proxy.
    pub password_hash: String,
    /// Random per `users add`: sessions name it, so re-adding someone ends their old sessions.
    pub stamp: String,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User").field("email", &self.email).field("role", &self.role).finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UserError {
    #[error("{file}: cannot read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}: not a user store ({reason})")]
    Malformed { file: String, reason: String },
    #[error("{file}: cannot write: {reason}")]
    Unwritable { file: String, reason: String },
    #[error("email: {0:?} is not an email address")]
    BadEmail(String),
    #[error("role: {0:?} is not one of admin, intake, rep, manager")]
    BadRole(String),
    #[error("password: shorter than {MIN_PASSWORD_CHARS} characters")]
    ShortPassword,
    #[error("no user {0:?}")]
    NoSuchUser(String),
    #[error("could not hash the password: {0}")]
    Hashing(String),
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StoreFile {
    users: Vec<User>,
}

/// The user store file, for the `users` commands.
pub struct UserStore {
    path: PathBuf,
}

impl UserStore {
    pub fn at(path: &Path) -> UserStore {
        UserStore { path: path.to_owned() }
    }

    /// Everyone, in the order they were added. A store not created yet is empty.
    pub fn list(&self) -> Result<Vec<User>, UserError> {
        read_users(&self.path)
    }

    /// Adds someone, or replaces the entry with the same email (a new password, a new role);
    /// either way their earlier sessions end.
    pub fn add(
        &self,
        email: &str,
        name: &str,
        role: Role,
        owner_id: Option<&str>,
        password: &str,
    ) -> Result<User, UserError> {
        let email = normalized_email(email)?;
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(UserError::ShortPassword);
        }
        let user = User {
            email: email.clone(),
            name: name.trim().to_owned(),
            owner_id: owner_id.map(str::to_owned).filter(|o| !o.is_empty()),
            role,
            password_hash: hash_password(password)?,
            stamp: random_hex(16),
        };
        let mut users = self.list()?;
        match users.iter_mut().find(|u| u.email == email) {
            Some(existing) => *existing = user.clone(),
            None => users.push(user.clone()),
        }
        self.write(users)?;
        Ok(user)
    }

    pub fn remove(&self, email: &str) -> Result<(), UserError> {
        let email = normalized_email(email)?;
        let mut users = self.list()?;
        let before = users.len();
        users.retain(|u| u.email != email);
        if users.len() == before {
            return Err(UserError::NoSuchUser(email));
        }
        self.write(users)
    }

    fn write(&self, users: Vec<User>) -> Result<(), UserError> {
        let file = self.path.display().to_string();
        let unwritable = |e: std::io::Error| UserError::Unwritable { file: file.clone(), reason: e.to_string() };
        let text = serde_json::to_string_pretty(&StoreFile { users })
            .map_err(|e| UserError::Unwritable { file: file.clone(), reason: e.to_string() })?;
        let tmp = self.path.with_extension("partial");
        {
            use std::io::Write;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut out = options.open(&tmp).map_err(unwritable)?;
            out.write_all(text.as_bytes()).and_then(|_| out.sync_all()).map_err(unwritable)?;
        }
        std::fs::rename(&tmp, &self.path).map_err(unwritable)
    }
}

fn read_users(path: &Path) -> Result<Vec<User>, UserError> {
    let file = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(UserError::Unreadable { file, reason: e.to_string() }),
    };
    let store: StoreFile =
        serde_json::from_str(&text).map_err(|e| UserError::Malformed { file, reason: e.to_string() })?;
    Ok(store.users)
}

fn normalized_email(email: &str) -> Result<String, UserError> {
    let email = email.trim().to_ascii_lowercase();
    let valid = email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(email)
    } else {
        Err(UserError::BadEmail(email))
    }
}

pub fn hash_password(password: &str) -> Result<String, UserError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| UserError::Hashing(e.to_string()))
}

/// Argon2 is deliberately slow (tens of milliseconds): call it off the async threads.
pub fn password_matches(user: &User, password: &str) -> bool {
    PasswordHash::new(&user.password_hash)
        .is_ok_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    // The OS's generator failing is a broken machine, not a bad input.
    getrandom::fill(&mut buffer).expect("the operating system's random number generator");
    buffer.iter().map(|b| format!("{b:02x}")).collect()
}

/// The user store as the server reads it: cached, re-read whenever the file changes.
pub struct UserDirectory {
    path: PathBuf,
    cached: Mutex<Cached>,
}

/// The users as last read, and the file's modification time and length then.
struct Cached {
    version: Option<(SystemTime, u64)>,
    users: Arc<Vec<User>>,
}

impl UserDirectory {
    pub fn new(path: &Path) -> UserDirectory {
        UserDirectory {
            path: path.to_owned(),
            cached: Mutex::new(Cached { version: None, users: Arc::new(Vec::new()) }),
        }
    }

    /// Everyone as the file says now. An unreadable file is an error, not an empty team, so a
    /// broken store never looks like "nobody may sign in" without saying why.
    pub fn users(&self) -> Result<Arc<Vec<User>>, UserError> {
        let version =
            std::fs::metadata(&self.path).ok().map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
        let mut cached = self.cached.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if cached.version.is_none() || cached.version != version {
            *cached = Cached { version, users: Arc::new(read_users(&self.path)?) };
        }
        Ok(cached.users.clone())
    }

    pub fn by_email(&self, email: &str) -> Result<Option<User>, UserError> {
        let email = email.trim().to_ascii_lowercase();
        Ok(self.users()?.iter().find(|u| u.email == email).cloned())
    }

    pub fn by_stamp(&self, stamp: &str) -> Result<Option<User>, UserError> {
        Ok(self.users()?.iter().find(|u| u.stamp == stamp).cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_gate_access() {
        assert!(Role::Admin.may(Access::Configure));
        assert!(Role::Rep.may(Access::Work) && !Role::Rep.may(Access::Configure));
        assert!(Role::Intake.may(Access::Work) && !Role::Intake.may(Access::Configure));
        assert!(Role::Manager.may(Access::Read) && !Role::Manager.may(Access::Work));
    }

    #[test]
    fn a_user_is_stored_with_a_hash_and_removed_for_good() {
        let path = std::env::temp_dir().join(format!("cc-users-{}.json", std::process::id()));
        let store = UserStore::at(&path);
        let added = store.add("Ana@Example.com", "Ana", Role::Rep, Some("77"), "correct horse battery").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("correct horse battery"));
        assert!(added.password_hash.starts_with("$argon2id$"));
        assert!(password_matches(&added, "correct horse battery") && !password_matches(&added, "wrong password!"));
        assert_eq!(store.list().unwrap()[0].email, "ana@example.com");
        store.remove("ana@example.com").unwrap();
        assert!(store.list().unwrap().is_empty());
        assert_eq!(store.remove("ana@example.com").unwrap_err(), UserError::NoSuchUser("ana@example.com".into()));
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn short_passwords_and_odd_emails_are_refused() {
        let store = UserStore::at(Path::new("/nonexistent/users.json"));
        assert_eq!(store.add("a@b.co", "A", Role::Rep, None, "short").unwrap_err(), UserError::ShortPassword);
        assert!(matches!(
            store.add("nobody", "A", Role::Rep, None, "long enough password"),
            Err(UserError::BadEmail(_))
        ));
    }
}
