//! `Histogram`: how many calls fall in each time bin (time to owner, time to callback). The
//! bins come from `engine::charts::minute_histogram` on a human clock (15 m, 1 h, 1 d ...),
//! drawn as equal-width columns labelled by their edges.

use leptos::prelude::*;

use super::{px, BAR_FILL, GRID, INK, LABEL_SIZE, MUTED_INK, SMALL_SIZE, VIEW_WIDTH, VISUALLY_HIDDEN};
use crate::engine::charts::{count_ticks, format_tick, BandScale, Bin, LinearScale};

const HEIGHT: f64 = 170.0;
const TOP: f64 = 10.0;
const LEFT: f64 = 30.0;
const RIGHT: f64 = 12.0;
const BOTTOM: f64 = 34.0;

#[component]
pub fn Histogram(
    #[prop(into)] title: String,
    #[prop(into)] description: Signal<String>,
    #[prop(into)] bins: Signal<Vec<Bin>>,
    /// What the x axis measures, e.g. "time from call to first callback attempt".
    #[prop(into)]
    axis_name: String,
    /// Shown instead of the chart when there are no bins.
    #[prop(into)]
    empty_text: String,
) -> impl IntoView {
    let plot_bottom = HEIGHT - BOTTOM;
    let layout = Memo::new(move |_| {
        let max = bins.with(|b| b.iter().map(|bin| bin.count).max().unwrap_or(0));
        let ticks = count_ticks(f64::from(max), 4);
        let top = ticks.last().copied().unwrap_or(1.0);
        let y = LinearScale::new((0.0, top), (plot_bottom, TOP));
        let x = BandScale::new(bins.with(Vec::len), (LEFT, VIEW_WIDTH - RIGHT), 0.08);
        (x, y, ticks)
    });
    let label = title.clone();
    let table_title = title.clone();
    let axis = axis_name.clone();

    view! {
        <figure class="cc-chart cc-histogram" style="margin:0">
            <Show
                when=move || bins.with(|b| !b.is_empty())
                fallback=move || view! { <p style=format!("color:{MUTED_INK};font-size:13px")>{empty_text.clone()}</p> }
            >
                <svg
                    viewBox=format!("0 0 {} {}", VIEW_WIDTH, HEIGHT)
                    width="100%"
                    role="img"
                    aria-label=label.clone()
                    style="display:block;max-width:100%;height:auto"
                >
                    <title>{title.clone()}</title>
                    <desc>{move || description.get()}</desc>
                    {move || {
                        let (_, y, ticks) = layout.get();
                        ticks
                            .into_iter()
                            .map(|tick| {
                                let at = px(y.map(tick));
                                view! {
                                    <line
                                        x1=px(LEFT)
                                        x2=px(VIEW_WIDTH - RIGHT)
                                        y1=at.clone()
                                        y2=at.clone()
                                        stroke=GRID
                                    />
                                    <text
                                        x=px(LEFT - 4.0)
                                        y=at
                                        dy="3"
                                        font-size=SMALL_SIZE
                                        fill=MUTED_INK
                                        text-anchor="end"
                                    >
                                        {format_tick(tick)}
                                    </text>
                                }
                            })
                            .collect_view()
                    }}
                    {move || {
                        let (x, y, _) = layout.get();
                        let list = bins.get();
                        let count = list.len();
                        list.into_iter()
                            .enumerate()
                            .filter_map(|(i, bin)| {
                                let band = x.band(i)?;
                                let top = y.map(f64::from(bin.count));
                                let edge = px(band.start - x.step() * 0.04);
                                let start_label = bin
                                    .label
                                    .split('–')
                                    .next()
                                    .unwrap_or_default()
                                    .trim_end_matches('+')
                                    .to_owned();
                                let end_label = (i + 1 == count)
                                    .then(|| {
                                        let end = bin
                                            .label
                                            .split('–')
                                            .nth(1)
                                            .map(str::to_owned)
                                            .unwrap_or_else(|| "more".to_owned());
                                        (px(band.start + band.width + x.step() * 0.04), end)
                                    });
                                Some(
                                    view! {
                                        <g>
                                            <rect
                                                x=px(band.start)
                                                y=px(top)
                                                width=px(band.width)
                                                height=px((plot_bottom - top).max(0.0))
                                                fill=BAR_FILL
                                            >
                                                <title>{format!("{}: {} calls", bin.label, bin.count)}</title>
                                            </rect>
                                            {(bin.count > 0)
                                                .then(|| {
                                                    view! {
                                                        <text
                                                            x=px(band.center())
                                                            y=px(top - 3.0)
                                                            font-size=SMALL_SIZE
                                                            fill=INK
                                                            text-anchor="middle"
                                                        >
                                                            {bin.count.to_string()}
                                                        </text>
                                                    }
                                                })}
                                            <text
                                                x=edge
                                                y=px(plot_bottom + 12.0)
                                                font-size=SMALL_SIZE
                                                fill=MUTED_INK
                                                text-anchor="middle"
                                            >
                                                {start_label}
                                            </text>
                                            {end_label
                                                .map(|(at, text)| {
                                                    view! {
                                                        <text
                                                            x=at
                                                            y=px(plot_bottom + 12.0)
                                                            font-size=SMALL_SIZE
                                                            fill=MUTED_INK
                                                            text-anchor="end"
                                                        >
                                                            {text}
                                                        </text>
                                                    }
                                                })}
                                        </g>
                                    },
                                )
                            })
                            .collect_view()
                    }}
                    <line
                        x1=px(LEFT)
                        x2=px(VIEW_WIDTH - RIGHT)
                        y1=px(plot_bottom)
                        y2=px(plot_bottom)
                        stroke=MUTED_INK
                    />
                    <text
                        x=px((LEFT + VIEW_WIDTH - RIGHT) / 2.0)
                        y=px(HEIGHT - 6.0)
                        font-size=LABEL_SIZE
                        fill=INK
                        text-anchor="middle"
                    >
                        {axis.clone()}
                    </text>
                </svg>
                <table style=VISUALLY_HIDDEN>
                    <caption>{table_title.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{axis_name.clone()}</th>
                            <th scope="col">"Calls"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            bins.get()
                                .into_iter()
                                .map(|bin| {
                                    view! {
                                        <tr>
                                            <th scope="row">{bin.label}</th>
                                            <td>{bin.count.to_string()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
        </figure>
    }
}
