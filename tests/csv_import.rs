//! CSV exports in: each system's sample export, bad rows, odd encodings, phone formats, the
//! editable column mapping, all-or-nothing files, the `import` command, and a fuzz that no
//! input panics.

use std::path::PathBuf;
use std::process::Command;

use callback_clock::connectors::csv_import::calls::status_from_word;
use callback_clock::connectors::csv_import::{
    guess_export_kind, import_calls, import_contacts, import_deals, import_tickets, read_headers, CallField,
    ColumnMapping, ExportFormat, ExportKind, ImportError,
};
use callback_clock::engine::bundle::{CallStatus, Direction, LeadStatus, Owner, TicketStatus};
use jiff::tz::TimeZone;
use proptest::prelude::*;

fn sample(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/csv").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn denver() -> TimeZone {
    jiff::tz::db().get("America/Denver").unwrap()
}

fn owners() -> Vec<Owner> {
    serde_json::from_str(r#"[{"id":"dana","name":"Dana Reyes"},{"id":"sam","name":"Sam Patel"}]"#).unwrap()
}

#[test]
fn each_sample_export_is_recognized_by_its_headers() {
    for (file, kind) in [
        ("twilio_calls.csv", ExportKind::Calls),
        ("callrail_calls.csv", ExportKind::Calls),
        ("ringcentral_call_log.csv", ExportKind::Calls),
        ("aircall_calls.csv", ExportKind::Calls),
        ("generic_calls.csv", ExportKind::Calls),
        ("twilio_forwarded_calls.csv", ExportKind::Calls),
        ("ringcentral_api_call_log.csv", ExportKind::Calls),
        ("aircall_api_calls.csv", ExportKind::Calls),
        ("callrail_api_calls.csv", ExportKind::Calls),
        ("hubspot_contacts.csv", ExportKind::Contacts),
        ("hubspot_deals.csv", ExportKind::Deals),
        ("hubspot_tickets.csv", ExportKind::Tickets),
    ] {
        let headers = read_headers(&sample(file)).unwrap();
        assert_eq!(guess_export_kind(&headers), kind, "{file}: {headers:?}");
    }
}

#[test]
fn headers_that_fit_nothing_are_offered_as_calls_to_map_by_hand() {
    let headers = vec!["Foo".to_owned(), "Bar".to_owned()];
    assert_eq!(guess_export_kind(&headers), ExportKind::Calls);
}

#[test]
fn a_twilio_call_log_export_imports_with_its_rfc_2822_times() {
    let (imported, format) = import_calls(&sample("twilio_calls.csv"), None, &denver()).unwrap();
    assert_eq!(format, ExportFormat::Twilio);
    assert_eq!(imported.records.len(), 4);
    let first = &imported.records[0];
    assert_eq!(first.id, "CA5f1e0b6c3d2a4b8f9e7d6c5b4a392817");
    assert_eq!(first.started_at.0.to_string(), "2026-03-10T15:00:01Z", "StartTime, not DateCreated");
    assert_eq!(first.status, CallStatus::NoAnswer);
    assert_eq!(imported.records[2].direction, Direction::Outbound);
    assert_eq!(imported.records[3].caller_name.as_deref(), Some("GARCIA,MARIA"), "a quoted comma stays in its cell");
    assert_eq!(imported.issues.len(), 1);
    assert_eq!(imported.issues[0].to_string(), "row 6, column \"Status\": unknown call status \"ringing-ish\"");
}

#[test]
fn a_callrail_export_imports_local_times_and_voicemail_transcripts() {
    let (imported, format) = import_calls(&sample("callrail_calls.csv"), None, &denver()).unwrap();
    assert_eq!(format, ExportFormat::CallRail);
    let voicemail = &imported.records[1];
    assert_eq!(voicemail.status, CallStatus::Voicemail);
    assert_eq!(voicemail.started_at.0.to_string(), "2026-03-10T15:02:00Z", "09:02 AM in Denver (MDT)");
    assert!(voicemail.voicemail.as_ref().unwrap().transcript.as_deref().unwrap().contains("basement is flooding"));
    assert_eq!(voicemail.to, "(303) 555-0100");
    assert!(imported.records[2].voicemail.is_none(), "an answered call's recording is not a voicemail");
    let reasons: Vec<String> = imported.issues.iter().map(ToString::to_string).collect();
    assert_eq!(reasons, [
        "row 5, column \"Start Time\": \"2026-03-10 13:21 PM\" is not a time",
        "row 6, column \"Customer Phone Number\": \"1.72056E+10\" was turned into scientific notation by a spreadsheet; digits are lost; the call is kept for a person to look up",
    ]);
    assert_eq!(imported.records.last().unwrap().from.as_deref(), Some("1.72056E+10"), "kept as written");
}

#[test]
fn a_ringcentral_export_with_a_bom_crlf_and_split_date_and_time_imports() {
    let bytes = sample("ringcentral_call_log.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF") && bytes.windows(2).any(|w| w == b"\r\n"));
    let (imported, format) = import_calls(&bytes, None, &denver()).unwrap();
    assert_eq!(format, ExportFormat::RingCentral);
    let statuses: Vec<_> = imported.records.iter().map(|c| c.status).collect();
    assert_eq!(statuses, [CallStatus::NoAnswer, CallStatus::Voicemail, CallStatus::Completed, CallStatus::Abandoned]);
    assert_eq!(imported.records[0].started_at.0.to_string(), "2026-03-10T13:48:00Z");
    assert_eq!(imported.records[0].caller_name.as_deref(), Some("Nguyen, Tran"));
    assert_eq!(imported.records[1].from.as_deref(), Some("Anonymous"), "withheld ids stay as sent for the engine");
    assert_eq!(imported.records[3].from.as_deref(), Some("+1 720 555 0155 ext. 12"));
    assert_eq!(imported.issues[0].to_string(), "row 6, column \"Time\": \"25:61 PM\" is not a time of day");
}

#[test]
fn an_aircall_export_imports_with_quoted_commas_and_escaped_quotes() {
    let (imported, format) = import_calls(&sample("aircall_calls.csv"), None, &denver()).unwrap();
    assert_eq!(format, ExportFormat::Aircall);
    assert_eq!(imported.records.len(), 4);
    assert_eq!(imported.records[1].status, CallStatus::Voicemail);
    assert_eq!(imported.records[1].id, "CA91b2c3d4e5f60718293a4b5c6d7e8f90");
    assert_eq!(imported.records[2].direction, Direction::Outbound);
    assert_eq!(imported.records[3].status, CallStatus::NoAnswer, "out of business hours is a missed call");
    assert_eq!(imported.issues.len(), 1);
    assert_eq!(imported.issues[0].row, 6);
}

#[test]
fn a_utf16_export_from_excel_imports_like_utf8() {
    let text = String::from_utf8(sample("aircall_calls.csv")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (from_utf16, _) = import_calls(&utf16, None, &denver()).unwrap();
    let (from_utf8, _) = import_calls(text.as_bytes(), None, &denver()).unwrap();
    assert_eq!(from_utf16.records.len(), from_utf8.records.len());
}

#[test]
fn a_voicemail_on_a_call_the_phone_system_counts_as_completed_is_a_missed_call_with_its_voicemail() {
    let bytes = b"Sid,From,To,StartTime,Status,Direction,Voicemail URL\n\
CA1,+13035550142,+13035550100,2026-03-10T15:00:00Z,completed,inbound,https://api.twilio.com/Recordings/RE1\n\
CA2,+13035550143,+13035550100,2026-03-10T16:00:00Z,completed,inbound,\n";
    let (imported, _) = import_calls(bytes, None, &denver()).unwrap();
    assert_eq!(imported.records[0].status, CallStatus::Voicemail);
    let voicemail = imported.records[0].voicemail.as_ref().unwrap();
    assert_eq!(voicemail.recording_url.as_deref(), Some("https://api.twilio.com/Recordings/RE1"));
    assert_eq!(imported.records[1].status, CallStatus::Completed, "no voicemail: answered");
}

#[test]
fn a_windows_1252_export_keeps_accented_names() {
    let bytes = b"From,To,Start Time,Status,Caller Name\r\n+13035550142,+13035550100,2026-03-10 09:00,missed,Jos\xE9 Pe\xF1a\r\n";
    let (imported, _) = import_calls(bytes, None, &denver()).unwrap();
    assert_eq!(imported.records[0].caller_name.as_deref(), Some("José Peña"));
}

#[test]
fn a_csv_with_unknown_headers_needs_a_mapping_and_nothing_is_imported_without_it() {
    let bytes = sample("generic_calls.csv");
    let error = import_calls(&bytes, None, &denver()).unwrap_err();
    assert!(matches!(error, ImportError::MissingColumn { .. }));
    assert!(error.to_string().contains("\"When\", \"Who called\", \"Caller #\", \"Line\", \"What happened\""));
}

#[test]
fn an_edited_mapping_imports_any_csv() {
    let mut mapping = ColumnMapping::<CallField>::detect(&[]);
    for (field, header) in [
        (CallField::StartedAt, "When"),
        (CallField::CallerName, "Who called"),
        (CallField::From, "Caller #"),
        (CallField::To, "Line"),
        (CallField::Status, "What happened"),
    ] {
        mapping.set(field, header);
    }
    let (imported, format) = import_calls(&sample("generic_calls.csv"), Some(&mapping), &denver()).unwrap();
    assert_eq!(format, ExportFormat::Generic);
    assert_eq!(
        imported.records.iter().map(|c| c.status).collect::<Vec<_>>(),
        [CallStatus::NoAnswer, CallStatus::Voicemail]
    );
    assert_eq!(imported.records[0].from.as_deref(), Some("303.555.0171"));
    assert!(imported.records[0].id.starts_with("csv-"), "a stable id is made when the export has none");
    let json = serde_json::to_string(&imported.mapping).unwrap();
    assert_eq!(
        serde_json::from_str::<ColumnMapping<CallField>>(&json).unwrap(),
        mapping,
        "a mapping can be saved and loaded"
    );
}

#[test]
fn a_mapping_naming_a_missing_column_is_a_fatal_error() {
    let mut mapping = ColumnMapping::<CallField>::detect(&[]);
    mapping.set(CallField::To, "Nope");
    assert!(matches!(
        import_calls(&sample("twilio_calls.csv"), Some(&mapping), &denver()),
        Err(ImportError::UnknownColumn { .. })
    ));
}

#[test]
fn status_words_of_every_system_map_onto_the_contract() {
    let cases = [
        ("no-answer", CallStatus::NoAnswer),
        ("Missed Call", CallStatus::NoAnswer),
        ("Out of business hours", CallStatus::NoAnswer),
        ("Voicemail", CallStatus::Voicemail),
        ("Abandoned Call", CallStatus::Abandoned),
        ("Hang Up", CallStatus::Abandoned),
        ("busy", CallStatus::Busy),
        ("canceled", CallStatus::Canceled),
        ("Call connected", CallStatus::Completed),
        ("Answered Call", CallStatus::Completed),
    ];
    for (word, status) in cases {
        assert_eq!(status_from_word(word), Some(status), "{word}");
    }
    assert_eq!(status_from_word("purple"), None);
}

#[test]
fn hubspot_contact_exports_keep_every_phone_and_map_owner_names_to_ids() {
    let imported = import_contacts(&sample("hubspot_contacts.csv"), None, &owners()).unwrap();
    let maria = imported.records.iter().find(|c| c.id == "53").unwrap();
    assert_eq!(maria.phones, ["+1 720-555-0123", "+1 720-555-0124", "+1 720-555-0125", "+17205550123"]);
    assert_eq!(imported.records[0].owner.as_deref(), Some("dana"));
    assert!(imported.records[0].customer);
    assert_eq!(imported.records[0].postal_code.as_deref(), Some("80226"));
    let rows: Vec<(usize, &str)> = imported.issues.iter().map(|i| (i.row, i.column.as_str())).collect();
    assert_eq!(rows, [(6, "Record ID"), (7, "Phone Number")]);
}

#[test]
fn a_spreadsheet_mangled_phone_drops_that_phone_with_a_warning_not_the_contact() {
    let imported = import_contacts(&sample("hubspot_contacts.csv"), None, &owners()).unwrap();
    let tran = imported.records.iter().find(|c| c.id == "55").expect("the contact is kept");
    assert!(tran.phones.is_empty());
    let warning = imported.issues.iter().find(|i| i.row == 7).unwrap();
    assert!(warning.reason.ends_with("the contact is kept without it"), "{warning}");
}

#[test]
fn hubspot_deal_and_ticket_exports_become_leads_and_tickets() {
    let deals = import_deals(&sample("hubspot_deals.csv"), None, &owners()).unwrap();
    assert_eq!(deals.records[0].amount, Some(12500.0), "a thousands separator inside quotes");
    assert_eq!(deals.records[0].owner.as_deref(), Some("dana"));
    assert_eq!(deals.records[2].status, LeadStatus::Won);
    assert_eq!(deals.records[2].contact_id.as_deref(), Some("53"));
    assert_eq!(deals.issues[0].to_string(), "row 5, column \"Amount\": \"lots\" is not an amount");
    let tickets = import_tickets(&sample("hubspot_tickets.csv"), None).unwrap();
    assert_eq!(
        tickets.records.iter().map(|t| t.status).collect::<Vec<_>>(),
        [TicketStatus::Open, TicketStatus::Closed]
    );
    assert_eq!(tickets.issues[0].column, "Associated Contact IDs");
}

#[test]
fn an_empty_file_is_a_fatal_error() {
    assert_eq!(import_calls(b"", None, &denver()).unwrap_err(), ImportError::NoHeader);
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_callback-clock"))
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/csv"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_import_command_writes_a_bundle_that_triage_accepts() {
    let out = cli(&[
        "import",
        "--config",
        "config.json",
        "--calls",
        "twilio_calls.csv",
        "--calls",
        "callrail_calls.csv",
        "--calls",
        "ringcentral_call_log.csv",
        "--calls",
        "aircall_calls.csv",
        "--contacts",
        "hubspot_contacts.csv",
        "--deals",
        "hubspot_deals.csv",
        "--tickets",
        "hubspot_tickets.csv",
        "--now",
        "2026-03-11T00:00:00Z",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: callrail_calls.csv: row 5, column \"Start Time\""));
    let bundle = callback_clock::engine::parse_bundle(&String::from_utf8_lossy(&out.stdout)).unwrap();
    assert_eq!(bundle.calls.len(), 16);
    assert_eq!(bundle.crm.contacts.len(), 5, "the contact with a mangled phone is kept without it");
    let decisions = callback_clock::engine::triage(&bundle, &callback_clock::engine::zones::BundledZones).unwrap();
    assert_eq!(decisions.decisions.len(), 16);
    let mangled = bundle.calls.iter().position(|c| c.from.as_deref() == Some("1.72056E+10")).unwrap();
    let caller = serde_json::to_value(&decisions.decisions[mangled].caller).unwrap();
    assert_eq!(caller["status"], "invalid", "a mangled number is an invalid caller id, for a person to look up");
}

#[test]
fn the_import_command_exits_2_naming_the_file_and_writes_nothing_on_a_fatal_error() {
    let out = cli(&[
        "import",
        "--config",
        "config.json",
        "--calls",
        "twilio_calls.csv",
        "--calls",
        "generic_calls.csv",
        "--contacts",
        "hubspot_contacts.csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("generic_calls.csv: no column for dialed (tracking) number"), "{stderr}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_call_export_bytes_make_the_importer_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = import_calls(&bytes, None, &denver());
        let _ = import_contacts(&bytes, None, &[]);
        let _ = import_deals(&bytes, None, &[]);
        let _ = import_tickets(&bytes, None);
    }

    #[test]
    fn no_csv_shaped_text_makes_the_importer_panic(
        cells in proptest::collection::vec(proptest::collection::vec("[ -~\"\r\n,;:/.+0-9APM]{0,12}", 0..8), 0..12)
    ) {
        let mut text = String::from("Call Sid,From,To,Start Time,Status,Direction,Duration,Transcription,Date,Time\n");
        for row in cells {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let _ = import_calls(text.as_bytes(), None, &denver());
    }
}

fn calls_of(
    file: &str,
) -> callback_clock::connectors::csv_import::Imported<callback_clock::engine::bundle::Call, CallField> {
    import_calls(&sample(file), None, &denver()).unwrap_or_else(|e| panic!("{file}: {e}")).0
}

fn find<'a>(
    imported: &'a callback_clock::connectors::csv_import::Imported<callback_clock::engine::bundle::Call, CallField>,
    id: &str,
) -> &'a callback_clock::engine::bundle::Call {
    imported.records.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("{id} not imported"))
}

#[test]
fn a_twilio_forwarded_call_whose_dial_leg_missed_is_the_parents_missed_call() {
    let imported = calls_of("twilio_forwarded_calls.csv");
    let call = find(&imported, "CA10000000000000000000000000000001");
    assert_eq!(call.status, CallStatus::NoAnswer);
    assert_eq!((call.from.as_deref(), call.to.as_str()), (Some("+13035550142"), "+13035550100"));
    let legs = ["CA20000000000000000000000000000001", "CA20000000000000000000000000000002"];
    assert!(
        imported.records.iter().all(|c| !legs.contains(&c.id.as_str())),
        "legs are parts of their parent, not calls"
    );
}

#[test]
fn a_twilio_forwarded_call_another_leg_answered_stays_answered() {
    let imported = calls_of("twilio_forwarded_calls.csv");
    let call = find(&imported, "CA10000000000000000000000000000002");
    assert_eq!(call.status, CallStatus::Completed);
    assert_eq!(call.caller_name.as_deref(), Some("NÚÑEZ,MARÍA JOSÉ"));
}

#[test]
fn a_canceled_twilio_call_with_no_start_time_is_dated_by_date_created() {
    let imported = calls_of("twilio_forwarded_calls.csv");
    let call = find(&imported, "CA10000000000000000000000000000003");
    assert_eq!(call.status, CallStatus::Canceled);
    assert_eq!(call.started_at.0.to_string(), "2026-03-10T17:00:00Z");
}

#[test]
fn a_twilio_call_into_a_sip_trunk_is_inbound() {
    let imported = calls_of("twilio_forwarded_calls.csv");
    assert_eq!(find(&imported, "CA10000000000000000000000000000004").direction, Direction::Inbound);
}

#[test]
fn a_missed_twilio_leg_whose_parent_is_not_in_the_file_is_reported() {
    let imported = calls_of("twilio_forwarded_calls.csv");
    let issue = imported.issues.iter().find(|i| i.row == 9).expect("the orphan leg is reported");
    assert_eq!(issue.column, "ParentCallSid");
    assert!(issue.reason.contains("CA19999999999999999999999999999999"), "{issue}");
}

#[test]
fn ringcentral_api_records_with_dotted_names_import_iso_and_epoch_millisecond_times() {
    let (imported, format) = import_calls(&sample("ringcentral_api_call_log.csv"), None, &denver()).unwrap();
    assert_eq!(format, ExportFormat::RingCentral);
    let missed = find(&imported, "4641336240001");
    assert_eq!((missed.from.as_deref(), missed.to.as_str()), (Some("+17205550131"), "+13035550100"));
    assert_eq!(missed.caller_name.as_deref(), Some("Núñez, María José"));
    assert_eq!(missed.status, CallStatus::NoAnswer);
    let voicemail = find(&imported, "4641336240002");
    assert_eq!(voicemail.started_at.0.to_string(), "2026-03-10T15:00:00Z", "epoch milliseconds");
    assert_eq!(voicemail.status, CallStatus::Voicemail);
    assert_eq!(find(&imported, "4641336240003").status, CallStatus::Completed);
    assert_eq!(find(&imported, "4641336240004").status, CallStatus::Abandoned);
}

#[test]
fn ringcentral_blocked_and_ai_receptionist_calls_are_left_out_with_their_reason() {
    let imported = calls_of("ringcentral_api_call_log.csv");
    let reasons: Vec<(usize, String)> = imported.issues.iter().map(|i| (i.row, i.reason.clone())).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(reasons[0].0, 6);
    assert!(reasons[0].1.starts_with("left out: blocked"), "{reasons:?}");
    assert!(reasons[1].1.contains("AI receptionist"), "{reasons:?}");
}

#[test]
fn aircall_api_records_read_the_outcome_from_answered_at_missed_call_reason_and_voicemail() {
    let (imported, format) = import_calls(&sample("aircall_api_calls.csv"), None, &denver()).unwrap();
    assert_eq!(format, ExportFormat::Aircall);
    let missed = find(&imported, "812001");
    assert_eq!(missed.status, CallStatus::NoAnswer, "status done, answered_at empty");
    assert_eq!(missed.started_at.0.to_string(), "2026-03-10T15:00:00Z", "epoch seconds");
    assert_eq!((missed.from.as_deref(), missed.to.as_str()), (Some("+1 720-555-0133"), "+1 303-555-0100"));
    assert_eq!(find(&imported, "812002").status, CallStatus::Voicemail);
    assert_eq!(find(&imported, "812003").status, CallStatus::Completed, "answered_at set");
    assert_eq!(find(&imported, "812005").from.as_deref(), Some("anonymous"));
    assert_eq!(find(&imported, "812006").status, CallStatus::Abandoned, "short_abandoned");
    assert!(imported.issues.iter().any(|i| i.row == 8 && i.reason.contains("in progress")));
}

#[test]
fn a_file_with_voicemail_and_recording_columns_takes_the_voicemails_audio() {
    let imported = calls_of("aircall_api_calls.csv");
    let voicemail = find(&imported, "812002").voicemail.as_ref().unwrap();
    assert_eq!(voicemail.recording_url.as_deref(), Some("https://cdn.aircall.io/voicemails/812002.mp3"));
}

#[test]
fn callrail_api_records_read_answered_call_type_and_voicemail() {
    let (imported, format) = import_calls(&sample("callrail_api_calls.csv"), None, &denver()).unwrap();
    assert_eq!(format, ExportFormat::CallRail);
    let first_call = find(&imported, "CAL8f3a2b1c0001");
    assert_eq!(first_call.status, CallStatus::NoAnswer, "first_call says nothing; answered false does");
    assert_eq!(first_call.caller_name.as_deref(), Some("José Ramírez"));
    let voicemail = find(&imported, "CAL8f3a2b1c0002");
    assert_eq!(voicemail.status, CallStatus::Voicemail);
    assert!(voicemail.voicemail.as_ref().unwrap().transcript.as_deref().unwrap().contains("fuga de agua en el sótano"));
    let answered = find(&imported, "CAL8f3a2b1c0003");
    assert_eq!(answered.status, CallStatus::Completed);
    assert!(answered.voicemail.is_none(), "an answered call's transcript is the conversation");
    assert_eq!(find(&imported, "CAL8f3a2b1c0004").status, CallStatus::Abandoned);
    assert_eq!(find(&imported, "CAL8f3a2b1c0005").direction, Direction::Outbound);
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
}

#[test]
fn every_documented_status_value_is_mapped_or_left_out_with_a_reason() {
    use callback_clock::connectors::csv_import::calls::{vendor_word, VendorWord};
    let documented = [
        // Twilio Call status
        "queued",
        "ringing",
        "in-progress",
        "canceled",
        "completed",
        "failed",
        "busy",
        "no-answer",
        // Aircall status and missed_call_reason
        "initial",
        "answered",
        "done",
        "out_of_opening_hours",
        "short_abandoned",
        "abandoned_in_ivr",
        "abandoned_in_classic",
        "no_available_agent",
        "agents_did_not_answer",
        // CallRail call_type and export Call Status
        "first_call",
        "missed",
        "voicemail",
        "voicemail_transcription",
        "abandoned",
        "Answered Call",
        "Missed Call",
        "Abandoned Call",
        // RingCentral result and reason
        "Missed",
        "Call accepted",
        "Call connected",
        "Voicemail",
        "Rejected",
        "Blocked",
        "Accepted",
        "Hang Up",
        "Stopped",
        "Declined",
        "AI Call",
        "Unknown",
        "Busy",
        "Not Answered",
        "Line Busy",
        "Answered Not Accepted",
        "Call Failed",
        "Wrong Number",
        "Internal Error",
    ];
    for word in documented {
        assert!(vendor_word(word).is_some(), "{word} is documented but not in the table");
    }
    assert_eq!(vendor_word("Blocked").map(|w| matches!(w, VendorWord::NotACall(_))), Some(true));
    assert_eq!(vendor_word("first_call"), Some(VendorWord::NoOutcome));
}

#[test]
fn a_calls_file_from_which_no_call_could_be_read_is_refused_with_the_reason() {
    let error = import_calls(&sample("aircall_no_calls.csv"), None, &denver()).unwrap_err();
    assert!(matches!(error, ImportError::NoCalls { rows: 2, .. }), "{error:?}");
    assert!(
        error.to_string().contains("row 2, column \"status\": left out: the call was still in progress"),
        "{error}"
    );
}

#[test]
fn the_import_command_exits_2_on_a_calls_file_that_yields_no_call() {
    let out = cli(&[
        "import",
        "--config",
        "config.json",
        "--calls",
        "aircall_no_calls.csv",
        "--contacts",
        "hubspot_contacts.csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("aircall_no_calls.csv: no call could be read"));
}

/// `callback-clock import` of the generic call log and HubSpot's contacts, with `extra` arguments.
fn import_generic_calls(extra: &[&str]) -> std::process::Output {
    let mut args =
        vec!["import", "--config", "config.json", "--calls", "generic_calls.csv", "--contacts", "hubspot_contacts.csv"];
    args.extend_from_slice(extra);
    cli(&args)
}

#[test]
fn the_import_command_takes_column_names_by_hand_with_map() {
    let out = import_generic_calls(&[
        "--map",
        "to=Line",
        "--map",
        "status=What happened",
        "--mapping",
        "generic_calls_mapping.json",
        "--now",
        "2026-03-11T00:00:00Z",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bundle = callback_clock::engine::parse_bundle(&String::from_utf8_lossy(&out.stdout)).unwrap();
    assert_eq!(bundle.calls.len(), 2);
    assert_eq!(bundle.calls[0].caller_name.as_deref(), Some("Pat Lee"));
    assert_eq!(bundle.calls[1].status, CallStatus::Voicemail);
}

#[test]
fn the_import_command_names_the_fields_when_map_names_an_unknown_one() {
    let out = import_generic_calls(&["--map", "phone=Line"]);
    assert_eq!(out.status.code(), Some(64));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown field \"phone\"; fields are id, parent_call_id, from")
    );
}
