//! `SearchIndex`: every candidate's text in one arena, its ids in parallel
//! columns, and a character mask per candidate.
//!
//! One `String` per candidate would cost 24 bytes of header and an
//! allocation each; at 1.5M candidates the arena keeps the overhead to the
//! columns. Each candidate's mask holds the ASCII characters it holds (or
//! that its other characters normalise to), so a scan skips the strings that
//! cannot match without calling the matcher. Text that is not ASCII is
//! turned into nucleo's haystack (the first char of each grapheme cluster)
//! only when its mask lets it through: keeping those haystacks made scans
//! up to 1.6 times faster but the index 1.6 times larger (BENCHMARKS.md).

use nucleo_matcher::{Utf32Str, chars};
use unicode_segmentation::UnicodeSegmentation;

use super::{Candidate, SearchKind};
use crate::model::AccountId;

/// The bit of a mask that says the text is not ASCII; no character has it,
/// so no query requires it.
const NOT_ASCII: u64 = 1 << 63;

/// The candidates of a search, in the order they were pushed.
#[derive(Debug, Default)]
pub struct SearchIndex {
    kinds: Vec<SearchKind>,
    records: Vec<i64>,
    accounts: Vec<i64>,
    /// `texts[text_ends[i - 1]..text_ends[i]]` is candidate i's text.
    texts: String,
    text_ends: Vec<u32>,
    masks: Vec<u64>,
}

/// A candidate as the index holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateRef<'a> {
    pub kind: SearchKind,
    pub record: i64,
    pub account: AccountId,
    pub text: &'a str,
}

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Adds a candidate. Text beyond the arena's 4 GiB is not expected (the
    /// texts are capped fields); it panics rather than corrupt the offsets.
    pub fn push(&mut self, kind: SearchKind, record: i64, account: AccountId, text: &str) {
        self.kinds.push(kind);
        self.records.push(record);
        self.accounts.push(account.0);
        self.texts.push_str(text);
        self.text_ends.push(arena_offset(self.texts.len()));
        if text.is_ascii() {
            self.masks.push(ascii_mask(text.bytes()));
        } else {
            let mask = first_chars(text).fold(0, |mask, char| mask | char_bits(char));
            self.masks.push(mask | NOT_ASCII);
        }
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The candidate at `position`, which must be below `len()`.
    pub fn get(&self, position: usize) -> CandidateRef<'_> {
        CandidateRef {
            kind: self.kinds[position],
            record: self.records[position],
            account: AccountId(self.accounts[position]),
            text: self.text(position),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = CandidateRef<'_>> {
        (0..self.len()).map(|position| self.get(position))
    }

    /// The bytes the index holds on the heap, for the benchmark's figures.
    pub fn heap_bytes(&self) -> usize {
        self.kinds.capacity() * size_of::<SearchKind>()
            + self.records.capacity() * size_of::<i64>()
            + self.accounts.capacity() * size_of::<i64>()
            + self.texts.capacity()
            + self.text_ends.capacity() * size_of::<u32>()
            + self.masks.capacity() * size_of::<u64>()
    }

    /// Gives back the memory reserved beyond what the candidates use.
    pub fn shrink_to_fit(&mut self) {
        self.kinds.shrink_to_fit();
        self.records.shrink_to_fit();
        self.accounts.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.text_ends.shrink_to_fit();
        self.masks.shrink_to_fit();
    }

    pub(super) fn kind(&self, position: usize) -> SearchKind {
        self.kinds[position]
    }

    pub(super) fn record(&self, position: usize) -> i64 {
        self.records[position]
    }

    pub(super) fn mask(&self, position: usize) -> u64 {
        self.masks[position]
    }

    pub(super) fn text(&self, position: usize) -> &str {
        &self.texts[start(&self.text_ends, position)..self.text_ends[position] as usize]
    }

    /// The text as nucleo matches it; text that is not ASCII is put into
    /// `buffer` as the first char of each grapheme cluster.
    pub(super) fn haystack<'a>(&'a self, position: usize, buffer: &'a mut Vec<char>) -> Utf32Str<'a> {
        let text = self.text(position);
        if self.masks[position] & NOT_ASCII == 0 {
            Utf32Str::Ascii(text.as_bytes())
        } else {
            buffer.clear();
            buffer.extend(first_chars(text));
            Utf32Str::Unicode(buffer)
        }
    }
}

impl FromIterator<Candidate> for SearchIndex {
    fn from_iter<T: IntoIterator<Item = Candidate>>(candidates: T) -> SearchIndex {
        let mut index = SearchIndex::new();
        for candidate in candidates {
            index.push(candidate.kind, candidate.record, candidate.account, &candidate.text);
        }
        index.shrink_to_fit();
        index
    }
}

/// The bits of the ASCII characters in `bytes`, case folded: a candidate can
/// only match if its mask holds every bit of the query's mask. Several
/// characters share a bit, which only makes the test less sharp.
pub(super) fn ascii_mask(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0, |mask, byte| mask | ascii_bit(byte))
}

/// The bits of the ASCII characters nucleo may match `char` with: itself,
/// or, when it is not ASCII, its lower case, its normalised form (`é` →
/// `e`) and that form's lower case, as nucleo compares them.
fn char_bits(char: char) -> u64 {
    if char.is_ascii() {
        return ascii_bit(char as u8);
    }
    let normalised = chars::normalize(char);
    [chars::to_lower_case(char), normalised, chars::to_lower_case(normalised)]
        .into_iter()
        .filter(char::is_ascii)
        .fold(0, |mask, form| mask | ascii_bit(form as u8))
}

/// nucleo matches a grapheme cluster as its first char.
fn first_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.graphemes(true).filter_map(|grapheme| grapheme.chars().next())
}

fn ascii_bit(byte: u8) -> u64 {
    match byte.to_ascii_lowercase() {
        letter @ b'a'..=b'z' => 1 << (letter - b'a'),
        digit @ b'0'..=b'9' => 1 << (26 + digit - b'0'),
        // Space and control characters are never needed to match.
        0..=b' ' | 0x7f.. => 0,
        punctuation => 1 << (36 + punctuation % 27),
    }
}

fn start(ends: &[u32], position: usize) -> usize {
    if position == 0 { 0 } else { ends[position - 1] as usize }
}

fn arena_offset(length: usize) -> u32 {
    u32::try_from(length).expect("the search index's text fits in 4 GiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_come_back_as_pushed() {
        let mut index = SearchIndex::new();
        index.push(SearchKind::Account, 7, AccountId(7), "Acme GmbH  acme.de");
        index.push(SearchKind::Contact, 3, AccountId(7), "Łódź Nowak  lodz@acme.de");
        index.push(SearchKind::Ticket, 9, AccountId(8), "");
        let texts: Vec<_> = index.iter().map(|candidate| candidate.text).collect();
        assert_eq!(texts, ["Acme GmbH  acme.de", "Łódź Nowak  lodz@acme.de", ""]);
        assert_eq!(
            index.get(1),
            CandidateRef { kind: SearchKind::Contact, record: 3, account: AccountId(7), text: texts[1] }
        );
        let mut buffer = Vec::new();
        assert_eq!(index.haystack(0, &mut buffer).len(), 18);
        assert_eq!(index.haystack(1, &mut buffer).len(), 24);
    }

    #[test]
    fn the_mask_holds_the_characters_case_folded() {
        assert_eq!(ascii_mask("Ab".bytes()), ascii_mask("ba".bytes()));
        assert_eq!(ascii_mask("a b".bytes()), ascii_mask("ab".bytes()));
        assert_ne!(ascii_mask("ab".bytes()) & ascii_mask("z".bytes()), ascii_mask("z".bytes()));
        assert_ne!(ascii_mask("@".bytes()), 0);
    }

    #[test]
    fn text_other_than_ascii_has_the_bits_of_its_plain_forms() {
        let mut index = SearchIndex::new();
        index.push(SearchKind::Account, 1, AccountId(1), "CAFÉ Łódź");
        index.push(SearchKind::Account, 2, AccountId(2), "ООО «Радуга»");
        // nucleo normalises é, ó and ź but not ł.
        assert_eq!(index.mask(0), ascii_mask("cafe odz".bytes()) | NOT_ASCII);
        assert_eq!(index.mask(1), NOT_ASCII);
    }
}
