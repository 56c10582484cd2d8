//! A voicemail transcript and the evidence that may be cited from it.
//!
//! `Evidence` can only be made from a span of a `Transcript` (or named as call-record or CRM
//! evidence), so a quote always equals the transcript's text at its code-point offsets:
//! nothing can be cited that is not there.

use serde::{Deserialize, Serialize};

/// A transcript with byte↔code-point offset conversion.
#[derive(Debug, Clone, Copy)]
pub struct Transcript<'a> {
    text: &'a str,
    /// Known once, so that each citation's offsets cost nothing on an ASCII transcript
    /// instead of a scan of the text before them.
    ascii: bool,
}

/// A byte range of a transcript that lies on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How much of one voicemail the engine reads: 32 KiB, about twenty minutes of speech and
/// several times the longest voicemail a phone system records. Reading is linear in the
/// length, so the cap is not about speed alone: it bounds the work one hostile transcript can
/// cause on every surface that triages (the app re-triages each minute). Words past it give
/// no urgency, category, summary line or postal code (docs/RULES.md).
pub const MAX_READ_BYTES: usize = 32 * 1024;

impl<'a> Transcript<'a> {
    pub fn new(text: &'a str) -> Self {
        Transcript { text, ascii: text.is_ascii() }
    }

    /// The part of a transcript the engine reads: at most `MAX_READ_BYTES`, cut after the last
    /// whole word that fits. It is a prefix, so its offsets are the whole transcript's.
    pub fn for_reading(text: &'a str) -> Self {
        if text.len() <= MAX_READ_BYTES {
            return Transcript::new(text);
        }
        let mut end = MAX_READ_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text[..end];
        let at_space = head.rfind(char::is_whitespace).filter(|&i| end - i < 64).unwrap_or(end);
        Transcript::new(&text[..at_space])
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The text of a span, or `None` when the span is not on char boundaries of this text.
    pub fn slice(&self, span: Span) -> Option<&'a str> {
        self.text.get(span.start..span.end)
    }

    /// Code-point offset of a byte offset.
    pub fn code_point_offset(&self, byte: usize) -> usize {
        if self.ascii && byte <= self.text.len() {
            return byte;
        }
        let head = &self.text[..byte];
        // Most transcripts are ASCII: a byte is a code point, and checking is cheaper than
        // counting.
        if head.is_ascii() {
            byte
        } else {
            head.chars().count()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSource {
    Voicemail,
    CallRecord,
    Crm,
}

/// One cited fact behind a label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    source: EvidenceSource,
    signal: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    /// Set when the quote comes from another call's voicemail (a repeat call folded into
    /// this one); `start`/`end` then index that call's transcript.
    #[serde(skip_serializing_if = "Option::is_none")]
    call_id: Option<String>,
}

impl Evidence {
    /// Evidence quoted from this call's voicemail. `None` when the span is not in the text.
    pub fn quoted(transcript: &Transcript<'_>, span: Span, signal: &str) -> Option<Evidence> {
        let quote = transcript.slice(span)?;
        Some(Evidence {
            source: EvidenceSource::Voicemail,
            signal: signal.to_owned(),
            quote: Some(quote.to_owned()),
            start: Some(transcript.code_point_offset(span.start)),
            end: Some(transcript.code_point_offset(span.end)),
            call_id: None,
        })
    }

    /// A fact from the call log itself (repeat calls, time of call).
    pub fn call_record(signal: &str) -> Evidence {
        Evidence {
            source: EvidenceSource::CallRecord,
            signal: signal.to_owned(),
            quote: None,
            start: None,
            end: None,
            call_id: None,
        }
    }

    /// A fact read from the CRM (a contact's stored postal code).
    pub fn crm(signal: &str, value: &str) -> Evidence {
        Evidence {
            source: EvidenceSource::Crm,
            signal: signal.to_owned(),
            quote: Some(value.to_owned()),
            start: None,
            end: None,
            call_id: None,
        }
    }

    /// The same voicemail evidence, re-cited on the call a repeat call was folded into.
    /// It becomes call-record evidence that names the call whose transcript it quotes.
    pub fn from_folded_call(&self, call_id: &str) -> Evidence {
        match self.source {
            EvidenceSource::Voicemail => {
                Evidence { source: EvidenceSource::CallRecord, call_id: Some(call_id.to_owned()), ..self.clone() }
            }
            _ => self.clone(),
        }
    }

    pub fn source(&self) -> EvidenceSource {
        self.source
    }
    pub fn signal(&self) -> &str {
        &self.signal
    }
    pub fn quote(&self) -> Option<&str> {
        self.quote.as_deref()
    }
    /// Code-point offsets in the transcript, for voicemail evidence.
    pub fn code_points(&self) -> Option<(usize, usize)> {
        Some((self.start?, self.end?))
    }
    pub fn call_id(&self) -> Option<&str> {
        self.call_id.as_deref()
    }
    /// The span to highlight in this call's own transcript: voicemail evidence with its
    /// offsets. Evidence from the call log, the CRM or a folded call's voicemail has none.
    pub fn span_in_this_voicemail(&self) -> Option<(usize, usize)> {
        if self.source == EvidenceSource::Voicemail && self.call_id.is_none() {
            self.code_points()
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_in_this_voicemail_only_for_own_voicemail_evidence() {
        let own = Evidence {
            source: EvidenceSource::Voicemail,
            signal: "gas_smell".into(),
            quote: Some("smell gas".into()),
            start: Some(4),
            end: Some(13),
            call_id: None,
        };
        assert_eq!(own.span_in_this_voicemail(), Some((4, 13)));
        assert_eq!(own.from_folded_call("CA2").span_in_this_voicemail(), None);
        assert_eq!(Evidence::call_record("repeat_calls").span_in_this_voicemail(), None);
        assert_eq!(Evidence::crm("postal_code", "80202").span_in_this_voicemail(), None);
    }
}
