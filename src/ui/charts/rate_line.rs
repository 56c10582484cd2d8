//! `RateLine`: the stale rate and the booked rate per day over the chosen period, as two
//! lines on a 0-100% axis. A day with nothing to divide by is a gap, never a zero.

use leptos::prelude::*;

use super::{px, BAR_FILL, GRID, INK, MUTED_INK, SECOND_FILL, SMALL_SIZE, VIEW_WIDTH, VISUALLY_HIDDEN};
use crate::engine::charts::{format_percent, line_path, short_date, DailyRate, LinearScale};

const HEIGHT: f64 = 170.0;
const TOP: f64 = 10.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 12.0;
const BOTTOM: f64 = 40.0;

#[component]
pub fn RateLine(
    #[prop(into)] title: String,
    #[prop(into)] description: Signal<String>,
    #[prop(into)] days: Signal<Vec<DailyRate>>,
) -> impl IntoView {
    let plot_bottom = HEIGHT - BOTTOM;
    let y = LinearScale::new((0.0, 1.0), (plot_bottom, TOP));
    let x_scale = move || {
        let count = days.with(Vec::len).max(1);
        LinearScale::new((0.0, (count - 1).max(1) as f64), (LEFT, VIEW_WIDTH - RIGHT))
    };
    let series_path = move |pick: fn(&DailyRate) -> Option<f64>| {
        let x = x_scale();
        let points: Vec<Option<(f64, f64)>> = days
            .with(|d| d.iter().enumerate().map(|(i, day)| pick(day).map(|r| (x.map(i as f64), y.map(r)))).collect());
        line_path(&points)
    };
    let label = title.clone();
    let table_title = title.clone();

    view! {
        <figure class="cc-chart cc-rate-line" style="margin:0">
            <svg
                viewBox=format!("0 0 {} {}", VIEW_WIDTH, HEIGHT)
                width="100%"
                role="img"
                aria-label=label
                style="display:block;max-width:100%;height:auto"
            >
                <title>{title.clone()}</title>
                <desc>{move || description.get()}</desc>
                {[0.0, 0.25, 0.5, 0.75, 1.0]
                    .into_iter()
                    .map(|tick| {
                        let at = px(y.map(tick));
                        view! {
                            <line x1=px(LEFT) x2=px(VIEW_WIDTH - RIGHT) y1=at.clone() y2=at.clone() stroke=GRID />
                            <text x=px(LEFT - 4.0) y=at dy="3" font-size=SMALL_SIZE fill=MUTED_INK text-anchor="end">
                                {format_percent(Some(tick))}
                            </text>
                        }
                    })
                    .collect_view()}
                {move || {
                    let x = x_scale();
                    let list = days.get();
                    let last = list.len().saturating_sub(1);
                    let marks: Vec<usize> = if last == 0 { vec![0] } else { vec![0, last / 2, last] };
                    let mut marks = marks;
                    marks.dedup();
                    marks
                        .into_iter()
                        .filter_map(|i| list.get(i).map(|day| (i, day.date)))
                        .map(|(i, date)| {
                            let anchor = if i == 0 { "start" } else if i == last { "end" } else { "middle" };
                            view! {
                                <text
                                    x=px(x.map(i as f64))
                                    y=px(plot_bottom + 13.0)
                                    font-size=SMALL_SIZE
                                    fill=MUTED_INK
                                    text-anchor=anchor
                                >
                                    {short_date(date)}
                                </text>
                            }
                        })
                        .collect_view()
                }}
                <path
                    d=move || series_path(|d| d.stale_rate)
                    fill="none"
                    stroke=SECOND_FILL
                    stroke-width="2"
                    stroke-linecap="round"
                    stroke-linejoin="round"
                />
                <path
                    d=move || series_path(|d| d.booked_rate)
                    fill="none"
                    stroke=BAR_FILL
                    stroke-width="2"
                    stroke-linecap="round"
                    stroke-linejoin="round"
                    stroke-dasharray="5 3"
                />
                <line
                    x1=px(LEFT)
                    x2="48"
                    y1=px(HEIGHT - 10.0)
                    y2=px(HEIGHT - 10.0)
                    stroke=SECOND_FILL
                    stroke-width="2"
                />
                <text x="52" y=px(HEIGHT - 7.0) font-size=SMALL_SIZE fill=INK>
                    "stale"
                </text>
                <line
                    x1="92"
                    x2="106"
                    y1=px(HEIGHT - 10.0)
                    y2=px(HEIGHT - 10.0)
                    stroke=BAR_FILL
                    stroke-width="2"
                    stroke-dasharray="5 3"
                />
                <text x="110" y=px(HEIGHT - 7.0) font-size=SMALL_SIZE fill=INK>
                    "booked"
                </text>
            </svg>
            <table style=VISUALLY_HIDDEN>
                <caption>{table_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Day"</th>
                        <th scope="col">"Missed calls"</th>
                        <th scope="col">"Stale rate"</th>
                        <th scope="col">"Booked rate"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        days.get()
                            .into_iter()
                            .map(|day| {
                                view! {
                                    <tr>
                                        <th scope="row">{day.date.to_string()}</th>
                                        <td>{day.calls.to_string()}</td>
                                        <td>{format_percent(day.stale_rate)}</td>
                                        <td>{format_percent(day.booked_rate)}</td>
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
