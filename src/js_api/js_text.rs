//! JS strings copied into Rust by the browser's own UTF-8 encoder.
//!
//! wasm-bindgen's glue for a `&str` parameter copies the string's ASCII prefix one UTF-16 unit
//! at a time in a JavaScript loop before it hands the rest to `TextEncoder.encodeInto`. For a
//! bundle of 20 MB, nearly all ASCII, that loop was most of what `triageJson` spent at the
//! boundary (the README's benchmark page figures). Here the whole string goes through
//! `encodeInto`, which the browser runs natively, straight into the `Vec`'s memory.
//! Unpaired surrogates become U+FFFD, as with wasm-bindgen's own copy.

use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type TextEncoder;

    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;

    /// Encodes as much of `source` as fits in `destination`, never splitting a character.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, destination: &Uint8Array) -> EncodeIntoResult;

    type EncodeIntoResult;

    /// UTF-16 units of the source consumed.
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> f64;

    /// Bytes written into the destination.
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> f64;
}

/// `text` as a Rust string, encoded by the browser in as few passes as its characters allow.
pub(crate) fn string_from_js(text: &JsString) -> String {
    let encoder = TextEncoder::new();
    let units = text.length() as usize;
    // Sized for ASCII, the common case: one byte a unit. Text beyond that is encoded again
    // from where the encoder stopped, with room for its worst case (three bytes a unit).
    let mut bytes: Vec<u8> = Vec::with_capacity(units);
    let mut rest = text.clone();
    loop {
        let room = bytes.capacity() - bytes.len();
        // SAFETY: the view covers the Vec's spare capacity only, and nothing allocates (which
        // could move or grow the wasm memory under the view) between making it and the copy.
        let destination = unsafe { Uint8Array::view_mut_raw(bytes.as_mut_ptr().add(bytes.len()), room) };
        let result = encoder.encode_into(&rest, &destination);
        let written = result.written() as usize;
        // SAFETY: `encodeInto` wrote `written <= room` bytes into the spare capacity.
        unsafe { bytes.set_len(bytes.len() + written) };
        let read = result.read() as u32;
        if read >= rest.length() {
            break;
        }
        rest = rest.slice(read, rest.length());
        bytes.reserve(rest.length() as usize * 3);
    }
    // encodeInto writes whole characters of well-formed UTF-8 only; checking costs one pass
    // over memory already in cache and keeps this free of an unchecked conversion.
    String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}
