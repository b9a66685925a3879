//! The recursive-descent parser: tokens into a [`Filter`].
//!
//! ```text
//! filter     := or
//! or         := and ("or" and)*
//! and        := unary ("and"? unary)*        two conditions side by side mean and
//! unary      := "not" unary | primary
//! primary    := "(" or ")" | comparison
//! comparison := FIELD (":" | "<" | "<=" | ">" | ">=" | "=" | "!=") VALUE
//! VALUE      := bare word | "quoted string"
//! ```
//! `and`, `or`, `not` and `me` are keywords in any case; quote them to use
//! them as values. A value is checked against its field's kind as soon as
//! it is read (`condition`), so every error points at the token at fault.

use super::ast::{Filter, quoted};
use super::condition::{Operator, ValueToken, build_condition};
use super::error::{QueryError, Span};
use super::fields::{FIELDS, FieldSpec, field_named, nearest_field};
use super::lexer::{Lexer, Token, TokenKind};

/// Parses a filter. Blank text is an error: a caller that allows "no
/// filter" checks for it first.
pub fn parse(text: &str) -> Result<Filter, QueryError> {
    let mut parser = Parser { lexer: Lexer::new(text), peeked: None };
    if parser.peek()?.is_none() {
        return Err(QueryError::new(
            parser.lexer.end(),
            "the filter is empty: write a condition such as health < 50 or stage:retention",
        ));
    }
    let filter = parser.or()?;
    match parser.advance()? {
        None => Ok(filter),
        Some(token) if token.kind == TokenKind::CloseParen => {
            Err(QueryError::new(token.span, "this \")\" closes no \"(\""))
        }
        Some(token) => Err(QueryError::new(
            token.span,
            format!("expected \"and\", \"or\" or the end of the filter, found {}", describe(&token)),
        )),
    }
}

/// Whether a word is one of the keywords `and`, `or` and `not`.
pub(super) fn is_keyword(word: &str) -> bool {
    keyword(word).is_some()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    And,
    Or,
    Not,
}

fn keyword(word: &str) -> Option<Keyword> {
    [("and", Keyword::And), ("or", Keyword::Or), ("not", Keyword::Not)]
        .into_iter()
        .find(|(name, _)| word.eq_ignore_ascii_case(name))
        .map(|(_, keyword)| keyword)
}

fn keyword_of(token: &Token) -> Option<Keyword> {
    match &token.kind {
        TokenKind::Word(word) => keyword(word),
        _ => None,
    }
}

struct Parser {
    lexer: Lexer,
    /// The next token, once looked at: lexing lazily keeps errors in reading order.
    peeked: Option<Option<Token>>,
}

impl Parser {
    fn peek(&mut self) -> Result<Option<&Token>, QueryError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lexer.next_token()?);
        }
        Ok(self.peeked.as_ref().and_then(Option::as_ref))
    }

    fn advance(&mut self) -> Result<Option<Token>, QueryError> {
        match self.peeked.take() {
            Some(token) => Ok(token),
            None => self.lexer.next_token(),
        }
    }

    /// Consumes the next token if it is `wanted`, returning its span.
    fn eat_keyword(&mut self, wanted: Keyword) -> Result<Option<Span>, QueryError> {
        let span = self.peek()?.filter(|token| keyword_of(token) == Some(wanted)).map(|token| token.span);
        if span.is_some() {
            self.advance()?;
        }
        Ok(span)
    }

    /// Where the next token is, or the end of the text.
    fn next_span(&mut self) -> Result<Span, QueryError> {
        let end = self.lexer.end();
        Ok(self.peek()?.map_or(end, |token| token.span))
    }

    fn or(&mut self) -> Result<Filter, QueryError> {
        let mut parts = Vec::new();
        push_flat(&mut parts, self.and()?, Precedence::Or);
        while let Some(span) = self.eat_keyword(Keyword::Or)? {
            self.expect_operand_after("or", span)?;
            push_flat(&mut parts, self.and()?, Precedence::Or);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Filter::Or(parts) })
    }

    fn and(&mut self) -> Result<Filter, QueryError> {
        let mut parts = Vec::new();
        push_flat(&mut parts, self.unary()?, Precedence::And);
        loop {
            if let Some(span) = self.eat_keyword(Keyword::And)? {
                self.expect_operand_after("and", span)?;
            } else if !self.starts_operand()? {
                break;
            }
            push_flat(&mut parts, self.unary()?, Precedence::And);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Filter::And(parts) })
    }

    fn unary(&mut self) -> Result<Filter, QueryError> {
        if let Some(span) = self.eat_keyword(Keyword::Not)? {
            self.expect_operand_after("not", span)?;
            return Ok(Filter::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    /// Whether the next token begins another condition, which then joins
    /// the previous one with an implied `and`.
    fn starts_operand(&mut self) -> Result<bool, QueryError> {
        Ok(match self.peek()? {
            Some(token) => match &token.kind {
                TokenKind::Word(_) => !matches!(keyword_of(token), Some(Keyword::And | Keyword::Or)),
                TokenKind::Quoted(_) | TokenKind::OpenParen => true,
                TokenKind::Colon | TokenKind::Operator(_) | TokenKind::CloseParen => false,
            },
            None => false,
        })
    }

    /// After `and`, `or` or `not`: something must follow that can begin a
    /// condition, or the keyword itself is the mistake.
    fn expect_operand_after(&mut self, keyword: &str, span: Span) -> Result<(), QueryError> {
        let message = match self.peek()? {
            None => format!("nothing follows \"{keyword}\": add a condition after it, or remove it"),
            Some(token)
                if token.kind == TokenKind::CloseParen
                    || matches!(keyword_of(token), Some(Keyword::And | Keyword::Or)) =>
            {
                format!("\"{keyword}\" needs a condition after it, not {}", describe(token))
            }
            Some(_) => return Ok(()),
        };
        Err(QueryError::new(span, message))
    }

    fn primary(&mut self) -> Result<Filter, QueryError> {
        let span = self.next_span()?;
        let Some(token) = self.advance()? else {
            return Err(QueryError::new(span, "expected a condition, such as health < 50"));
        };
        match &token.kind {
            TokenKind::OpenParen => self.parenthesised(token.span),
            TokenKind::Word(word) if is_keyword(word) => Err(QueryError::new(
                token.span,
                format!("\"{word}\" needs a condition before it, such as health < 50"),
            )),
            TokenKind::Word(word) => self.comparison(word, token.span),
            TokenKind::Quoted(text) => {
                Err(QueryError::new(token.span, "a quoted value needs a field before it, such as name:\"…\"")
                    .suggest(Some(format!("name:{}", quoted(text)))))
            }
            TokenKind::CloseParen => Err(QueryError::new(token.span, "this \")\" closes no \"(\"")),
            TokenKind::Colon | TokenKind::Operator(_) => {
                Err(QueryError::new(token.span, format!("expected a field before {}", describe(&token))))
            }
        }
    }

    fn parenthesised(&mut self, open: Span) -> Result<Filter, QueryError> {
        if self.peek()?.is_some_and(|token| token.kind == TokenKind::CloseParen) {
            return Err(QueryError::new(open, "empty parentheses: put a condition between them"));
        }
        let inner = self.or()?;
        match self.advance()? {
            Some(token) if token.kind == TokenKind::CloseParen => Ok(inner),
            Some(token) => Err(QueryError::new(
                token.span,
                format!(
                    "expected \")\" to close the \"(\" at column {}, found {}",
                    open.column,
                    describe(&token)
                ),
            )),
            None => Err(QueryError::new(open, "this \"(\" is never closed: add \")\" where it should end")),
        }
    }

    fn comparison(&mut self, word: &str, field_span: Span) -> Result<Filter, QueryError> {
        let Some(spec) = field_named(word) else {
            return Err(self.unknown_field(word, field_span));
        };
        let operator_span = self.next_span()?;
        let operator = match self.advance()? {
            Some(Token { kind: TokenKind::Colon, .. }) => Operator::Colon,
            Some(Token { kind: TokenKind::Operator(comparison), .. }) => Operator::Compare(comparison),
            other => {
                return Err(QueryError::new(
                    operator_span,
                    format!(
                        "expected \":\" or a comparison (<, <=, >, >=, =, !=) after {}, found {}",
                        spec.name(),
                        found(other.as_ref())
                    ),
                ));
            }
        };
        let value_span = self.next_span()?;
        let value = match self.advance()? {
            Some(Token { kind: TokenKind::Word(text), span }) if !is_keyword(&text) => {
                ValueToken { text, quoted: false, span }
            }
            Some(Token { kind: TokenKind::Quoted(text), span }) => ValueToken { text, quoted: true, span },
            other => {
                return Err(QueryError::new(
                    value_span,
                    format!(
                        "expected a value after \"{}{}\" ({}), found {}",
                        spec.name(),
                        operator_text(operator),
                        spec.values,
                        found(other.as_ref())
                    ),
                ));
            }
        };
        build_condition(spec, operator, operator_span, value).map(Filter::Condition)
    }

    fn unknown_field(&mut self, word: &str, span: Span) -> QueryError {
        if let Some(keyword) = symbol_keyword(word) {
            return QueryError::new(span, format!("write \"{keyword}\" instead of \"{word}\""))
                .suggest(Some(keyword.to_owned()));
        }
        if let Some(field) = nearest_field(word) {
            return QueryError::new(span, format!("unknown field \"{word}\""))
                .suggest(Some(field.to_owned()));
        }
        // A lone word with no operator after it was most likely meant as a name.
        let compared =
            matches!(self.peek(), Ok(Some(Token { kind: TokenKind::Colon | TokenKind::Operator(_), .. })));
        if compared {
            let fields: Vec<&str> = FIELDS.iter().map(FieldSpec::name).collect();
            QueryError::new(span, format!("unknown field \"{word}\"; the fields are {}", fields.join(", ")))
        } else {
            QueryError::new(span, format!("\"{word}\" is not a field; to find a name, write name:{word}"))
                .suggest(Some(format!("name:{word}")))
        }
    }
}

/// Which operator a list of parts is joined by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Precedence {
    And,
    Or,
}

/// Adds `part` to the parts of an `and` (or an `or`), taking in the parts of
/// a parenthesised `and` (`or`) of its own: `a (b c)` is `a b c`, so each
/// filter has one tree and its canonical text parses back to it.
fn push_flat(parts: &mut Vec<Filter>, part: Filter, joined_by: Precedence) {
    match (part, joined_by) {
        (Filter::And(inner), Precedence::And) | (Filter::Or(inner), Precedence::Or) => parts.extend(inner),
        (part, _) => parts.push(part),
    }
}

/// `&&` and `||` from programming languages.
fn symbol_keyword(word: &str) -> Option<&'static str> {
    match word {
        "&&" | "&" => Some("and"),
        "||" | "|" => Some("or"),
        _ => None,
    }
}

fn operator_text(operator: Operator) -> String {
    match operator {
        Operator::Colon => ":".to_owned(),
        Operator::Compare(comparison) => format!(" {}", comparison.symbol()),
    }
}

/// What was found instead of what was expected.
fn found(token: Option<&Token>) -> String {
    token.map_or("the end of the filter".to_owned(), describe)
}

/// A token as a message names it.
fn describe(token: &Token) -> String {
    match &token.kind {
        TokenKind::Word(word) => format!("\"{word}\""),
        TokenKind::Quoted(text) => quoted(text),
        TokenKind::Colon => "\":\"".to_owned(),
        TokenKind::Operator(comparison) => format!("\"{}\"", comparison.symbol()),
        TokenKind::OpenParen => "\"(\"".to_owned(),
        TokenKind::CloseParen => "\")\"".to_owned(),
    }
}
