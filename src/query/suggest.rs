//! "Did you mean …?": the candidate nearest to a mistyped word, by the
//! optimal-string-alignment distance (Levenshtein plus swapping two
//! neighbouring letters, the most common typo: "helaht").

/// The candidate closest to `word`, ignoring case, if it is close enough to
/// be a plausible typo: up to one edit in short words, up to a third of the
/// word's length (at most three) in longer ones.
pub(super) fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    let allowed = (length / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&word, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= allowed)
        // The first of equally near candidates wins, so the catalog's order decides ties.
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Insertions, deletions, substitutions and swaps of two neighbouring
/// characters needed to turn `a` into `b` (each substring edited once).
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the dynamic-programming table: two back for the swap.
    let mut before_previous = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before_previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_each_kind_of_edit_once() {
        assert_eq!(edit_distance("health", "health"), 0);
        assert_eq!(edit_distance("helth", "health"), 1);
        assert_eq!(edit_distance("heatlh", "health"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("łódź", "lodz"), 3);
    }

    #[test]
    fn the_nearest_candidate_must_be_close() {
        let fields = ["health", "band", "stage", "renewal"];
        assert_eq!(nearest("helth", fields), Some("health"));
        assert_eq!(nearest("HEALHT", fields), Some("health"));
        assert_eq!(nearest("renewl", fields), Some("renewal"));
        assert_eq!(nearest("bnd", fields), Some("band"));
        assert_eq!(nearest("xyz", fields), None);
        assert_eq!(nearest("customer", fields), None);
    }
}
