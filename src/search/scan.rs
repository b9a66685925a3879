//! `Search`: one query scanned over a [`SearchIndex`] a step at a time,
//! keeping only the best `limit` hits of each kind.
//!
//! The ranking is a total order — score, then the shorter text, then the
//! record id, then the position in the index — so the hits do not depend on
//! how the scan was cut into steps. Matched-character indices are computed
//! only for the hits asked for, never during the scan.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_segmentation::UnicodeSegmentation;

use super::index::ascii_mask;
use super::{Hit, SearchIndex, SearchKind};

/// How far a search has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchProgress {
    /// Candidates looked at so far.
    pub scanned: usize,
    /// Candidates this search looks at: the whole index, or the matches of
    /// the search it refines.
    pub total: usize,
    /// Candidates that matched so far.
    pub matches: usize,
}

/// One query over an index.
pub struct Search {
    index: Arc<SearchIndex>,
    query: String,
    pattern: Pattern,
    matcher: Matcher,
    /// The haystack of the candidate being matched, when it is not ASCII.
    buffer: Vec<char>,
    /// The bits every matching candidate's mask holds.
    required_mask: u64,
    /// The positions to scan when this search refines another; `None` for
    /// the whole index.
    positions: Option<Arc<[u32]>>,
    scanned: usize,
    /// Every matching position, in scan order, for a later refinement.
    matched: Vec<u32>,
    limit: usize,
    best: [BinaryHeap<Ranked>; 4],
}

/// A hit while scanning, ordered so that the heap's top is the worst kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ranked {
    score: Reverse<u32>,
    length: u32,
    record: i64,
    position: u32,
}

impl Search {
    /// A search for `query` keeping the best `limit` hits of each kind. An
    /// empty query (or one of only operators) matches nothing.
    pub fn new(index: Arc<SearchIndex>, query: &str, limit: usize) -> Search {
        Search::over(index, query, limit, None)
    }

    fn over(index: Arc<SearchIndex>, query: &str, limit: usize, positions: Option<Arc<[u32]>>) -> Search {
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        let required_mask = pattern
            .atoms
            .iter()
            .filter(|atom| !atom.negative)
            .map(|atom| match atom.needle_text() {
                Utf32Str::Ascii(bytes) => ascii_mask(bytes.iter().copied()),
                // Only the ASCII characters have bits: the others are never
                // required by the mask.
                Utf32Str::Unicode(chars) => {
                    ascii_mask(chars.iter().filter(|char| char.is_ascii()).map(|char| *char as u8))
                }
            })
            .fold(0, |mask, atom_mask| mask | atom_mask);
        Search {
            index,
            query: query.to_owned(),
            pattern,
            matcher: Matcher::new(Config::DEFAULT),
            buffer: Vec::new(),
            required_mask,
            positions,
            scanned: 0,
            matched: Vec::new(),
            limit,
            best: Default::default(),
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Scans the next `candidates` candidates; true when the search is done.
    pub fn step(&mut self, candidates: usize) -> bool {
        let total = self.total();
        if self.pattern.atoms.is_empty() {
            self.scanned = total;
            return true;
        }
        let end = self.scanned.saturating_add(candidates).min(total);
        for scan_position in self.scanned..end {
            let position = match &self.positions {
                Some(positions) => positions[scan_position] as usize,
                None => scan_position,
            };
            self.consider(position);
        }
        self.scanned = end;
        self.is_done()
    }

    fn consider(&mut self, position: usize) {
        let index = &self.index;
        if index.mask(position) & self.required_mask != self.required_mask {
            return;
        }
        let haystack = index.haystack(position, &mut self.buffer);
        let Some(score) = self.pattern.score(haystack, &mut self.matcher) else {
            return;
        };
        let position = position as u32;
        self.matched.push(position);
        let ranked = Ranked {
            score: Reverse(score),
            length: haystack.len() as u32,
            record: index.record(position as usize),
            position,
        };
        let best = &mut self.best[index.kind(position as usize) as usize];
        if best.len() < self.limit {
            best.push(ranked);
        } else if best.peek().is_some_and(|worst| ranked < *worst) {
            best.pop();
            best.push(ranked);
        }
    }

    pub fn is_done(&self) -> bool {
        self.scanned >= self.total()
    }

    pub fn progress(&self) -> SearchProgress {
        SearchProgress { scanned: self.scanned, total: self.total(), matches: self.matched.len() }
    }

    fn total(&self) -> usize {
        self.positions.as_ref().map_or(self.index.len(), |positions| positions.len())
    }

    /// The best hits found so far, grouped by kind in display order, each
    /// group best first.
    pub fn hits(&self) -> Vec<Hit> {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let mut hits = Vec::new();
        for kind in SearchKind::ALL {
            let mut ranked: Vec<Ranked> = self.best[kind as usize].iter().copied().collect();
            ranked.sort_unstable();
            hits.extend(ranked.into_iter().map(|ranked| self.hit(ranked, &mut matcher, &mut buffer)));
        }
        hits
    }

    fn hit(&self, ranked: Ranked, matcher: &mut Matcher, buffer: &mut Vec<char>) -> Hit {
        let position = ranked.position as usize;
        let candidate = self.index.get(position);
        let mut indices = Vec::new();
        self.pattern.indices(self.index.haystack(position, buffer), matcher, &mut indices);
        indices.sort_unstable();
        indices.dedup();
        if !candidate.text.is_ascii() {
            indices = char_indices_of_graphemes(candidate.text, &indices);
        }
        Hit {
            kind: candidate.kind,
            record: candidate.record,
            account: candidate.account,
            text: candidate.text.to_owned(),
            score: ranked.score.0,
            indices,
        }
    }

    /// A search for `query` over only this search's matches, when that is
    /// sure to find the same hits as a search over the whole index: this
    /// search is done and `query` only adds characters at its end, so every
    /// candidate matching `query` matches this one too. `None` otherwise.
    ///
    /// Why that holds under nucleo's pattern syntax: atoms are the words
    /// between spaces and each must match. Added words only add conditions.
    /// Characters added to the last word keep its atom's needle as a prefix
    /// and its kind as strict or stricter (fuzzy may become suffix, prefix
    /// and substring may become exact), so a match of the longer atom also
    /// matches the shorter. Smart case and smart normalisation only get
    /// stricter as characters are added. What breaks it is excluded: a
    /// backslash (an escape can change the meaning of what came before), a
    /// `!` (a longer negated needle excludes fewer candidates) and a trailing
    /// `$` (the suffix atom would become a fuzzy one holding a `$`).
    pub fn refine(&self, query: &str) -> Option<Search> {
        let extends = query.len() > self.query.len() && query.starts_with(&self.query);
        let safe_to_extend =
            !self.query.contains(['\\', '!']) && !self.query.ends_with('$') && !self.pattern.atoms.is_empty();
        if !(self.is_done() && extends && safe_to_extend) {
            return None;
        }
        let matched: Arc<[u32]> = self.matched.as_slice().into();
        Some(Search::over(self.index.clone(), query, self.limit, Some(matched)))
    }
}

/// Maps nucleo's indices, which count grapheme clusters, to the index of each
/// cluster's first char.
fn char_indices_of_graphemes(text: &str, grapheme_indices: &[u32]) -> Vec<u32> {
    let mut char_index = 0;
    let mut wanted = grapheme_indices.iter().peekable();
    let mut indices = Vec::with_capacity(grapheme_indices.len());
    for (grapheme_index, grapheme) in text.graphemes(true).enumerate() {
        if wanted.next_if(|wanted| **wanted as usize == grapheme_index).is_some() {
            indices.push(char_index);
        }
        char_index += grapheme.chars().count() as u32;
    }
    indices
}

#[cfg(test)]
mod tests;
