//! The ticket view's data: the ticket, and its conversation already broken
//! into screen lines for one width. Wrapping a body of a million characters
//! takes longer than a frame, so it is done once per load (and again after a
//! resize) by the effect that reads the ticket, never while drawing.

use jiff::Timestamp;
use unicode_width::UnicodeWidthChar;

use crate::model::{FieldCap, Ticket, TicketComment, TicketId};

/// The ticket screen: shown at once with the subject from the account view,
/// filled in when the conversation arrives.
#[derive(Debug, Clone)]
pub struct TicketView {
    pub ticket_id: TicketId,
    pub subject: String,
    pub conversation: Option<Conversation>,
    pub error: Option<String>,
    /// The first visible conversation line.
    pub scroll: usize,
    /// The width the newest load was asked to wrap for.
    pub(super) width: u16,
    pub(super) generation: u64,
    /// Its comments were asked of its backend once since it was opened.
    pub(super) fetched: bool,
}

/// A ticket with its comments, oldest first, wrapped for `width` columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub ticket: Ticket,
    /// The requester's name, when the ticket names a known contact.
    pub requester: Option<String>,
    pub comments: usize,
    /// The text width the lines were wrapped for.
    pub width: u16,
    pub lines: Vec<ConversationLine>,
}

/// One screen line of the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConversationLine {
    /// Starts a comment: who wrote it, when, and whether the customer sees it.
    Heading {
        author: String,
        at: Timestamp,
        by_agent: bool,
        public: bool,
    },
    Body(String),
    /// Ends a body that was cut at import because it was longer than the cap.
    Truncated {
        kept_chars: usize,
    },
    Blank,
}

/// Columns a tab stands for in a body.
const TAB_WIDTH: usize = 4;

impl Conversation {
    pub fn new(
        ticket: Ticket,
        requester: Option<String>,
        comments: &[TicketComment],
        width: u16,
    ) -> Conversation {
        let mut lines = Vec::new();
        for comment in comments {
            if !lines.is_empty() {
                lines.push(ConversationLine::Blank);
            }
            lines.push(ConversationLine::Heading {
                author: comment.author.to_string(),
                at: comment.created_at,
                by_agent: comment.by_agent,
                public: comment.public,
            });
            let body = comment.body.as_str();
            lines.extend(wrap(body, usize::from(width)).into_iter().map(ConversationLine::Body));
            if hit_the_body_cap(body) {
                lines.push(ConversationLine::Truncated { kept_chars: body.chars().count() });
            }
        }
        Conversation { ticket, requester, comments: comments.len(), width, lines }
    }
}

/// Whether a body was cut at import: SafeText ends a capped field with an
/// ellipsis, within a grapheme cluster of the cap.
fn hit_the_body_cap(body: &str) -> bool {
    // A grapheme cluster longer than this is not text anyone typed.
    const CLUSTER_SLACK: usize = 32;
    body.ends_with('…') && body.chars().count() + CLUSTER_SLACK >= FieldCap::BODY.0
}

/// Breaks text into lines of at most `width` columns: at spaces where it
/// can, inside a word too long for a line, and at every line break.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.replace('\t', &" ".repeat(TAB_WIDTH));
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ').filter(|word| !word.is_empty()) {
            let word_width: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
            if used > 0 && used + 1 + word_width <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + word_width;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let c_width = c.width().unwrap_or(0);
                if used + c_width > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += c_width;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_and_long_words_are_broken() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("one\n\ntwo", 10), ["one", "", "two"]);
        assert_eq!(wrap("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
    }

    #[test]
    fn only_a_body_at_the_cap_counts_as_cut() {
        assert!(!hit_the_body_cap("ends in an ellipsis…"));
        let capped = format!("{}…", "a".repeat(FieldCap::BODY.0 - 1));
        assert!(hit_the_body_cap(&capped));
    }
}
