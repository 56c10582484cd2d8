//! The SVG chart components (`src/ui/charts/`) rendered in headless Chromium: each is an image
//! with a name and a description for screen readers, scales by `viewBox`, and carries a hidden
//! table with the same numbers; an empty distribution shows a sentence instead of an axis.
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60 cargo test --target wasm32-unknown-unknown
//!  --no-default-features --features app --test browser_charts`
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use callback_clock::engine::charts::{daily_rates, minute_histogram, DayOutcome, Heatmap};
use callback_clock::ui::charts::{BarChart, BarDatum, ChartText, HeatmapChart, Histogram, RateLine};
use jiff::civil::date;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view into a fresh 320 px wide container and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let container: web_sys::HtmlElement = document.create_element("div").expect("div").unchecked_into();
    container.set_attribute("style", "width:320px").expect("style");
    document.body().expect("body").append_child(&container).expect("append");
    let handle = leptos::mount::mount_to(container.clone(), view);
    std::mem::forget(handle);
    container
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector).ok().flatten().and_then(|e| e.text_content()).unwrap_or_default()
}

/// `root.querySelectorAll(selector).length`, through JS (the crate's web-sys features have no NodeList).
fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    let method = js_sys::Reflect::get(root, &"querySelectorAll".into()).expect("querySelectorAll");
    let list = method.unchecked_into::<js_sys::Function>().call1(root, &selector.into()).expect("a selector");
    js_sys::Reflect::get(&list, &"length".into()).ok().and_then(|n| n.as_f64()).unwrap_or(0.0) as u32
}

fn assert_is_a_described_image(root: &web_sys::HtmlElement, name: &str) {
    let svg = root.query_selector("svg").ok().flatten().expect("an svg");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(svg.get_attribute("aria-label").as_deref(), Some(name));
    assert!(svg.get_attribute("viewBox").is_some_and(|v| v.starts_with("0 0 320 ")), "scales by viewBox");
    assert_eq!(svg.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(text_of(root, "svg > title"), name);
    assert!(!text_of(root, "svg > desc").is_empty(), "has a description");
    let width = svg.client_width();
    assert!(width > 300 && width <= 320, "fills the 320 px container: {width}");
}

#[wasm_bindgen_test]
fn bar_chart_is_a_named_image_with_a_data_table() {
    let bars = vec![
        BarDatum { label: "Google Ads".into(), value: 42.0, part: Some(10.0) },
        BarDatum { label: "Website".into(), value: 7.0, part: Some(0.0) },
    ];
    let root = mount(move || {
        view! {
            <BarChart
                text=ChartText::new(
                    "Missed calls by source",
                    Signal::derive(|| "49 missed calls; Google Ads had the most.".to_owned()),
                )
                bars=Signal::derive(move || bars.clone())
                value_name="Missed calls"
                part_name="after hours"
            />
        }
    });
    assert_is_a_described_image(&root, "Missed calls by source");
    assert_eq!(count(&root, "table tbody tr"), 2);
    assert_eq!(text_of(&root, "table tbody tr th"), "Google Ads");
    assert_eq!(text_of(&root, "table tbody tr td"), "42");
    assert!(count(&root, "svg rect") >= 4, "a bar and an after-hours part per source");
}

#[wasm_bindgen_test]
fn heatmap_has_a_cell_per_weekday_hour_and_a_7_by_24_table() {
    let heatmap = Heatmap::from_pairs([(0, 9), (0, 9), (4, 17)]);
    let root = mount(move || {
        view! {
            <HeatmapChart
                text=ChartText::new(
                    "Missed calls by weekday and local hour",
                    Signal::derive(|| "Busiest: Mon 09:00.".to_owned()),
                )
                heatmap=Signal::derive(move || heatmap.clone())
            />
        }
    });
    assert_is_a_described_image(&root, "Missed calls by weekday and local hour");
    assert!(count(&root, "svg rect") >= 7 * 24, "one cell per weekday and hour, plus the legend");
    assert_eq!(count(&root, "table tbody tr"), 7);
    assert_eq!(count(&root, "table tbody tr:first-child td"), 24);
    let monday_nine = root.query_selector("table tbody tr:first-child td:nth-of-type(10)").ok().flatten();
    assert_eq!(monday_nine.and_then(|td| td.text_content()).as_deref(), Some("2"));
}

#[wasm_bindgen_test]
fn histogram_draws_bins_and_an_empty_one_says_so() {
    let bins = minute_histogram(&[5.0, 20.0, 25.0, 90.0]);
    let root = mount(move || {
        view! {
            <Histogram
                text=ChartText::new("Time to callback", Signal::derive(|| "4 calls called back.".to_owned()))
                bins=Signal::derive(move || bins.clone())
                axis_name="time from call to first attempt"
                empty_text="No callback attempts logged in this period."
            />
        }
    });
    assert_is_a_described_image(&root, "Time to callback");
    assert_eq!(count(&root, "table tbody tr"), 4, "0-15m, 15-30m, 30m-1h, 1h-2h");

    let empty = mount(|| {
        view! {
            <Histogram
                text=ChartText::new("Time to owner", Signal::derive(String::new))
                bins=Signal::derive(Vec::new)
                axis_name="time from call to owner"
                empty_text="No owner assignments logged in this period."
            />
        }
    });
    assert_eq!(count(&empty, "svg"), 0);
    assert!(empty.text_content().unwrap_or_default().contains("No owner assignments"));
}

#[wasm_bindgen_test]
fn rate_line_breaks_on_days_without_calls() {
    let outcomes = [
        DayOutcome { date: date(2026, 11, 2), due: true, stale: true, booked: false },
        DayOutcome { date: date(2026, 11, 4), due: true, stale: false, booked: true },
    ];
    let days = daily_rates(&outcomes, date(2026, 11, 2), date(2026, 11, 4));
    let root = mount(move || {
        view! {
            <RateLine
                text=ChartText::new(
                    "Stale rate and booked rate per day",
                    Signal::derive(|| "Stale 50%, booked 50%.".to_owned()),
                )
                days=Signal::derive(move || days.clone())
            />
        }
    });
    assert_is_a_described_image(&root, "Stale rate and booked rate per day");
    assert_eq!(count(&root, "table tbody tr"), 3);
    let stale_path =
        root.query_selector("svg path").ok().flatten().and_then(|p| p.get_attribute("d")).unwrap_or_default();
    assert_eq!(stale_path.matches('M').count(), 2, "a gap on Nov 3: {stale_path}");
}
