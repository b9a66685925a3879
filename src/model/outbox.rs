//! The outbox's records: what a user did that a backend must hear about,
//! with the idempotency key that makes pushing it twice harmless.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};

use jiff::Timestamp;

/// A random (version 4) UUID, e.g. `1b4e28ba-2fa1-41d2-883f-0016d3cca427`:
/// a backend that sees the same key twice applies the action once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A fresh key from the system's random source.
    pub fn random() -> io::Result<IdempotencyKey> {
        let mut bytes = [0u8; 16];
        File::open("/dev/urandom")?.read_exact(&mut bytes)?;
        Ok(IdempotencyKey::from_bytes(bytes))
    }

    /// The version-4 UUID of these 16 bytes (the version and variant bits
    /// are set over them).
    pub fn from_bytes(mut bytes: [u8; 16]) -> IdempotencyKey {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        IdempotencyKey(format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        ))
    }

    /// A key as stored.
    pub fn from_stored(text: String) -> IdempotencyKey {
        IdempotencyKey(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an outbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    /// No backend is configured for the record: the change stays local.
    Local,
    /// Waiting to be pushed.
    Pending,
    /// The backend refused it for good; kept with its message.
    Failed,
    /// The backend has it.
    Done,
    /// A person gave up pushing it; the local change stays.
    Discarded,
}

impl OutboxState {
    pub const ALL: [OutboxState; 5] = [
        OutboxState::Local,
        OutboxState::Pending,
        OutboxState::Failed,
        OutboxState::Done,
        OutboxState::Discarded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Local => "local",
            OutboxState::Pending => "pending",
            OutboxState::Failed => "failed",
            OutboxState::Done => "done",
            OutboxState::Discarded => "discarded",
        }
    }

    /// What the state means, for a person: "kept locally: no backend is
    /// connected".
    pub fn meaning(self) -> &'static str {
        match self {
            OutboxState::Local => "kept locally: no backend is connected",
            OutboxState::Pending => "waiting to be pushed",
            OutboxState::Failed => "refused by the backend",
            OutboxState::Done => "pushed",
            OutboxState::Discarded => "not to be pushed: discarded",
        }
    }

    pub fn parse(text: &str) -> Option<OutboxState> {
        OutboxState::ALL.into_iter().find(|state| state.as_str() == text)
    }
}

/// One action in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub key: IdempotencyKey,
    /// What the action is about: `account`, `ticket`, ….
    pub record_kind: &'static str,
    pub record_id: i64,
    /// What was done: `note`, ….
    pub action: &'static str,
    /// The action's content as JSON, as the pusher sends it.
    pub payload: String,
    pub state: OutboxState,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    /// The batch it was taken in, undone together.
    pub batch: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_version_4_uuids() {
        let key = IdempotencyKey::from_bytes([0xff; 16]);
        assert_eq!(key.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let key = IdempotencyKey::from_bytes([0; 16]);
        assert_eq!(key.as_str(), "00000000-0000-4000-8000-000000000000");
        let random = IdempotencyKey::random().expect("the random source");
        assert_eq!(random.as_str().len(), 36);
        assert_eq!(&random.as_str()[14..15], "4");
        assert_ne!(random, IdempotencyKey::random().expect("the random source"), "two keys differ");
    }

    #[test]
    fn states_read_back() {
        for state in OutboxState::ALL {
            assert_eq!(OutboxState::parse(state.as_str()), Some(state));
        }
        assert_eq!(OutboxState::parse("sent"), None);
    }
}
