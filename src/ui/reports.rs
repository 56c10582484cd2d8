//! `ReportsPage` (manager): missed calls by source and by weekday × hour, the time-to-owner
//! and time-to-callback distributions, stale and booked rates over the period, wrong-owner
//! and duplicate rates, the pilot scorecard against the 90% threshold, a date-range picker,
//! and the readiness panel that says what blocks a pilot.
//!
//! The numbers come from `engine::report_data` (the TRIAGE.md metrics recomputed over the
//! calls in the chosen range) and `engine::readiness`, the sentences from
//! `engine::report_text`; this page picks the range and its cards draw.

use jiff::civil::Date;
use leptos::prelude::*;

use crate::engine::charts::{format_percent, minute_histogram, Heatmap};
use crate::engine::decision::Metrics;
use crate::engine::readiness::{pilot_blockers, Blocker, CallSupply};
use crate::engine::report_data::{report_calls, DateRange, ReportData};
use crate::engine::report_text::{
    blockers_heading, distribution_sentence, heatmap_sentence, median_line, period_line, pilot_verdict, rates_sentence,
    source_sentence,
};
use crate::engine::ZoneSource;
use crate::store::use_app_state;
use crate::ui::charts::{BarChart, BarDatum, ChartText, HeatmapChart, Histogram, RateLine};

/// The range picker's presets, in days ending today.
const PRESETS: [(u16, &str); 3] = [(7, "Last 7 days"), (14, "Last 14 days"), (30, "Last 30 days")];

#[component]
pub fn ReportsPage() -> impl IntoView {
    let state = use_app_state();
    // `None`: the whole period the data covers.
    let chosen: RwSignal<Option<DateRange>> = RwSignal::new(None);

    let report = Memo::new(move |_| {
        let triaged = state.triage.get()?.ok()?;
        let (bundle, output) = (&triaged.bundle, &triaged.output);
        let zone = state.zone.get()?;
        let tz = zone.zone(&bundle.config.timezone)?;
        let calls = report_calls(bundle, output, &tz);
        let full = DateRange::covering(&calls, bundle.now.0, &tz);
        let range = chosen.get().unwrap_or(full);
        Some((ReportData::build(&calls, range, bundle.now.0, &tz), full))
    });
    let data = move || report.get().map(|(data, _)| data);
    let today = Signal::derive(move || report.get().map(|(_, full)| full.last));
    let shown = Signal::derive(move || data().map(|d| (d.range, d.metrics.missed_calls)));

    let blockers = Memo::new(move |_| {
        let bundle = state.base.get()?;
        let connected = state.meta.with(|m| m.connections.call_sources());
        let supply = CallSupply { connected, calls_held: bundle.calls.len() };
        Some(pilot_blockers(&bundle.config, &bundle.crm, &supply))
    });

    let metrics = Signal::derive(move || data().map(|d| d.metrics));
    let heatmap = Signal::derive(move || data().map(|d| d.heatmap).unwrap_or(Heatmap { cells: [[0; 24]; 7] }));
    let to_owner = Signal::derive(move || data().map(|d| d.minutes_to_owner));
    let to_callback = Signal::derive(move || data().map(|d| d.minutes_to_callback));
    let days = Signal::derive(move || data().map(|d| d.daily).unwrap_or_default());

    view! {
        <style>{REPORTS_CSS}</style>
        <div class="cc-reports" data-testid="reports">
            <ReportsHeader shown=shown today=today on_range=Callback::new(move |range| chosen.set(range)) />
            <Show
                when=move || data().is_some()
                fallback=|| view! { <p class="cc-rp-empty">"No triage results yet."</p> }
            >
                <div class="cc-rp-grid">
                    <section
                        class="cc-rp-card cc-rp-score"
                        aria-labelledby="cc-rp-score-title"
                        data-testid="pilot-scorecard"
                    >
                        <h2 id="cc-rp-score-title">"Pilot scorecard"</h2>
                        {move || metrics.get().map(scorecard)}
                    </section>
                    <section class="cc-rp-card" aria-labelledby="cc-rp-rates-title" data-testid="rates">
                        <h2 id="cc-rp-rates-title">"Rates"</h2>
                        {move || metrics.get().map(rate_tiles)}
                    </section>
                    <ReadinessCard blockers=blockers />
                    <SourceCard metrics=metrics />
                    <section class="cc-rp-card" aria-labelledby="cc-rp-heat-title">
                        <h2 id="cc-rp-heat-title">"By weekday and hour"</h2>
                        <HeatmapChart
                            text=ChartText::new(
                                "Missed calls by weekday and local hour",
                                Signal::derive(move || heatmap_sentence(&heatmap.get())),
                            )
                            heatmap=heatmap
                        />
                    </section>
                    <TimeToCard
                        id="cc-rp-owner-title"
                        heading="Time to owner"
                        median=Signal::derive(move || metrics.get().and_then(|m| m.median_minutes_to_assignment))
                        chart_title="Time from missed call to owner assignment"
                        what="assigned an owner"
                        minutes=to_owner
                        axis_name="time from call to owner"
                        empty_text="No owner assignments logged in this period."
                    />
                    <TimeToCard
                        id="cc-rp-callback-title"
                        heading="Time to callback"
                        median=Signal::derive(move || metrics.get().and_then(|m| m.median_minutes_to_callback))
                        chart_title="Time from missed call to first callback attempt"
                        what="called back"
                        minutes=to_callback
                        axis_name="time from call to first attempt"
                        empty_text="No callback attempts logged in this period."
                    />
                    <section class="cc-rp-card" aria-labelledby="cc-rp-daily-title">
                        <h2 id="cc-rp-daily-title">"Stale and booked, day by day"</h2>
                        <RateLine
                            text=ChartText::new(
                                "Stale rate and booked rate per day",
                                Signal::derive(move || rates_sentence(metrics.get().as_ref())),
                            )
                            days=days
                        />
                    </section>
                </div>
            </Show>
        </div>
    }
}

/// The title, the date range picker and the period shown. A range typed in is checked here and
/// its error shown; a valid range, a preset, or "All" (`None`) goes out through `on_range`.
#[component]
fn ReportsHeader(
    /// The range shown and its missed calls; `None` before the first triage.
    #[prop(into)]
    shown: Signal<Option<(DateRange, u32)>>,
    /// The last day the data covers: where the presets end.
    #[prop(into)]
    today: Signal<Option<Date>>,
    on_range: Callback<Option<DateRange>>,
) -> impl IntoView {
    let range_error: RwSignal<Option<String>> = RwSignal::new(None);
    let set_range = move |from: String, to: String| match DateRange::parse(&from, &to) {
        Ok(range) => {
            range_error.set(None);
            on_range.run(Some(range));
        }
        Err(error) => range_error.set(Some(error.to_string())),
    };
    let from_value = move || shown.get().map(|(range, _)| range.first.to_string()).unwrap_or_default();
    let to_value = move || shown.get().map(|(range, _)| range.last.to_string()).unwrap_or_default();
    let from_input = NodeRef::<leptos::html::Input>::new();
    let to_input = NodeRef::<leptos::html::Input>::new();
    let apply_inputs = move || {
        let read = |node: NodeRef<leptos::html::Input>| node.get().map(|input| input.value()).unwrap_or_default();
        set_range(read(from_input), read(to_input));
    };
    view! {
        <header class="cc-rp-head">
            <h1>"Reports"</h1>
            <form
                class="cc-rp-range"
                aria-label="Date range"
                on:submit=move |ev| {
                    ev.prevent_default();
                    apply_inputs();
                }
            >
                <label>
                    "From "
                    <input type="date" node_ref=from_input prop:value=from_value on:change=move |_| apply_inputs() />
                </label>
                <label>
                    "to " <input type="date" node_ref=to_input prop:value=to_value on:change=move |_| apply_inputs() />
                </label>
                {PRESETS
                    .iter()
                    .map(|&(days, label)| {
                        view! {
                            <button
                                type="button"
                                class="cc-btn"
                                on:click=move |_| {
                                    if let Some(last) = today.get() {
                                        range_error.set(None);
                                        on_range.run(Some(DateRange::last_days(days, last)));
                                    }
                                }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    class="cc-btn"
                    on:click=move |_| {
                        range_error.set(None);
                        on_range.run(None);
                    }
                >
                    "All"
                </button>
            </form>
            {move || {
                range_error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="cc-rp-error" role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
            <p class="cc-rp-period">{move || shown.get().map(|(range, missed)| period_line(range, missed))}</p>
        </header>
    }
}

/// What blocks a pilot, with the fix for each; "Loading…" until the store is read.
#[component]
fn ReadinessCard(#[prop(into)] blockers: Signal<Option<Vec<Blocker>>>) -> impl IntoView {
    view! {
        <section class="cc-rp-card" aria-labelledby="cc-rp-ready-title" data-testid="readiness">
            <h2 id="cc-rp-ready-title">"Pilot readiness"</h2>
            {move || match blockers.get() {
                None => view! { <p>"Loading…"</p> }.into_any(),
                Some(list) if list.is_empty() => {
                    view! {
                        <p class="cc-rp-ready">
                            "Ready: calls are coming in, every tracking number has an owner rule, and texts have a consent source."
                        </p>
                    }
                        .into_any()
                }
                Some(list) => {
                    view! {
                        <p>{blockers_heading(list.len())}</p>
                        <ul class="cc-rp-blockers">
                            {list
                                .into_iter()
                                .map(|b| {
                                    view! {
                                        <li>
                                            <strong>{b.to_string()}</strong>
                                            " "
                                            <span>{b.fix()}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Missed calls per tracking number, the after-hours part marked.
#[component]
fn SourceCard(#[prop(into)] metrics: Signal<Option<Metrics>>) -> impl IntoView {
    let bars = Signal::derive(move || {
        metrics
            .get()
            .map(|m| {
                m.by_source
                    .into_iter()
                    .map(|s| BarDatum {
                        label: s.source,
                        value: f64::from(s.count),
                        part: Some(f64::from(s.after_hours)),
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="cc-rp-card" aria-labelledby="cc-rp-source-title">
            <h2 id="cc-rp-source-title">"Missed calls by source"</h2>
            <BarChart
                text=ChartText::new(
                    "Missed calls by source",
                    Signal::derive(move || source_sentence(metrics.get().as_ref())),
                )
                bars=bars
                value_name="Missed calls"
                part_name="after hours"
            />
        </section>
    }
}

/// A time from the missed call to something (owner, callback): the median and the histogram.
#[component]
fn TimeToCard(
    /// The heading's id, which labels the section.
    id: &'static str,
    heading: &'static str,
    #[prop(into)] median: Signal<Option<f64>>,
    chart_title: &'static str,
    /// What happened to the calls counted: "assigned an owner", "called back".
    what: &'static str,
    /// The minutes for each call it happened to; `None` before the first triage.
    #[prop(into)]
    minutes: Signal<Option<Vec<f64>>>,
    axis_name: &'static str,
    empty_text: &'static str,
) -> impl IntoView {
    let bins = Signal::derive(move || minutes.get().map(|m| minute_histogram(&m)).unwrap_or_default());
    view! {
        <section class="cc-rp-card" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            <p class="cc-rp-note">{move || median_line(median.get())}</p>
            <Histogram
                text=ChartText::new(
                    chart_title,
                    Signal::derive(move || distribution_sentence(what, &minutes.get().unwrap_or_default())),
                )
                bins=bins
                axis_name=axis_name
                empty_text=empty_text
            />
        </section>
    }
}

fn scorecard(metrics: Metrics) -> impl IntoView {
    let pilot = metrics.pilot;
    let share = format_percent(pilot.within_sla);
    let verdict = pilot_verdict(&pilot);
    let class = if pilot.met { "cc-rp-big cc-rp-met" } else { "cc-rp-big cc-rp-unmet" };
    let bar_width = format!("width:{:.1}%", pilot.within_sla.unwrap_or(0.0) * 100.0);
    let threshold_left = format!("left:{:.1}%", pilot.threshold * 100.0);
    view! {
        <p class=class data-testid="within-sla">
            {share}
        </p>
        <p class="cc-rp-note">"of missed calls got an owner, a disposition and a callback attempt within the SLA"</p>
        <div class="cc-rp-meter" aria-hidden="true">
            <div class="cc-rp-meter-fill" style=bar_width></div>
            <div class="cc-rp-meter-mark" style=threshold_left></div>
        </div>
        <p>{verdict}</p>
    }
}

fn rate_tiles(metrics: Metrics) -> impl IntoView {
    let tiles = [
        ("Stale", format_percent(metrics.stale_rate), "due calls with no attempt by the deadline"),
        ("Booked", format_percent(metrics.booked_rate), "missed calls that ended booked"),
        ("Wrong owner", format_percent(metrics.wrong_owner_rate), "assigned calls later reassigned"),
        ("Duplicates", format_percent(metrics.duplicate_rate), "calls merged into an existing record"),
    ];
    view! {
        <dl class="cc-rp-tiles">
            {tiles
                .into_iter()
                .map(|(name, value, meaning)| {
                    view! {
                        <div class="cc-rp-tile" data-testid=format!("rate-{}", name.to_lowercase().replace(' ', "-"))>
                            <dt>{name}</dt>
                            <dd class="cc-rp-tile-value">{value}</dd>
                            <dd class="cc-rp-tile-meaning">{meaning}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

const REPORTS_CSS: &str = r#"
.cc-reports{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;padding:12px;max-width:1200px;margin:0 auto}
.cc-rp-head h1{font-size:22px;margin:0 0 8px}
.cc-rp-range{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.cc-rp-range input{font:inherit;padding:3px 6px;border:1px solid #d1d5db;border-radius:6px}
.cc-rp-error{color:#b91c1c;margin:6px 0}
.cc-rp-period{color:#4b5563;margin:6px 0 12px}
.cc-rp-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.cc-rp-card{border:1px solid #e5e7eb;border-radius:10px;padding:12px;background:#fff;min-width:0}
.cc-rp-card h2{font-size:15px;margin:0 0 8px}
.cc-rp-note{color:#4b5563;font-size:13px;margin:0 0 6px}
.cc-rp-big{font-size:40px;font-weight:700;margin:0}
.cc-rp-met{color:#047857}
.cc-rp-unmet{color:#b91c1c}
.cc-rp-meter{position:relative;height:10px;background:#f3f4f6;border-radius:5px;margin:8px 0}
.cc-rp-meter-fill{height:100%;background:#2563eb;border-radius:5px}
.cc-rp-meter-mark{position:absolute;top:-4px;width:2px;height:18px;background:#111827}
.cc-rp-tiles{display:grid;grid-template-columns:repeat(2,1fr);gap:8px;margin:0}
.cc-rp-tile{background:#f9fafb;border-radius:8px;padding:8px}
.cc-rp-tile dt{font-size:12px;color:#4b5563}
.cc-rp-tile dd{margin:0}
.cc-rp-tile-value{font-size:22px;font-weight:700}
.cc-rp-tile-meaning{font-size:11px;color:#4b5563}
.cc-rp-blockers{padding-left:18px;margin:4px 0}
.cc-rp-blockers li{margin-bottom:6px}
.cc-rp-blockers span{color:#4b5563}
.cc-rp-ready{color:#047857}
.cc-btn{font:inherit;font-size:12px;padding:4px 8px;border:1px solid #d1d5db;border-radius:6px;background:#fff;color:#1f2937;cursor:pointer;min-height:28px}
.cc-btn:hover{background:#f3f4f6}
.cc-btn:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
"#;
