//! `BarChart`: horizontal bars, one per category (missed calls by source). Labels sit above
//! their bars so long source names stay readable at sidebar width; an optional highlighted
//! part of each bar (after-hours calls) is drawn darker and named in the legend.

use leptos::prelude::*;

use super::{px, BAR_FILL, GRID, INK, LABEL_SIZE, MUTED_INK, SECOND_FILL, SMALL_SIZE, VIEW_WIDTH, VISUALLY_HIDDEN};
use crate::engine::charts::{count_ticks, format_tick, LinearScale};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarDatum {
    pub label: String,
    pub value: f64,
    /// The part of `value` drawn darker (e.g. after-hours calls), if any.
    pub part: Option<f64>,
}

const ROW_HEIGHT: f64 = 34.0;
const BAR_HEIGHT: f64 = 14.0;
const TOP: f64 = 8.0;
const LEFT: f64 = 4.0;
const VALUE_ROOM: f64 = 44.0;
const AXIS_ROOM: f64 = 18.0;

#[component]
pub fn BarChart(
    /// The chart's name, read first by screen readers.
    #[prop(into)]
    title: String,
    /// One or two sentences with the chart's main point.
    #[prop(into)]
    description: Signal<String>,
    #[prop(into)] bars: Signal<Vec<BarDatum>>,
    /// Column header of the values in the data table (e.g. "Missed calls").
    #[prop(into)]
    value_name: String,
    /// Legend and table header for the highlighted part, when bars have one.
    #[prop(optional, into)]
    part_name: Option<String>,
) -> impl IntoView {
    let height = move || TOP + bars.with(Vec::len) as f64 * ROW_HEIGHT + AXIS_ROOM;
    let scale = Memo::new(move |_| {
        let max = bars.with(|b| b.iter().map(|d| d.value).fold(0.0, f64::max));
        let ticks = count_ticks(max, 4);
        let top = ticks.last().copied().unwrap_or(1.0);
        (LinearScale::new((0.0, top), (LEFT, VIEW_WIDTH - VALUE_ROOM)), ticks)
    });
    let legend_part = part_name.clone();
    let table_part = part_name.clone();
    let label = title.clone();

    view! {
        <figure class="cc-chart cc-bar-chart" style="margin:0">
            <svg
                viewBox=move || format!("0 0 {} {}", VIEW_WIDTH, px(height()))
                width="100%"
                role="img"
                aria-label=label
                style="display:block;max-width:100%;height:auto"
            >
                <title>{title.clone()}</title>
                <desc>{move || description.get()}</desc>
                {move || {
                    let (x, ticks) = scale.get();
                    let bottom = height() - AXIS_ROOM;
                    ticks
                        .into_iter()
                        .map(|tick| {
                            let at = px(x.map(tick));
                            view! {
                                <line
                                    x1=at.clone()
                                    x2=at.clone()
                                    y1=px(TOP)
                                    y2=px(bottom)
                                    stroke=GRID
                                    stroke-width="1"
                                />
                                <text x=at y=px(bottom + 12.0) font-size=SMALL_SIZE fill=MUTED_INK text-anchor="middle">
                                    {format_tick(tick)}
                                </text>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    let (x, _) = scale.get();
                    bars.get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, bar)| {
                            let y = TOP + i as f64 * ROW_HEIGHT;
                            let width = (x.map(bar.value) - LEFT).max(0.0);
                            let part_width = bar.part.map(|p| (x.map(p.min(bar.value)) - LEFT).max(0.0));
                            view! {
                                <g>
                                    <text x=px(LEFT) y=px(y + 10.0) font-size=LABEL_SIZE fill=INK>
                                        {bar.label.clone()}
                                    </text>
                                    <rect
                                        x=px(LEFT)
                                        y=px(y + 14.0)
                                        width=px(width)
                                        height=px(BAR_HEIGHT)
                                        fill=BAR_FILL
                                        rx="2"
                                    />
                                    {part_width
                                        .map(|w| {
                                            view! {
                                                <rect
                                                    x=px(LEFT)
                                                    y=px(y + 14.0)
                                                    width=px(w)
                                                    height=px(BAR_HEIGHT)
                                                    fill=SECOND_FILL
                                                    rx="2"
                                                />
                                            }
                                        })}
                                    <text x=px(LEFT + width + 4.0) y=px(y + 25.0) font-size=LABEL_SIZE fill=INK>
                                        {format_tick(bar.value)}
                                    </text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
            </svg>
            {legend_part
                .map(|name| {
                    view! {
                        <figcaption style=format!("font-size:12px;color:{MUTED_INK}")>
                            <span style=format!(
                                "display:inline-block;width:10px;height:10px;background:{BAR_FILL};margin-right:4px",
                            ) />
                            "all "
                            <span style=format!(
                                "display:inline-block;width:10px;height:10px;background:{SECOND_FILL};margin:0 4px 0 10px",
                            ) />
                            {name}
                        </figcaption>
                    }
                })}
            <table style=VISUALLY_HIDDEN>
                <caption>{title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Category"</th>
                        <th scope="col">{value_name}</th>
                        {table_part.clone().map(|name| view! { <th scope="col">{name}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let with_part = table_part.is_some();
                        bars.get()
                            .into_iter()
                            .map(|bar| {
                                view! {
                                    <tr>
                                        <th scope="row">{bar.label}</th>
                                        <td>{format_tick(bar.value)}</td>
                                        {with_part
                                            .then(|| {
                                                view! { <td>{bar.part.map(format_tick).unwrap_or_default()}</td> }
                                            })}
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </figure>
    }
}
