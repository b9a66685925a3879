//! The lexer: filter text into tokens, each with its column.
//!
//! A bare word runs until white space or one of `( ) : < > = ! "`, so
//! `acme.com`, `2026-12-31`, `90d`, `1250.50`, `self-serve` and `o'brien`
//! are single words. A quoted string is `"…"` with `\"` for a quote and
//! `\\` for a backslash; any other backslash is kept as it is. Operators
//! are read as a whole run of `< > = !`, so a reversed `=>` is reported
//! as one mistake rather than as `=` followed by a stray `>`.
//!
//! The lexer is pulled one token at a time by the parser, so the first
//! mistake in reading order is the one reported.

use super::ast::Comparison;
use super::error::{QueryError, Span};
use super::suggest::nearest;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TokenKind {
    Word(String),
    Quoted(String),
    Colon,
    Operator(Comparison),
    OpenParen,
    CloseParen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// Characters that end a bare word.
pub(super) const SPECIAL: &[char] = &['(', ')', ':', '<', '>', '=', '!', '"'];
const OPERATOR_CHARACTERS: &[char] = &['<', '>', '=', '!'];

pub(super) struct Lexer {
    chars: Vec<char>,
    /// Index of the next character to read (0-based).
    at: usize,
}

impl Lexer {
    pub(super) fn new(text: &str) -> Lexer {
        Lexer { chars: text.chars().collect(), at: 0 }
    }

    /// Where the text ends: one column past its last character.
    pub(super) fn end(&self) -> Span {
        Span { column: self.chars.len() + 1, length: 1 }
    }

    /// The next token, `None` at the end of the text.
    pub(super) fn next_token(&mut self) -> Result<Option<Token>, QueryError> {
        while self.peek_char().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
        let start = self.at;
        let Some(first) = self.peek_char() else {
            return Ok(None);
        };
        let kind = match first {
            '(' => self.single(TokenKind::OpenParen),
            ')' => self.single(TokenKind::CloseParen),
            ':' => self.single(TokenKind::Colon),
            '"' => self.quoted()?,
            c if OPERATOR_CHARACTERS.contains(&c) => self.operator()?,
            c if c.is_control() => {
                return Err(QueryError::new(
                    self.span_from(start, start + 1),
                    format!("the control character U+{:04X} cannot be part of a filter", u32::from(c)),
                ));
            }
            _ => self.bare_word(),
        };
        Ok(Some(Token { kind, span: self.span_from(start, self.at) }))
    }

    fn peek_char(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn span_from(&self, start: usize, end: usize) -> Span {
        Span { column: start + 1, length: end - start }
    }

    fn single(&mut self, kind: TokenKind) -> TokenKind {
        self.at += 1;
        kind
    }

    fn bare_word(&mut self) -> TokenKind {
        let start = self.at;
        while let Some(c) = self.peek_char() {
            if c.is_whitespace() || c.is_control() || SPECIAL.contains(&c) {
                break;
            }
            self.at += 1;
        }
        TokenKind::Word(self.chars[start..self.at].iter().collect())
    }

    fn quoted(&mut self) -> Result<TokenKind, QueryError> {
        let start = self.at;
        self.at += 1;
        let mut text = String::new();
        while let Some(c) = self.peek_char() {
            self.at += 1;
            match c {
                '"' => return Ok(TokenKind::Quoted(text)),
                '\\' => match self.peek_char() {
                    Some(escaped @ ('"' | '\\')) => {
                        self.at += 1;
                        text.push(escaped);
                    }
                    _ => text.push('\\'),
                },
                c if c.is_control() => {
                    return Err(QueryError::new(
                        self.span_from(self.at - 1, self.at),
                        format!("the control character U+{:04X} cannot be part of a filter", u32::from(c)),
                    ));
                }
                c => text.push(c),
            }
        }
        Err(QueryError::new(self.span_from(start, self.at), "this quote is never closed")
            .suggest(Some(format!("\"{text}\""))))
    }

    fn operator(&mut self) -> Result<TokenKind, QueryError> {
        let start = self.at;
        while self.peek_char().is_some_and(|c| OPERATOR_CHARACTERS.contains(&c)) {
            self.at += 1;
        }
        let text: String = self.chars[start..self.at].iter().collect();
        if let Some(comparison) = Comparison::ALL.iter().find(|comparison| comparison.symbol() == text) {
            return Ok(TokenKind::Operator(*comparison));
        }
        let suggestion = match text.as_str() {
            "=>" => Some(">="),
            "=<" => Some("<="),
            "<>" | "=!" => Some("!="),
            "==" => Some("="),
            "!" => Some("not"),
            other => nearest(other, Comparison::ALL.iter().map(|comparison| comparison.symbol())),
        };
        Err(QueryError::new(self.span_from(start, self.at), format!("unknown operator \"{text}\""))
            .suggest(suggestion.map(str::to_owned)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        let mut lexer = Lexer::new(text);
        let mut kinds = Vec::new();
        while let Some(token) = lexer.next_token().unwrap() {
            kinds.push(token.kind);
        }
        kinds
    }

    fn word(text: &str) -> TokenKind {
        TokenKind::Word(text.to_owned())
    }

    #[test]
    fn words_run_until_space_or_punctuation() {
        assert_eq!(
            kinds("health<50 plan:self-serve domain:acme.com"),
            [
                word("health"),
                TokenKind::Operator(Comparison::Less),
                word("50"),
                word("plan"),
                TokenKind::Colon,
                word("self-serve"),
                word("domain"),
                TokenKind::Colon,
                word("acme.com"),
            ]
        );
        assert_eq!(kinds("(Łódź)"), [TokenKind::OpenParen, word("Łódź"), TokenKind::CloseParen]);
    }

    #[test]
    fn every_operator_is_read_whole() {
        let read = kinds("< <= > >= = !=");
        let expected: Vec<TokenKind> = Comparison::ALL.iter().map(|c| TokenKind::Operator(*c)).collect();
        assert_eq!(read.len(), expected.len());
        for comparison in &expected {
            assert!(read.contains(comparison), "{comparison:?}");
        }
    }

    #[test]
    fn quoted_strings_keep_spaces_and_read_escapes() {
        assert_eq!(kinds(r#""key account""#), [TokenKind::Quoted("key account".to_owned())]);
        assert_eq!(kinds(r#""say \"hi\" \\ \n""#), [TokenKind::Quoted(r#"say "hi" \ \n"#.to_owned())]);
        assert_eq!(kinds(r#""""#), [TokenKind::Quoted(String::new())]);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let mut lexer = Lexer::new("łódź  x");
        assert_eq!(lexer.next_token().unwrap().unwrap().span, Span { column: 1, length: 4 });
        assert_eq!(lexer.next_token().unwrap().unwrap().span, Span { column: 7, length: 1 });
        assert_eq!(lexer.next_token().unwrap(), None);
        assert_eq!(lexer.end(), Span { column: 8, length: 1 });
    }

    #[test]
    fn reversed_and_unknown_operators_are_one_mistake() {
        for (text, column, length, suggestion) in [
            ("health => 5", 8, 2, ">="),
            ("health =< 5", 8, 2, "<="),
            ("a <> b", 3, 2, "!="),
            ("a == b", 3, 2, "="),
            ("!tag:x", 1, 1, "not"),
        ] {
            let mut lexer = Lexer::new(text);
            let error = std::iter::from_fn(|| lexer.next_token().transpose()).find_map(Result::err).unwrap();
            assert_eq!((error.column, error.length), (column, length), "{text}");
            assert_eq!(error.suggestion.as_deref(), Some(suggestion), "{text}");
        }
    }

    #[test]
    fn an_unclosed_quote_points_at_its_opening() {
        let mut lexer = Lexer::new(r#"tag:"key account"#);
        lexer.next_token().unwrap();
        lexer.next_token().unwrap();
        let error = lexer.next_token().unwrap_err();
        assert_eq!((error.column, error.length), (5, 12));
        assert_eq!(error.suggestion.as_deref(), Some("\"key account\""));
    }

    #[test]
    fn control_characters_are_refused() {
        let mut lexer = Lexer::new("a \u{1b}");
        lexer.next_token().unwrap();
        let error = lexer.next_token().unwrap_err();
        assert_eq!(error.column, 3);
        assert!(error.message.contains("U+001B"), "{}", error.message);
        let mut lexer = Lexer::new("name:\"a\u{7}\"");
        lexer.next_token().unwrap();
        lexer.next_token().unwrap();
        assert_eq!(lexer.next_token().unwrap_err().column, 8);
    }
}
