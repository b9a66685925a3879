//! Company identities: a name in the company's language and an ASCII domain,
//! unique across the workspace — except for the duplicates planted on
//! purpose, which reuse a recent company's domain under a variant name
//! ("Acme Analytics" / "ACME ANALYTICS CORP.").
//!
//! Uniqueness is checked with a set used for membership only; nothing
//! iterates it, so its order cannot leak into the data.

use std::collections::{HashSet, VecDeque};
use std::fmt::Write;

use super::names::{ENGLISH_BRAND_ENDS, ENGLISH_BRAND_STARTS, Language, Word};
use super::random::Rng;

/// How many recent companies a duplicate may copy: recent enough to keep the
/// memory small, far enough apart that the pair is not always adjacent.
const REMEMBERED_COMPANIES: usize = 64;

/// Tries at a fresh brand and industry, then at a fresh place, before a
/// number is appended to make the domain unique.
const TRIES_PER_FORM: usize = 3;

#[derive(Debug, Clone)]
pub(super) struct CompanyIdentity {
    pub language: Language,
    pub name: String,
    pub domain: String,
    brand: String,
    brand_roman: String,
    industry: Word,
}

/// A company a later duplicate may copy, with its first contact so the
/// duplicate can list the same person.
struct Remembered {
    identity: CompanyIdentity,
    first_contact: Option<SharedContact>,
}

/// A person listed at two accounts under one e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SharedContact {
    pub name: String,
    pub email: String,
}

#[derive(Default)]
pub(super) struct Identities {
    taken: HashSet<String>,
    recent: VecDeque<Remembered>,
}

/// A second record of a company already in the workspace.
pub(super) struct Duplicate {
    pub identity: CompanyIdentity,
    /// The original's first contact, to list at the duplicate too.
    pub shared_contact: Option<SharedContact>,
}

impl Identities {
    /// A new company with a domain no other company has.
    pub(super) fn company(&mut self, rng: &mut Rng, language: Language) -> CompanyIdentity {
        let words = language.company_words();
        let legal = rng.pick(words.legal_forms);
        let top_level_domain = rng.pick(words.top_level_domains);
        let mut key = String::new();
        let mut candidate = None;
        for attempt in 0..2 * TRIES_PER_FORM {
            let (brand, brand_roman) = pick_brand(rng, language);
            let industry = rng.pick(words.industries);
            let place = (attempt >= TRIES_PER_FORM).then(|| rng.pick(words.places));
            key.clear();
            let _ = write!(key, "{brand_roman}-{}", industry.roman);
            if let Some(place) = place {
                let _ = write!(key, "-{}", place.roman);
            }
            let free = !self.taken.contains(&key);
            candidate = Some((brand, brand_roman, industry, place));
            if free {
                break;
            }
        }
        let (brand, brand_roman, industry, place) =
            candidate.unwrap_or_else(|| (String::new(), String::new(), Word::default(), None));
        if self.taken.contains(&key) {
            let stem_length = key.len();
            for number in 2.. {
                key.truncate(stem_length);
                let _ = write!(key, "-{number}");
                if !self.taken.contains(&key) {
                    break;
                }
            }
        }
        let domain = format!("{key}.{top_level_domain}");
        self.taken.insert(key);
        let name = company_name(language, &brand, industry, place, legal);
        CompanyIdentity { language, name, domain, brand, brand_roman, industry }
    }

    /// A variant record of one of the recent companies, or `None` before
    /// any company has been remembered.
    pub(super) fn duplicate(&mut self, rng: &mut Rng) -> Option<Duplicate> {
        let index = rng.below(self.recent.len() as u64) as usize;
        let original = self.recent.get(index)?;
        let identity =
            CompanyIdentity { name: variant_name(rng, &original.identity), ..original.identity.clone() };
        Some(Duplicate { identity, shared_contact: original.first_contact.clone() })
    }

    /// Keeps a company (not a duplicate) for later duplicates to copy.
    pub(super) fn remember(&mut self, identity: CompanyIdentity, first_contact: Option<SharedContact>) {
        if self.recent.len() == REMEMBERED_COMPANIES {
            self.recent.pop_front();
        }
        self.recent.push_back(Remembered { identity, first_contact });
    }
}

/// A brand as written and romanised. English brands are coined from two
/// halves; the other languages pick from their lists.
fn pick_brand(rng: &mut Rng, language: Language) -> (String, String) {
    if language == Language::English {
        let start = rng.pick(ENGLISH_BRAND_STARTS);
        let end = rng.pick(ENGLISH_BRAND_ENDS);
        let native = format!("{start}{end}");
        let roman = native.to_ascii_lowercase();
        (native, roman)
    } else {
        let brand = rng.pick(language.company_words().brands);
        (brand.native.to_owned(), brand.roman.to_owned())
    }
}

/// A company name the way the language writes it: a legal form last in
/// most, first in Russian ("ООО «Волга-Торг»"), around the name in Thai
/// ("บริษัท สยามเทค จำกัด").
fn company_name(language: Language, brand: &str, industry: Word, place: Option<Word>, legal: &str) -> String {
    let mut name = String::with_capacity(64);
    match language {
        Language::Russian => {
            let _ = write!(name, "{legal} «{brand}-{}»", industry.native);
            if let Some(place) = place {
                let _ = write!(name, " ({})", place.native);
            }
        }
        Language::Thai => {
            let _ = write!(name, "บริษัท {brand}{}", industry.native);
            if let Some(place) = place {
                let _ = write!(name, " {}", place.native);
            }
            let _ = write!(name, " {legal}");
        }
        _ => {
            let _ = write!(name, "{brand} {}", industry.native);
            if let Some(place) = place {
                let _ = write!(name, " {}", place.native);
            }
            if !legal.is_empty() {
                let _ = write!(name, " {legal}");
            }
        }
    }
    name
}

/// The name another backend might hold for the same company: the brand
/// alone, shouted in capitals with another legal form, or romanised with
/// an English legal form (English names are already romanised, Thai has no
/// capitals).
fn variant_name(rng: &mut Rng, original: &CompanyIdentity) -> String {
    let variant = match original.language {
        Language::English => rng.below(2),
        Language::Thai => 2 * rng.below(2),
        _ => rng.below(3),
    };
    match variant {
        0 => original.brand.clone(),
        1 => {
            let suffix = rng.pick(&["CORP.", "INC", "LTD.", "GROUP"]);
            format!("{} {} {suffix}", original.brand, original.industry.native).to_uppercase()
        }
        _ => {
            let mut name = capitalised(&original.brand_roman);
            name.push(' ');
            name.push_str(&capitalised(original.industry.roman).replace('-', " "));
            name.push_str(rng.pick(&[" Co., Ltd.", " LLC", " Ltd"]));
            name
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_stay_unique_even_when_words_run_out() {
        let mut identities = Identities::default();
        let mut rng = Rng::new(1);
        let mut seen = HashSet::new();
        // Far more Thai companies than the Thai word lists can combine.
        for _ in 0..30_000 {
            let identity = identities.company(&mut rng, Language::Thai);
            assert!(identity.domain.is_ascii(), "{}", identity.domain);
            assert!(identity.domain.ends_with(".co.th"));
            assert!(seen.insert(identity.domain));
        }
    }

    #[test]
    fn names_follow_each_language() {
        let mut identities = Identities::default();
        let mut rng = Rng::new(2);
        let russian = identities.company(&mut rng, Language::Russian);
        assert!(russian.name.contains('«') && russian.name.ends_with('»'), "{}", russian.name);
        let thai = identities.company(&mut rng, Language::Thai);
        assert!(thai.name.starts_with("บริษัท "), "{}", thai.name);
        let german = identities.company(&mut rng, Language::German);
        assert!(german.domain.ends_with(".de"));
    }

    #[test]
    fn duplicates_share_the_domain_under_another_name() {
        let mut identities = Identities::default();
        let mut rng = Rng::new(3);
        assert!(identities.duplicate(&mut rng).is_none());
        let original = identities.company(&mut rng, Language::English);
        let emma = SharedContact { name: "Emma Smith".into(), email: "emma.smith@example.com".into() };
        identities.remember(original.clone(), Some(emma.clone()));
        for _ in 0..20 {
            let duplicate = identities.duplicate(&mut rng).expect("a company was remembered");
            assert_eq!(duplicate.identity.domain, original.domain);
            assert_ne!(duplicate.identity.name, original.name);
            assert_eq!(duplicate.shared_contact.as_ref(), Some(&emma));
        }
    }
}
