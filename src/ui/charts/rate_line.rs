//! `RateLine`: the stale rate and the booked rate per day over the chosen period, as two
//! lines on a 0-100% axis. A day with nothing to divide by is a gap, never a zero.

use leptos::prelude::*;

use super::{
    px, ChartSvg, ChartText, HiddenTable, Margins, YGridLine, AXIS_CHART_HEIGHT, BAR_FILL, INK, MUTED_INK, SECOND_FILL,
    SMALL_SIZE, VIEW_WIDTH,
};
use crate::engine::charts::{format_percent, line_path, short_date, DailyRate, LinearScale};

const MARGINS: Margins = Margins { top: 10.0, right: 12.0, bottom: 40.0, left: 34.0 };

/// One of the two lines: the rate it draws, its stroke, and where its legend entry starts.
struct Series {
    pick: fn(&DailyRate) -> Option<f64>,
    stroke: &'static str,
    dash: Option<&'static str>,
    legend_x: f64,
    name: &'static str,
}

/// Stale solid, booked dashed, so the two read apart without colour too.
static SERIES: [Series; 2] = [
    Series { pick: |d| d.stale_rate, stroke: SECOND_FILL, dash: None, legend_x: MARGINS.left, name: "stale" },
    Series { pick: |d| d.booked_rate, stroke: BAR_FILL, dash: Some("5 3"), legend_x: 92.0, name: "booked" },
];

#[component]
pub fn RateLine(text: ChartText, #[prop(into)] days: Signal<Vec<DailyRate>>) -> impl IntoView {
    let plot_bottom = AXIS_CHART_HEIGHT - MARGINS.bottom;
    let y = LinearScale::new((0.0, 1.0), (plot_bottom, MARGINS.top));
    let x_scale = move || {
        let count = days.with(Vec::len).max(1);
        LinearScale::new((0.0, (count - 1).max(1) as f64), (MARGINS.left, VIEW_WIDTH - MARGINS.right))
    };
    let series_path = move |pick: fn(&DailyRate) -> Option<f64>| {
        let x = x_scale();
        let points: Vec<Option<(f64, f64)>> = days
            .with(|d| d.iter().enumerate().map(|(i, day)| pick(day).map(|r| (x.map(i as f64), y.map(r)))).collect());
        line_path(&points)
    };

    view! {
        <figure class="cc-chart cc-rate-line" style="margin:0">
            <ChartSvg text=text.clone() height=AXIS_CHART_HEIGHT>
                {[0.0, 0.25, 0.5, 0.75, 1.0]
                    .into_iter()
                    .map(|tick| {
                        view! { <YGridLine margins=MARGINS y=px(y.map(tick)) label=format_percent(Some(tick)) /> }
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
                {SERIES
                    .iter()
                    .map(|line| {
                        view! {
                            <path
                                d=move || series_path(line.pick)
                                fill="none"
                                stroke=line.stroke
                                stroke-width="2"
                                stroke-linecap="round"
                                stroke-linejoin="round"
                                stroke-dasharray=line.dash
                            />
                        }
                    })
                    .collect_view()}
                {SERIES
                    .iter()
                    .map(|line| {
                        view! {
                            <line
                                x1=px(line.legend_x)
                                x2=px(line.legend_x + 14.0)
                                y1=px(AXIS_CHART_HEIGHT - 10.0)
                                y2=px(AXIS_CHART_HEIGHT - 10.0)
                                stroke=line.stroke
                                stroke-width="2"
                                stroke-dasharray=line.dash
                            />
                            <text
                                x=px(line.legend_x + 18.0)
                                y=px(AXIS_CHART_HEIGHT - 7.0)
                                font-size=SMALL_SIZE
                                fill=INK
                            >
                                {line.name}
                            </text>
                        }
                    })
                    .collect_view()}
            </ChartSvg>
            <HiddenTable
                caption=text.title.clone()
                columns=["Day", "Missed calls", "Stale rate", "Booked rate"].map(str::to_owned).to_vec()
            >
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
            </HiddenTable>
        </figure>
    }
}
