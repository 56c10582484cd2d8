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

use leptos::prelude::*;

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

/// The height of the charts drawn over a time axis (histogram, rate line), so they line up.
pub const AXIS_CHART_HEIGHT: f64 = 170.0;

/// A chart's words: its name (read first by screen readers, and the caption of its hidden
/// table) and one or two sentences with its main point.
#[derive(Debug, Clone)]
pub struct ChartText {
    pub title: String,
    pub description: Signal<String>,
}

impl ChartText {
    pub fn new(title: impl Into<String>, description: impl Into<Signal<String>>) -> Self {
        ChartText { title: title.into(), description: description.into() }
    }
}

/// The room between a chart's edges and its plot, in view units.
#[derive(Debug, Clone, Copy)]
pub struct Margins {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

/// The drawing of every chart: `VIEW_WIDTH` by `height` view units, scaled to its container,
/// and one image to a screen reader, named and described by `text`.
#[component]
pub fn ChartSvg(text: ChartText, #[prop(into)] height: Signal<f64>, children: Children) -> impl IntoView {
    let ChartText { title, description } = text;
    let label = title.clone();
    view! {
        <svg
            viewBox=move || format!("0 0 {} {}", VIEW_WIDTH, px(height.get()))
            width="100%"
            role="img"
            aria-label=label
            style="display:block;max-width:100%;height:auto"
        >
            <title>{title}</title>
            <desc>{move || description.get()}</desc>
            {children()}
        </svg>
    }
}

/// A grid line across the plot at `y`, labelled in the left margin.
#[component]
pub fn YGridLine(margins: Margins, y: String, label: String) -> impl IntoView {
    view! {
        <line x1=px(margins.left) x2=px(VIEW_WIDTH - margins.right) y1=y.clone() y2=y.clone() stroke=GRID />
        <text x=px(margins.left - 4.0) y=y dy="3" font-size=SMALL_SIZE fill=MUTED_INK text-anchor="end">
            {label}
        </text>
    }
}

/// The chart's numbers as a table only screen readers reach: one header row of `columns`,
/// the rows as children.
#[component]
pub fn HiddenTable(caption: String, columns: Vec<String>, children: Children) -> impl IntoView {
    view! {
        <table style=VISUALLY_HIDDEN>
            <caption>{caption}</caption>
            <thead>
                <tr>{columns.into_iter().map(|name| view! { <th scope="col">{name}</th> }).collect_view()}</tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}

/// One decimal place at most, for SVG coordinates.
pub fn px(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}
