//! `BarChart`: horizontal bars, one per category (missed calls by source). Labels sit above
//! their bars so long source names stay readable at sidebar width; an optional highlighted
//! part of each bar (after-hours calls) is drawn darker and named in the legend.

use leptos::prelude::*;

use super::{
    px, ChartSvg, ChartText, HiddenTable, Margins, BAR_FILL, GRID, INK, LABEL_SIZE, MUTED_INK, SECOND_FILL, SMALL_SIZE,
    VIEW_WIDTH,
};
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
/// Room on the right for each bar's value, below for the axis.
const MARGINS: Margins = Margins { top: 8.0, right: 44.0, bottom: 18.0, left: 4.0 };

#[component]
pub fn BarChart(
    text: ChartText,
    #[prop(into)] bars: Signal<Vec<BarDatum>>,
    /// Column header of the values in the data table (e.g. "Missed calls").
    #[prop(into)]
    value_name: String,
    /// Legend and table header for the highlighted part, when bars have one.
    #[prop(optional, into)]
    part_name: Option<String>,
) -> impl IntoView {
    let height = move || MARGINS.top + bars.with(Vec::len) as f64 * ROW_HEIGHT + MARGINS.bottom;
    let scale = Memo::new(move |_| {
        let max = bars.with(|b| b.iter().map(|d| d.value).fold(0.0, f64::max));
        let ticks = count_ticks(max, 4);
        let top = ticks.last().copied().unwrap_or(1.0);
        (LinearScale::new((0.0, top), (MARGINS.left, VIEW_WIDTH - MARGINS.right)), ticks)
    });
    let legend_part = part_name.clone();
    let table_part = part_name.clone();

    view! {
        <figure class="cc-chart cc-bar-chart" style="margin:0">
            <ChartSvg text=text.clone() height=Signal::derive(height)>
                {move || {
                    let (x, ticks) = scale.get();
                    let bottom = height() - MARGINS.bottom;
                    ticks
                        .into_iter()
                        .map(|tick| {
                            let at = px(x.map(tick));
                            view! {
                                <line
                                    x1=at.clone()
                                    x2=at.clone()
                                    y1=px(MARGINS.top)
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
                            let y = MARGINS.top + i as f64 * ROW_HEIGHT;
                            let width = (x.map(bar.value) - MARGINS.left).max(0.0);
                            let part_width = bar.part.map(|p| (x.map(p.min(bar.value)) - MARGINS.left).max(0.0));
                            view! {
                                <g>
                                    <text x=px(MARGINS.left) y=px(y + 10.0) font-size=LABEL_SIZE fill=INK>
                                        {bar.label.clone()}
                                    </text>
                                    // The whole bar, then its highlighted part drawn over it.
                                    {[(Some(width), BAR_FILL), (part_width, SECOND_FILL)]
                                        .into_iter()
                                        .filter_map(|(width, fill)| {
                                            let width = width?;
                                            Some(
                                                view! {
                                                    <rect
                                                        x=px(MARGINS.left)
                                                        y=px(y + 14.0)
                                                        width=px(width)
                                                        height=px(BAR_HEIGHT)
                                                        fill=fill
                                                        rx="2"
                                                    />
                                                },
                                            )
                                        })
                                        .collect_view()}
                                    <text x=px(MARGINS.left + width + 4.0) y=px(y + 25.0) font-size=LABEL_SIZE fill=INK>
                                        {format_tick(bar.value)}
                                    </text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
            </ChartSvg>
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
            <HiddenTable
                caption=text.title
                columns=std::iter::once("Category".to_owned())
                    .chain(Some(value_name))
                    .chain(table_part.clone())
                    .collect()
            >
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
            </HiddenTable>
        </figure>
    }
}
