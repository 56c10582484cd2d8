//! `HeatmapChart`: missed calls by weekday (rows, Monday first) and local hour (columns),
//! shaded by count on a single-hue ramp with a legend. Every cell has a tooltip, and the
//! hidden table lists the same 7 × 24 counts.

use leptos::prelude::*;

use super::{px, ChartSvg, ChartText, HiddenTable, Margins, INK, MUTED_INK, SMALL_SIZE, VIEW_WIDTH};
use crate::engine::charts::{heat_color, Heatmap, WEEKDAY_NAMES};

/// Room on the left for the weekday names, above for the hours, below for the legend.
const MARGINS: Margins = Margins { top: 14.0, right: 4.0, bottom: 26.0, left: 30.0 };
const CELL_HEIGHT: f64 = 15.0;

#[component]
pub fn HeatmapChart(text: ChartText, #[prop(into)] heatmap: Signal<Heatmap>) -> impl IntoView {
    let cell_width = (VIEW_WIDTH - MARGINS.left - MARGINS.right) / 24.0;
    let grid_bottom = MARGINS.top + 7.0 * CELL_HEIGHT;
    let height = grid_bottom + MARGINS.bottom;

    let hour_labels = (0..24)
        .step_by(3)
        .map(|hour| {
            view! {
                <text
                    x=px(MARGINS.left + (f64::from(hour) + 0.5) * cell_width)
                    y="10"
                    font-size=SMALL_SIZE
                    fill=MUTED_INK
                    text-anchor="middle"
                >
                    {format!("{hour:02}")}
                </text>
            }
        })
        .collect_view();
    let day_labels = WEEKDAY_NAMES
        .iter()
        .enumerate()
        .map(|(day, name)| {
            view! {
                <text
                    x=px(MARGINS.left - 4.0)
                    y=px(MARGINS.top + (day as f64 + 0.5) * CELL_HEIGHT + 3.5)
                    font-size=SMALL_SIZE
                    fill=INK
                    text-anchor="end"
                >
                    {*name}
                </text>
            }
        })
        .collect_view();

    view! {
        <figure class="cc-chart cc-heatmap" style="margin:0">
            <ChartSvg text=text.clone() height=height>
                {hour_labels}
                {day_labels}
                {move || {
                    let map = heatmap.get();
                    let max = map.max();
                    map.cells
                        .iter()
                        .enumerate()
                        .flat_map(|(day, row)| {
                            row.iter()
                                .enumerate()
                                .map(move |(hour, &count)| {
                                    let fill = heat_color(count, max).hex();
                                    let tip = format!(
                                        "{} {:02}:00–{:02}:00: {} missed call{}",
                                        WEEKDAY_NAMES[day],
                                        hour,
                                        (hour + 1) % 24,
                                        count,
                                        if count == 1 { "" } else { "s" },
                                    );
                                    view! {
                                        <rect
                                            x=px(MARGINS.left + hour as f64 * cell_width + 0.5)
                                            y=px(MARGINS.top + day as f64 * CELL_HEIGHT + 0.5)
                                            width=px(cell_width - 1.0)
                                            height=px(CELL_HEIGHT - 1.0)
                                            fill=fill
                                            rx="1.5"
                                        >
                                            <title>{tip}</title>
                                        </rect>
                                    }
                                })
                        })
                        .collect_view()
                }}
                {move || {
                    let max = heatmap.with(Heatmap::max);
                    let steps = [0.0, 0.25, 0.5, 0.75, 1.0];
                    let legend_y = grid_bottom + 9.0;
                    view! {
                        <text x=px(MARGINS.left) y=px(legend_y + 9.0) font-size=SMALL_SIZE fill=MUTED_INK>
                            "fewer"
                        </text>
                        {steps
                            .iter()
                            .enumerate()
                            .map(|(i, share)| {
                                let count = if i == 0 { 0 } else { ((f64::from(max) * share).ceil() as u32).max(1) };
                                view! {
                                    <rect
                                        x=px(MARGINS.left + 34.0 + i as f64 * 16.0)
                                        y=px(legend_y)
                                        width="14"
                                        height="11"
                                        fill=heat_color(count, max.max(1)).hex()
                                        stroke="#d1d5db"
                                        stroke-width="0.5"
                                    />
                                }
                            })
                            .collect_view()}
                        <text
                            x=px(MARGINS.left + 34.0 + 5.0 * 16.0 + 4.0)
                            y=px(legend_y + 9.0)
                            font-size=SMALL_SIZE
                            fill=MUTED_INK
                        >
                            {format!("more (max {max})")}
                        </text>
                    }
                }}
            </ChartSvg>
            <HiddenTable
                caption=text.title
                columns=std::iter::once("Day".to_owned()).chain((0..24).map(|hour| format!("{hour:02}:00"))).collect()
            >
                {move || {
                    let map = heatmap.get();
                    map.cells
                        .iter()
                        .enumerate()
                        .map(|(day, row)| {
                            view! {
                                <tr>
                                    <th scope="row">{WEEKDAY_NAMES[day]}</th>
                                    {row.iter().map(|count| view! { <td>{count.to_string()}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </HiddenTable>
        </figure>
    }
}
