//! A voicemail transcript with every cited evidence span highlighted and labeled.
//!
//! Evidence offsets are Unicode code points (TRIAGE.md). The text is cut at every span
//! boundary, so overlapping spans stay visible: each piece lists all the labels covering it,
//! and each span's label is printed once, right after the span ends.

use leptos::prelude::*;

/// One cited span: code-point range, the label to show, and its kind (a CSS class suffix).
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub kind: &'static str,
}

/// A piece of the transcript and the highlights that cover it; `ends` are labels closing here.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    text: String,
    covering: Vec<usize>,
    ends: Vec<usize>,
}

fn pieces(text: &str, highlights: &[Highlight]) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let mut cuts: Vec<usize> = vec![0, len];
    for h in highlights.iter().filter(|h| h.start < h.end && h.end <= len) {
        cuts.push(h.start);
        cuts.push(h.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let (from, to) = (w[0], w[1]);
            let valid = |h: &&Highlight| h.start < h.end && h.end <= len;
            Piece {
                text: chars[from..to].iter().collect(),
                covering: (0..highlights.len())
                    .filter(|&i| valid(&&highlights[i]) && highlights[i].start <= from && to <= highlights[i].end)
                    .collect(),
                ends: (0..highlights.len()).filter(|&i| valid(&&highlights[i]) && highlights[i].end == to).collect(),
            }
        })
        .collect()
}

#[component]
pub fn EvidenceTranscript(text: String, highlights: Vec<Highlight>) -> impl IntoView {
    let pieces = pieces(&text, &highlights);
    let views = pieces
        .into_iter()
        .map(|piece| {
            let labels: Vec<String> = piece.covering.iter().map(|&i| highlights[i].label.clone()).collect();
            let tags = piece
                .ends
                .iter()
                .map(|&i| {
                    let h = &highlights[i];
                    view! { <span class=format!("ev-tag ev-{}", h.kind)>{h.label.clone()}</span> }
                })
                .collect_view();
            if piece.covering.is_empty() {
                view! {
                    <span>{piece.text}</span>
                    {tags}
                }
                .into_any()
            } else {
                let kind = highlights[piece.covering[0]].kind;
                view! {
                    <mark class=format!("ev ev-{kind}") title=labels.join(", ") data-labels=labels.join(",")>
                        {piece.text}
                    </mark>
                    {tags}
                }
                .into_any()
            }
        })
        .collect_view();
    view! { <blockquote class="transcript">{views}</blockquote> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_cut_the_text_at_every_boundary() {
        let h = |start, end, label: &str| Highlight { start, end, label: label.into(), kind: "urgent" };
        let text = "héllo gas smell now";
        let parts = pieces(text, &[h(6, 15, "gas"), h(10, 19, "smell now")]);
        let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["héllo ", "gas ", "smell", " now"]);
        assert_eq!(parts[2].covering, [0, 1]);
        assert_eq!(parts[2].ends, [0]);
    }
}
