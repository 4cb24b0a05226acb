//! The ledger key from the command line: where this run finds it (the OS keychain, or
//! `--passphrase-file` / `DAICHO_PASSPHRASE` for scripts), the recovery key, a new passphrase.

use std::path::{Path, PathBuf};

use daicho_core::crypto::{keychain, Secret};
use daicho_core::error::Coded;
use daicho_core::i18n::{self, Lang};
use daicho_core::{ErrorReport, Ledger};
use zeroize::Zeroizing;

#[derive(clap::Subcommand)]
pub enum KeyCommand {
    /// Print the ledger's recovery key (it opens the ledger on any computer). A ledger with a
    /// passphrase needs it (--passphrase-file or DAICHO_PASSPHRASE).
    Show { file: PathBuf },
    /// Print the ledger's signing fingerprint (handover files it writes are signed with it) and
    /// its public key (age1…), to which a colleague writes a handover file for this ledger.
    Identity { file: PathBuf },
    /// Re-encrypt the ledger and its backups under a new passphrase read from FILE; prints the
    /// new recovery key (the old one no longer opens it).
    Passphrase {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: PathBuf,
    },
}

/// This run's secrets, read once at start.
pub struct Secrets {
    passphrase: Option<Zeroizing<String>>,
}

impl Secrets {
    pub fn passphrase(&self) -> Option<Secret> {
        self.passphrase
            .as_ref()
            .map(|p| Secret::Passphrase(p.clone()))
    }
}

/// Chooses the keychain (`DAICHO_KEYCHAIN=none`: none) and offers the passphrase or recovery
/// key given to this run for every locked ledger it opens.
pub fn setup(
    passphrase_file: Option<&Path>,
    recovery_key_file: Option<&Path>,
) -> Result<Secrets, ErrorReport> {
    keychain::use_from_environment();
    let passphrase = match passphrase_file {
        Some(path) => Some(read_secret(path)?),
        None => std::env::var("DAICHO_PASSPHRASE").ok().map(Zeroizing::new),
    };
    if let Some(p) = &passphrase {
        keychain::offer(Secret::Passphrase(p.clone()));
    }
    let recovery = match recovery_key_file {
        Some(path) => Some(read_secret(path)?),
        None => std::env::var("DAICHO_RECOVERY_KEY")
            .ok()
            .map(Zeroizing::new),
    };
    if let Some(r) = recovery {
        keychain::offer(Secret::RecoveryKey(r));
    }
    Ok(Secrets { passphrase })
}

/// The first line of a file, as a passphrase is kept in one: read no further than 4 KiB, so a
/// wrong path (a device, a huge file) costs nothing.
pub fn read_secret(path: &Path) -> Result<Zeroizing<String>, ErrorReport> {
    use std::io::Read;
    let io = |source: std::io::Error| {
        daicho_core::error::LedgerError::Io {
            path: path.to_owned(),
            source,
        }
        .report()
    };
    let mut bytes = Zeroizing::new(Vec::new());
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut bytes))
        .map_err(io)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(Zeroizing::new(
        text.lines().next().unwrap_or_default().to_owned(),
    ))
}

/// Says the recovery key of a ledger just made, once, on stderr (not mixed with what a script
/// reads on stdout).
pub fn announce_recovery_key(ledger: &Ledger, secrets: &Secrets, lang: Lang) {
    let secret = secrets.passphrase();
    if let Ok(key) = ledger.recovery_key(secret.as_ref()) {
        let params = [("key".to_owned(), key.to_string())].into_iter().collect();
        eprintln!("{}", i18n::message(lang, "cli.recovery_key", &params));
    }
}

pub fn run(command: KeyCommand, secrets: &Secrets, lang: Lang) -> Result<(), ErrorReport> {
    let secret = secrets.passphrase();
    match command {
        KeyCommand::Show { file } => {
            let ledger = Ledger::open(&file).map_err(|e| e.report())?;
            let key = ledger
                .recovery_key(secret.as_ref())
                .map_err(|e| e.report())?;
            out!("{}", key.as_str());
        }
        KeyCommand::Identity { file } => {
            let ledger = Ledger::open(&file).map_err(|e| e.report())?;
            let info = ledger.identity_info().map_err(|e| e.report())?;
            out!("fingerprint  {}", info.fingerprint);
            out!("public key   {}", info.recipient);
        }
        KeyCommand::Passphrase {
            file,
            new_passphrase_file,
        } => {
            let new = read_secret(&new_passphrase_file)?;
            let mut ledger = crate::open_ledger(&file).map_err(|e| e.report())?;
            let key = ledger
                .change_passphrase(secret.as_ref(), &new)
                .map_err(|e| e.report())?;
            let params = [("key".to_owned(), key.to_string())].into_iter().collect();
            eprintln!("{}", i18n::message(lang, "cli.passphrase_changed", &params));
            out!("{}", key.as_str());
        }
    }
    Ok(())
}
