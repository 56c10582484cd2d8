//! The compact form the learned readers' tables ship in (`danger_weights.tsv`,
//! `category_weights.tsv`): the build script encodes each table, the engine decodes it.
//!
//! The tables are text so that training writes something a person can read and diff, but
//! every browser's first triage fetches them, and as text they were 71 KB of it gzipped
//! (issue 16). Here each weight is an `i16` of thousandths (the tables print two or three
//! decimals) and each feature is written after the one before as the length of the prefix
//! they share and the rest: the features are sorted, and neighbours share most of their
//! letters. Features and weights are kept in two runs, each compressing better alone.
//!
//! The weights read back exactly as the text's: an `f32` division of two exact integers is
//! rounded once, to the `f32` nearest the decimal, which is what parsing the text gives.
//!
//! Also compiled into `build.rs` (by path), so it uses `std` alone.

/// Weights are stored in thousandths.
const SCALE: f32 = 1000.0;

/// A table's text (`feature<TAB>weight…` per line, a missing or empty cell weighing nothing)
/// in the compact form: the number of rows (`u32`) and of weights per row (`u8`), every weight
/// (`i16` thousandths, little-endian) row by row, then every row's feature (the length of the
/// prefix it shares with the feature before as one byte, the rest, `\n`). `Err` names a line
/// training never writes.
pub fn encode(table: &str) -> Result<Vec<u8>, String> {
    let lines: Vec<&str> = table.lines().collect();
    let columns = lines.iter().map(|line| line.split('\t').count() - 1).max().unwrap_or(0);
    let columns = u8::try_from(columns).map_err(|_| format!("{columns} weights on a line"))?;
    let rows = u32::try_from(lines.len()).map_err(|_| "too many lines".to_owned())?;
    let mut out = Vec::with_capacity(table.len());
    out.extend_from_slice(&rows.to_le_bytes());
    out.push(columns);
    for (number, line) in (1..).zip(&lines) {
        let cells: Vec<&str> = line.split('\t').skip(1).collect();
        for column in 0..usize::from(columns) {
            let cell = cells.get(column).copied().unwrap_or_default();
            let thousandths = thousandths(cell).ok_or_else(|| format!("line {number}: weight {cell:?}"))?;
            out.extend_from_slice(&thousandths.to_le_bytes());
        }
    }
    let mut previous = "";
    for line in &lines {
        let feature = line.split('\t').next().unwrap_or_default();
        let shared = previous.bytes().zip(feature.bytes()).take_while(|(a, b)| a == b).count().min(255);
        // The rest starts on a character boundary, so that it is text of its own.
        let shared = (0..=shared).rev().find(|&at| feature.is_char_boundary(at)).unwrap_or(0);
        out.push(shared as u8);
        out.extend_from_slice(&feature.as_bytes()[shared..]);
        out.push(b'\n');
        previous = feature;
    }
    Ok(out)
}

/// A decimal with at most three places, in thousandths, exactly (no float on the way); an empty
/// cell is zero.
fn thousandths(cell: &str) -> Option<i16> {
    if cell.is_empty() {
        return Some(0);
    }
    let (negative, digits) = match cell.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cell),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || fraction.len() > 3 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let whole: i32 = whole.parse().ok()?;
    let fraction: i32 = format!("{fraction:0<3}").parse().ok()?;
    let value = whole.checked_mul(1000)?.checked_add(fraction)?;
    // "-0.00" parses to -0.0, which thousandths cannot hold: refused rather than read as +0.0.
    if negative && value == 0 {
        return None;
    }
    i16::try_from(if negative { -value } else { value }).ok()
}

/// One row of a table: its feature and its weights.
pub struct Row<'t> {
    pub feature: &'t str,
    weights: &'t [u8],
}

impl Row<'_> {
    /// The row's weights, in column order.
    pub fn weights(&self) -> impl Iterator<Item = f32> + '_ {
        self.weights.chunks_exact(2).map(|pair| f32::from(i16::from_le_bytes([pair[0], pair[1]])) / SCALE)
    }
}

/// How many rows a table [`encode`] wrote holds, as its header says: for sizing what is read
/// into.
pub fn row_count(table: &[u8]) -> usize {
    let header = |at: usize| table.get(at).copied().unwrap_or(0);
    u32::from_le_bytes([header(0), header(1), header(2), header(3)]) as usize
}

/// `visit` each row of a table [`encode`] wrote, in order. Each feature is rebuilt in one
/// buffer and lent, not copied: the readers copy only what they keep, and a first triage
/// reads 13,000 rows. The build wrote the bytes: a table cut short ends the rows early rather
/// than failing (the readers' tests would then fail).
pub fn for_each_row(table: &[u8], mut visit: impl FnMut(Row<'_>)) {
    let rows = row_count(table);
    let row_bytes = usize::from(table.get(4).copied().unwrap_or(0)) * 2;
    let weights_end = (5 + rows * row_bytes).min(table.len());
    let weights = table.get(5..weights_end).unwrap_or_default();
    let mut features = table.get(weights_end..).unwrap_or_default();
    let mut feature = String::new();
    let mut weight_rows = weights.chunks(row_bytes.max(1));
    // The prefix length is a byte of its own and may be `\n` (10): the rest is after it.
    while let Some((&shared, rest)) = features.split_first() {
        let Some(end) = rest.iter().position(|&b| b == b'\n') else { return };
        let shared = usize::from(shared);
        if shared > feature.len() || !feature.is_char_boundary(shared) {
            return;
        }
        let Ok(text) = std::str::from_utf8(&rest[..end]) else { return };
        feature.truncate(shared);
        feature.push_str(text);
        features = &rest[end + 1..];
        let weights = match weight_rows.next() {
            _ if row_bytes == 0 => &[][..],
            Some(weights) => weights,
            None => return,
        };
        visit(Row { feature: &feature, weights });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_back(table: &str) -> Vec<(String, Vec<f32>)> {
        let encoded = encode(table).expect("a well-formed table");
        let mut rows = Vec::new();
        for_each_row(&encoded, |row| rows.push((row.feature.to_owned(), row.weights().collect())));
        rows
    }

    /// What the text says, read as the tables were before they were encoded.
    fn as_text_says(table: &str) -> Vec<(String, Vec<f32>)> {
        let columns = table.lines().map(|line| line.split('\t').count() - 1).max().unwrap_or(0);
        table
            .lines()
            .map(|line| {
                let mut cells = line.split('\t');
                let feature = cells.next().unwrap_or_default().to_owned();
                let mut weights: Vec<f32> = cells.map(|cell| cell.parse().unwrap_or(0.0)).collect();
                weights.resize(columns, 0.0);
                (feature, weights)
            })
            .collect()
    }

    fn assert_bit_for_bit(table: &str) {
        let (read, said) = (read_back(table), as_text_says(table));
        assert_eq!(read.len(), said.len());
        for ((feature, weights), (text_feature, text_weights)) in read.iter().zip(&said) {
            assert_eq!(feature, text_feature);
            let bits = |w: &[f32]| w.iter().map(|w| w.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(weights), bits(text_weights), "{feature}");
        }
    }

    #[test]
    fn the_danger_table_reads_back_bit_for_bit() {
        assert_bit_for_bit(include_str!("danger_weights.tsv"));
    }

    #[test]
    fn the_category_table_reads_back_bit_for_bit() {
        assert_bit_for_bit(include_str!("category_weights.tsv"));
    }

    #[test]
    fn a_shared_prefix_of_ten_bytes_is_not_a_line_end() {
        // Ten is the byte of `\n`.
        assert_bit_for_bit("abcdefghij one\t1.5\nabcdefghij two\t-0.25\ncafé\t0.001\ncafés\t12");
    }

    #[test]
    fn a_weight_with_four_places_is_refused_by_line() {
        assert_eq!(encode("a\t0.5\nb\t0.1234"), Err("line 2: weight \"0.1234\"".to_owned()));
    }

    #[test]
    fn a_weight_past_what_thousandths_hold_is_refused() {
        assert!(encode("a\t33").is_err());
        assert!(encode("a\t-0.00").is_err(), "negative zero");
    }
}
