//! Small SVG chart components for the reports (and the sidebar width): a horizontal bar
//! chart, a weekday × hour heatmap, a histogram and a daily rate line.
//!
//! Each takes its data by props, draws into a `viewBox` so it scales to any width (readable
//! from 320 px up), and carries a text alternative: `role="img"` with an `aria-label`, SVG
//! `<title>`/`<desc>`, and a visually hidden table of the same numbers. Scales, ticks,
//! binning and colours come from `engine::charts`; nothing here decides what a number means.

pub mod bar_chart;
pub mod heatmap;
pub mod histogram;
pub mod rate_line;

pub use bar_chart::{BarChart, BarDatum};
pub use heatmap::HeatmapChart;
pub use histogram::Histogram;
pub use rate_line::RateLine;

/// Hides an element visually while keeping it in the accessibility tree (the classic
/// "visually hidden" pattern), inline so the charts need no stylesheet.
pub const VISUALLY_HIDDEN: &str = "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;\
clip:rect(0,0,0,0);white-space:nowrap;border:0";

/// The width every chart draws in; the SVG scales to its container.
pub const VIEW_WIDTH: f64 = 320.0;

/// Font sizes in view units: at 320 px wide they render at their nominal size.
pub const LABEL_SIZE: &str = "11";
pub const SMALL_SIZE: &str = "9.5";

/// Colours that keep WCAG contrast on white.
pub const INK: &str = "#1f2937";
pub const MUTED_INK: &str = "#4b5563";
pub const GRID: &str = "#e5e7eb";
pub const BAR_FILL: &str = "#2563eb";
pub const SECOND_FILL: &str = "#b45309";

/// One decimal place at most, for SVG coordinates.
pub fn px(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}
