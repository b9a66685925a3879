//! Pulling a source: each stream in order, page after page from its stored
//! cursor, each page written with the cursor after it in one transaction —
//! so a sync killed at any moment resumes at the first page not written, and
//! a page that cannot be read or decoded stops the stream with nothing of
//! it written and the cursor where it was.

use jiff::Timestamp;

use super::backoff::RandomDraws;
use crate::connectors::{Pull, PullError};
use crate::store::{Origin, PageWritten, Store, StoreError};

/// The page cache a sync's connection gets, in MiB (see
/// `Store::set_page_cache_mib`).
pub const SYNC_PAGE_CACHE_MIB: u32 = 32;

/// How far a sync got, stream by stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub streams: Vec<StreamReport>,
}

impl SyncReport {
    pub fn records(&self) -> u64 {
        self.streams.iter().map(|stream| stream.records).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamReport {
    pub stream: &'static str,
    pub pages: usize,
    pub records: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error("{source_name}: writing a page: {error}")]
    Store { source_name: String, error: StoreError },
}

/// Syncs every stream of `source`; `full` reads everything again from the
/// start. `progress` hears of every page written: the stream and what the
/// page held.
pub async fn sync_source<P: Pull>(
    store: &Store,
    source: &P,
    full: bool,
    draws: &mut RandomDraws,
    mut progress: impl FnMut(&'static str, PageWritten),
) -> Result<SyncReport, SyncError> {
    let name = source.source_name().to_owned();
    let store_error = |error: StoreError| SyncError::Store { source_name: name.clone(), error };
    if full {
        store.reset_sync_cursors(&name).map_err(store_error)?;
    }
    let origin = Origin { kind: source.kind(), name: &name };
    let mut report = SyncReport::default();
    for &stream in source.streams() {
        let mut cursor = store.sync_cursor(&name, stream.name).map_err(store_error)?;
        let mut done = StreamReport { stream: stream.name, pages: 0, records: 0 };
        loop {
            let page = source.pull(stream, cursor.as_deref(), done.pages + 1, draws).await?;
            let written =
                store.write_page(origin, stream.name, &page, Timestamp::now()).map_err(store_error)?;
            done.pages += 1;
            done.records += written.total() as u64;
            progress(stream.name, written);
            let next = page.next.filter(|next| Some(next) != cursor.as_ref());
            match next {
                Some(next) if !page.end_of_stream => cursor = Some(next),
                // The end, or a cursor that did not move: nothing more now.
                _ => break,
            }
        }
        if !stream.incremental {
            // A listing read to its end starts over next time.
            store.reset_sync_cursor(&name, stream.name).map_err(store_error)?;
        }
        report.streams.push(done);
    }
    Ok(report)
}
