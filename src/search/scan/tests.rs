use super::*;
use crate::model::AccountId;
use crate::search::Candidate;

fn candidate(kind: SearchKind, record: i64, text: &str) -> Candidate {
    Candidate { kind, record, account: AccountId(record % 10), text: text.to_owned() }
}

fn index(candidates: Vec<Candidate>) -> Arc<SearchIndex> {
    Arc::new(candidates.into_iter().collect())
}

fn workspace() -> Arc<SearchIndex> {
    index(vec![
        candidate(SearchKind::Note, 40, "Called Acme about the renewal"),
        candidate(SearchKind::Ticket, 30, "Acme: invoice missing"),
        candidate(SearchKind::Contact, 20, "Jane Roe  jane@acme.de"),
        candidate(SearchKind::Account, 10, "Acme GmbH  acme.de"),
        candidate(SearchKind::Account, 11, "Acme  acme.com"),
        candidate(SearchKind::Account, 12, "Globex  globex.com"),
        candidate(SearchKind::Account, 13, "Łódź Meble sp. z o.o.  lodz.pl"),
        candidate(SearchKind::Account, 14, "ООО «Радуга»  raduga.ru"),
        candidate(SearchKind::Account, 15, "บริษัท สยาม จำกัด  siam.co.th"),
    ])
}

fn search_all(index: &Arc<SearchIndex>, query: &str, limit: usize) -> Search {
    let mut search = Search::new(index.clone(), query, limit);
    assert!(search.step(usize::MAX));
    search
}

fn texts(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|hit| hit.text.as_str()).collect()
}

fn highlighted(hit: &Hit) -> String {
    let chars: Vec<char> = hit.text.chars().collect();
    hit.indices.iter().map(|index| chars[*index as usize]).collect()
}

#[test]
fn hits_are_grouped_by_kind_in_display_order() {
    let hits = search_all(&workspace(), "acme", 50).hits();
    let kinds: Vec<SearchKind> = hits.iter().map(|hit| hit.kind).collect();
    assert_eq!(
        kinds,
        [SearchKind::Account, SearchKind::Account, SearchKind::Contact, SearchKind::Ticket, SearchKind::Note]
    );
}

#[test]
fn a_group_is_ranked_by_score_then_shorter_text() {
    let hits = search_all(&workspace(), "acme", 50).hits();
    assert_eq!(texts(&hits[..2]), ["Acme  acme.com", "Acme GmbH  acme.de"]);
    assert!(hits[0].score >= hits[1].score);
}

#[test]
fn equal_scores_and_lengths_are_ranked_by_record_id() {
    let index = index(vec![
        candidate(SearchKind::Account, 9, "Acme"),
        candidate(SearchKind::Account, 3, "Acme"),
        candidate(SearchKind::Account, 5, "Acme"),
    ]);
    let records: Vec<i64> = search_all(&index, "acme", 50).hits().iter().map(|hit| hit.record).collect();
    assert_eq!(records, [3, 5, 9]);
}

#[test]
fn each_kind_keeps_only_its_best_hits() {
    let mut candidates: Vec<Candidate> =
        (0..100).map(|record| candidate(SearchKind::Ticket, record, &format!("ticket {record}"))).collect();
    candidates.push(candidate(SearchKind::Account, 1000, "ticketing ltd"));
    let hits = search_all(&index(candidates), "ticket", 5).hits();
    assert_eq!(hits.iter().filter(|hit| hit.kind == SearchKind::Ticket).count(), 5);
    assert_eq!(hits.iter().filter(|hit| hit.kind == SearchKind::Account).count(), 1);
    let tickets: Vec<&str> = texts(&hits).into_iter().filter(|text| text.starts_with("ticket ")).collect();
    assert_eq!(tickets, ["ticket 0", "ticket 1", "ticket 2", "ticket 3", "ticket 4"]);
}

#[test]
fn stepping_finds_what_one_big_step_finds() {
    let candidates: Vec<Candidate> = (0..2_000)
        .map(|record| {
            let kind = SearchKind::ALL[record as usize % 4];
            candidate(kind, record, &format!("customer {} {}", record * 7919 % 1000, record % 13))
        })
        .collect();
    let index = index(candidates);
    let whole = search_all(&index, "cus 12", 20);
    let mut stepped = Search::new(index.clone(), "cus 12", 20);
    let mut steps = 0;
    while !stepped.step(97) {
        steps += 1;
    }
    assert!(steps > 10);
    assert_eq!(stepped.hits(), whole.hits());
    assert_eq!(stepped.progress(), whole.progress());
    assert_eq!(whole.progress().scanned, 2_000);
}

#[test]
fn progress_counts_what_was_scanned_and_matched() {
    let mut search = Search::new(workspace(), "acme", 50);
    assert_eq!(search.progress(), SearchProgress { scanned: 0, total: 9, matches: 0 });
    assert!(!search.step(4));
    assert_eq!(search.progress(), SearchProgress { scanned: 4, total: 9, matches: 4 });
    assert!(search.step(100));
    assert_eq!(search.progress(), SearchProgress { scanned: 9, total: 9, matches: 5 });
}

#[test]
fn indices_point_at_the_matched_characters() {
    let hits = search_all(&workspace(), "jroe", 50).hits();
    assert_eq!(hits.len(), 1);
    assert_eq!(highlighted(&hits[0]), "JRoe");
    assert_eq!(hits[0].indices, [0, 5, 6, 7]);
}

#[test]
fn non_ascii_names_match_and_highlight() {
    let index = workspace();
    let lodz = search_all(&index, "Łódź", 50).hits();
    assert_eq!(texts(&lodz), ["Łódź Meble sp. z o.o.  lodz.pl"]);
    assert_eq!(highlighted(&lodz[0]), "Łódź");

    // Smart normalisation: a plain query finds the accented name.
    let plain = search_all(&index, "lodz meble", 50).hits();
    assert_eq!(texts(&plain), ["Łódź Meble sp. z o.o.  lodz.pl"]);

    let raduga = search_all(&index, "радуга", 50).hits();
    assert_eq!(texts(&raduga), ["ООО «Радуга»  raduga.ru"]);
    assert_eq!(highlighted(&raduga[0]), "Радуга");
    assert_eq!(raduga[0].indices, [5, 6, 7, 8, 9, 10]);
}

#[test]
fn thai_indices_name_the_first_char_of_each_matched_cluster() {
    let hits = search_all(&workspace(), "สยาม", 50).hits();
    assert_eq!(hits.len(), 1);
    // "บริษัท " is six chars; สยาม are four clusters of one char each.
    assert_eq!(highlighted(&hits[0]), "สยาม");

    // จำ is one cluster of two chars: a match of it points at จ.
    let chars: Vec<char> = hits[0].text.chars().collect();
    let cluster = search_all(&workspace(), "จำกัด", 50).hits();
    let first = cluster[0].indices[0] as usize;
    assert_eq!(chars[first], 'จ');
}

#[test]
fn smart_case_respects_capitals_only_when_typed() {
    let index =
        index(vec![candidate(SearchKind::Account, 1, "acme"), candidate(SearchKind::Account, 2, "ACME")]);
    assert_eq!(search_all(&index, "acme", 50).hits().len(), 2);
    assert_eq!(texts(&search_all(&index, "ACME", 50).hits()), ["ACME"]);
}

#[test]
fn an_empty_query_has_no_hits() {
    for query in ["", "   ", "!", "^"] {
        let mut search = Search::new(workspace(), query, 50);
        assert!(search.step(1), "{query:?}");
        assert!(search.hits().is_empty(), "{query:?}");
    }
}

#[test]
fn a_query_matching_nothing_has_no_hits() {
    assert!(search_all(&workspace(), "zzqx", 50).hits().is_empty());
}

#[test]
fn a_refined_search_finds_what_a_full_search_finds() {
    let index = workspace();
    for (shorter, longer) in [
        ("ac", "acme"),
        ("acme", "acme de"),
        ("ac", "acme$"),
        ("^ac", "^acme g"),
        ("'acme", "'acme."),
        ("a", "aCm"),
        ("lo", "lodz !meble"),
        ("ра", "радуга"),
    ] {
        let first = search_all(&index, shorter, 50);
        let mut refined = first.refine(longer).unwrap_or_else(|| panic!("{shorter:?} → {longer:?}"));
        assert!(refined.step(usize::MAX));
        assert!(refined.progress().total <= first.progress().matches);
        assert_eq!(refined.hits(), search_all(&index, longer, 50).hits(), "{shorter:?} → {longer:?}");
    }
}

#[test]
fn refinement_is_refused_where_it_could_miss_hits() {
    let index = workspace();
    for (shorter, longer) in [
        // a longer negated needle excludes fewer candidates
        ("acme !g", "acme !gm"),
        // the suffix atom would become a fuzzy one
        ("de$", "de$x"),
        // an escape changes the meaning of what came before
        ("acme\\", "acme\\ gmbh"),
        // not an extension
        ("acme", "acm"),
        ("acme", "acne"),
        // the empty query matched nothing
        ("", "a"),
    ] {
        assert!(search_all(&index, shorter, 50).refine(longer).is_none(), "{shorter:?} → {longer:?}");
    }
    let unfinished = Search::new(index, "ac", 50);
    assert!(unfinished.refine("acme").is_none());
}

#[test]
fn the_character_mask_never_skips_a_match() {
    let texts = [
        "CAFÉ Łódź",
        "Crème Brûlée SARL  creme.fr",
        "Kelvin \u{212a}elvin",
        "ООО «Радуга»  raduga.ru",
        "Straße & Söhne GmbH",
        "e\u{301}cole  ecole.fr",
        "x@y.z",
        "บริษัท สยาม จำกัด",
    ];
    let queries = [
        "cafe",
        "CAFÉ",
        "lodz",
        "ódź",
        "creme brulee",
        "kelvin",
        "KE",
        "радуга",
        "strasse",
        "sohne",
        "ecole",
        "@y",
        "สยาม",
        "x!",
        "'e.f",
        "^st",
        "de$",
    ];
    let candidates =
        texts.iter().enumerate().map(|(record, text)| candidate(SearchKind::Account, record as i64, text));
    let index = index(candidates.collect());
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    for query in queries {
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        let expected = texts
            .iter()
            .filter(|text| pattern.score(Utf32Str::new(text, &mut buffer), &mut matcher).is_some())
            .count();
        assert_eq!(search_all(&index, query, 50).progress().matches, expected, "{query:?}");
    }
}

// Texts and queries are drawn from a small alphabet holding nucleo's
// operators, case pairs, accented letters and a letter nucleo does not
// normalise.

fn random_index(texts: &[String]) -> Arc<SearchIndex> {
    let candidates = texts
        .iter()
        .enumerate()
        .map(|(position, text)| candidate(SearchKind::ALL[position % 4], position as i64 % 7, text));
    index(candidates.collect())
}

proptest::proptest! {
    #[test]
    fn a_search_agrees_with_nucleo_however_it_is_stepped(
        texts in proptest::collection::vec("[abABéÉłŁ@. $!'^\\\\]{0,10}", 0..40),
        query in "[abABéÉłŁ@. $!'^\\\\]{0,4}",
        slice in 1..9usize,
    ) {
        let index = random_index(&texts);
        let whole = search_all(&index, &query, 3);
        let mut stepped = Search::new(index, &query, 3);
        while !stepped.step(slice) {}
        proptest::prop_assert_eq!(stepped.hits(), whole.hits());

        let pattern = Pattern::parse(&query, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let expected = if pattern.atoms.is_empty() {
            0
        } else {
            texts.iter().filter(|text| pattern.score(Utf32Str::new(text, &mut buffer), &mut matcher).is_some()).count()
        };
        proptest::prop_assert_eq!(whole.progress().matches, expected);
    }

    #[test]
    fn a_refined_search_agrees_with_a_full_one(
        texts in proptest::collection::vec("[abABéÉłŁ@. $!'^\\\\]{0,10}", 0..40),
        query in "[abABéÉłŁ@. $!'^\\\\]{1,4}",
        extension in "[abABéÉłŁ@. $!'^\\\\]{1,3}",
    ) {
        let index = random_index(&texts);
        let longer = format!("{query}{extension}");
        if let Some(mut refined) = search_all(&index, &query, 3).refine(&longer) {
            refined.step(usize::MAX);
            let full = search_all(&index, &longer, 3);
            proptest::prop_assert_eq!(refined.hits(), full.hits());
            proptest::prop_assert_eq!(refined.progress().matches, full.progress().matches);
        }
    }
}
