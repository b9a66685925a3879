//! "Did you mean …?": the valid name nearest to a mistyped one. Used for
//! unknown names in the configuration files and for unknown commands on the
//! console's command line.

/// The valid name closest to `word`, if one is close enough to be a likely
/// slip: a few letters off (swapping two counts as one), or the start of
/// the name ("full" for "full_at").
pub fn nearest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    let allowed = word.chars().count().div_ceil(3).max(2);
    names
        .iter()
        .map(|name| {
            let distance = edit_distance(&word, name);
            let prefix = word.chars().count() >= 3 && name.starts_with(word.as_str());
            (if prefix { 0 } else { distance }, *name)
        })
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// Edits — insertions, deletions, substitutions and swaps of neighbours —
/// between two words (the optimal string alignment distance).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // distances[i][j]: between the first i characters of a and the first j of b.
    let mut distances = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in distances.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in distances[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = distances[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(distances[i - 1][j] + 1).min(distances[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(distances[i - 2][j - 2] + 1);
            }
            distances[i][j] = best;
        }
    }
    distances[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_name_is_suggested_only_when_close() {
        let names = ["usage", "support", "sentiment", "engagement", "financial", "lifecycle"];
        assert_eq!(nearest("usgae", &names), Some("usage"));
        assert_eq!(nearest("Sentimen", &names), Some("sentiment"));
        assert_eq!(nearest("finance", &names), Some("financial"));
        assert_eq!(nearest("billing", &names), None);
        assert_eq!(nearest("full", &["full_at", "zero_at"]), Some("full_at"));
        assert_eq!(nearest("list.dwon", &["list.down", "list.up"]), Some("list.down"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("usgae", "usage"), 1);
    }
}
