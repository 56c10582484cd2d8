//! `Histogram`: how many calls fall in each time bin (time to owner, time to callback). The
//! bins come from `engine::charts::minute_histogram` on a human clock (15 m, 1 h, 1 d ...),
//! drawn as equal-width columns labelled by their edges.

use leptos::prelude::*;

use super::{
    px, ChartSvg, ChartText, HiddenTable, Margins, YGridLine, AXIS_CHART_HEIGHT, BAR_FILL, INK, LABEL_SIZE, MUTED_INK,
    SMALL_SIZE, VIEW_WIDTH,
};
use crate::engine::charts::{count_ticks, format_tick, BandScale, Bin, LinearScale};

const MARGINS: Margins = Margins { top: 10.0, right: 12.0, bottom: 34.0, left: 30.0 };

#[component]
pub fn Histogram(
    text: ChartText,
    #[prop(into)] bins: Signal<Vec<Bin>>,
    /// What the x axis measures, e.g. "time from call to first callback attempt".
    #[prop(into)]
    axis_name: String,
    /// Shown instead of the chart when there are no bins.
    #[prop(into)]
    empty_text: String,
) -> impl IntoView {
    let plot_bottom = AXIS_CHART_HEIGHT - MARGINS.bottom;
    let layout = Memo::new(move |_| {
        let max = bins.with(|b| b.iter().map(|bin| bin.count).max().unwrap_or(0));
        let ticks = count_ticks(f64::from(max), 4);
        let top = ticks.last().copied().unwrap_or(1.0);
        let y = LinearScale::new((0.0, top), (plot_bottom, MARGINS.top));
        let x = BandScale::new(bins.with(Vec::len), (MARGINS.left, VIEW_WIDTH - MARGINS.right), 0.08);
        (x, y, ticks)
    });
    // Stored so the redrawn chart (after the empty state) can read it again.
    let axis = StoredValue::new(axis_name.clone());

    view! {
        <figure class="cc-chart cc-histogram" style="margin:0">
            <Show
                when=move || bins.with(|b| !b.is_empty())
                fallback=move || view! { <p style=format!("color:{MUTED_INK};font-size:13px")>{empty_text.clone()}</p> }
            >
                <ChartSvg text=text.clone() height=AXIS_CHART_HEIGHT>
                    {move || {
                        let (_, y, ticks) = layout.get();
                        ticks
                            .into_iter()
                            .map(|tick| {
                                view! { <YGridLine margins=MARGINS y=px(y.map(tick)) label=format_tick(tick) /> }
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
                                        (px(band.start + band.width + x.step() * 0.04), end, "end")
                                    });
                                let edge_labels = std::iter::once((edge, start_label, "middle")).chain(end_label);
                                Some(
                                    // Each column is labelled at its left edge; the last also at its right.
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
                                            {edge_labels
                                                .map(|(at, text, anchor)| {
                                                    view! {
                                                        <text
                                                            x=at
                                                            y=px(plot_bottom + 12.0)
                                                            font-size=SMALL_SIZE
                                                            fill=MUTED_INK
                                                            text-anchor=anchor
                                                        >
                                                            {text}
                                                        </text>
                                                    }
                                                })
                                                .collect_view()}
                                        </g>
                                    },
                                )
                            })
                            .collect_view()
                    }}
                    <line
                        x1=px(MARGINS.left)
                        x2=px(VIEW_WIDTH - MARGINS.right)
                        y1=px(plot_bottom)
                        y2=px(plot_bottom)
                        stroke=MUTED_INK
                    />
                    <text
                        x=px((MARGINS.left + VIEW_WIDTH - MARGINS.right) / 2.0)
                        y=px(AXIS_CHART_HEIGHT - 6.0)
                        font-size=LABEL_SIZE
                        fill=INK
                        text-anchor="middle"
                    >
                        {axis.get_value()}
                    </text>
                </ChartSvg>
                <HiddenTable caption=text.title.clone() columns=vec![axis_name.clone(), "Calls".to_owned()]>
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
                </HiddenTable>
            </Show>
        </figure>
    }
}
