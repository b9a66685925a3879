//! Closed vocabularies (stage, status, priority, …): one macro gives each enum
//! its canonical names, the aliases accepted on input, and parsing that
//! reports the value it could not read with the names it expects.

/// Normalises a word read from input: case, surrounding space, and `-`/`_`
/// between words do not matter ("Ongoing-Support" reads as "ongoing support").
pub(crate) fn normalise_word(raw: &str) -> String {
    raw.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

macro_rules! vocabulary {
    (
        $(#[$doc:meta])*
        $name:ident, $what:literal {
            $( $(#[$vdoc:meta])* $variant:ident = $canonical:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vdoc])* $variant ),+
        }

        impl $name {
            /// Every value, in their natural order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical name, as stored and shown.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $canonical),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::UnknownValue;
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                let word = $crate::model::vocabulary::normalise_word(raw);
                $(
                    if word == $canonical $(|| word == $alias)* {
                        return Ok($name::$variant);
                    }
                )+
                Err($crate::model::UnknownValue {
                    what: $what,
                    value: raw.to_owned(),
                    expected: [$($canonical),+].join(", "),
                })
            }
        }
    };
}

pub(crate) use vocabulary;
