//! The JS module in `pkg/`: `triage(bundle)` over the same JSON as the CLI. (Being written.)
