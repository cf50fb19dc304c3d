//! `extract --format xlsx`: a workbook for the people who receive a plan.
//!
//! Three sheets, each with a bold, frozen header row and filters:
//!
//! * **Nhiệm vụ**: one row per task, the columns of the CSV export
//!   ([`rows::COLUMNS`](super::rows::COLUMNS)) under the Vietnamese headers of
//!   [`TASK_HEADERS`]; text wraps; `Dòng` (line) is a number.
//! * **Đơn vị**: one row per unit ([`crate::assignments`]): the tasks it
//!   leads and coordinates, named units first, then the catch-alls.
//! * **Phát hiện**: the checker's findings: code, severity, message (in
//!   Vietnamese and English), line and column.
//!
//! The same input gives the same bytes: the document's creation time is
//! fixed (2000-01-01T00:00:00Z), not the time of the run.

use super::rows::task_rows;
use crate::assignments::{Assignments, UnitAssignment, assignments};
use crate::check::Finding;
use crate::model::Plan;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};
use std::fmt;

/// Sheet names, in order.
pub const SHEETS: [&str; 3] = ["Nhiệm vụ", "Đơn vị", "Phát hiện"];

/// The header row of the "Nhiệm vụ" sheet, one per CSV column.
pub const TASK_HEADERS: [&str; 14] = [
    "Mã",
    "Nhóm",
    "Tên nhóm",
    "Số TT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị chủ trì (tên đầy đủ)",
    "Đơn vị phối hợp",
    "Đơn vị phối hợp (tên đầy đủ)",
    "Thời gian thực hiện",
    "Loại thời gian",
    "Bắt đầu",
    "Kết thúc",
    "Dòng",
];

/// Column widths of the "Nhiệm vụ" sheet, in characters.
const TASK_WIDTHS: [f64; 14] = [
    8.0, 6.0, 30.0, 6.0, 60.0, 35.0, 35.0, 35.0, 35.0, 16.0, 12.0, 11.0, 11.0, 7.0,
];

/// The header row of the "Đơn vị" sheet.
pub const UNIT_HEADERS: [&str; 7] = [
    "Đơn vị",
    "Loại",
    "Chủ trì",
    "Số nhiệm vụ chủ trì",
    "Phối hợp",
    "Số nhiệm vụ phối hợp",
    "Cách viết trong văn bản",
];

/// The header row of the "Phát hiện" sheet.
pub const FINDING_HEADERS: [&str; 6] = ["Mã lỗi", "Mức độ", "Nội dung", "Dòng", "Cột", "Message"];

/// The workbook could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XlsxError(String);

impl fmt::Display for XlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the workbook: {}", self.0)
    }
}

impl std::error::Error for XlsxError {}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        XlsxError(e.to_string())
    }
}

/// The formats used on every sheet.
struct Formats {
    header: Format,
    body: Format,
}

/// The workbook for `plan` and its `findings`, as the bytes of an `.xlsx` file.
pub fn render(plan: &Plan, findings: &[Finding]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let mut properties = DocProperties::new().set_creation_datetime(&created);
    if let Some(title) = &plan.title {
        properties = properties.set_title(title);
    }
    if let Some(subject) = &plan.subject {
        properties = properties.set_subject(subject);
    }
    workbook.set_properties(&properties);
    let formats = Formats {
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top),
        body: Format::new().set_text_wrap().set_align(FormatAlign::Top),
    };
    tasks_sheet(workbook.add_worksheet(), plan, &formats)?;
    units_sheet(workbook.add_worksheet(), &assignments(plan), &formats)?;
    findings_sheet(workbook.add_worksheet(), findings, &formats)?;
    Ok(workbook.save_to_buffer()?)
}

/// Writes the header row, freezes it and puts filters over `rows` body rows.
fn header(
    sheet: &mut Worksheet,
    name: &str,
    headers: &[&str],
    widths: &[f64],
    rows: usize,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    for (col, (h, w)) in (0u16..).zip(headers.iter().zip(widths)) {
        sheet.write_string_with_format(0, col, *h, &f.header)?;
        sheet.set_column_width(col, *w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(headers.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, row_num(rows), last_col)?;
    Ok(())
}

/// A 0-based sheet row from a count or index.
fn row_num(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn tasks_sheet(sheet: &mut Worksheet, plan: &Plan, f: &Formats) -> Result<(), XlsxError> {
    let rows = task_rows(plan);
    header(sheet, SHEETS[0], &TASK_HEADERS, &TASK_WIDTHS, rows.len(), f)?;
    for (r, row) in rows.iter().enumerate() {
        let r = row_num(r + 1);
        let cells = row.cells();
        let last = cells.len() - 1;
        for (col, cell) in (0u16..).zip(&cells[..last]) {
            sheet.write_string_with_format(r, col, cell, &f.body)?;
        }
        sheet.write_number_with_format(r, last as u16, row.line as f64, &f.body)?;
    }
    Ok(())
}

fn units_sheet(sheet: &mut Worksheet, a: &Assignments, f: &Formats) -> Result<(), XlsxError> {
    let all: Vec<&UnitAssignment> = a.units.iter().chain(&a.generic).collect();
    let widths = [45.0, 16.0, 30.0, 10.0, 30.0, 10.0, 45.0];
    header(sheet, SHEETS[1], &UNIT_HEADERS, &widths, all.len(), f)?;
    for (r, unit) in all.iter().enumerate() {
        let r = row_num(r + 1);
        sheet.write_string_with_format(r, 0, &unit.name, &f.body)?;
        sheet.write_string_with_format(r, 1, super::rows::enum_name(&unit.kind), &f.body)?;
        sheet.write_string_with_format(r, 2, unit.lead.join(", "), &f.body)?;
        sheet.write_number_with_format(r, 3, unit.lead.len() as f64, &f.body)?;
        sheet.write_string_with_format(r, 4, unit.coordinating.join(", "), &f.body)?;
        sheet.write_number_with_format(r, 5, unit.coordinating.len() as f64, &f.body)?;
        sheet.write_string_with_format(r, 6, unit.written.join("; "), &f.body)?;
    }
    Ok(())
}

fn findings_sheet(
    sheet: &mut Worksheet,
    findings: &[Finding],
    f: &Formats,
) -> Result<(), XlsxError> {
    let widths = [28.0, 10.0, 70.0, 7.0, 7.0, 70.0];
    header(
        sheet,
        SHEETS[2],
        &FINDING_HEADERS,
        &widths,
        findings.len(),
        f,
    )?;
    for (r, finding) in findings.iter().enumerate() {
        let r = row_num(r + 1);
        sheet.write_string_with_format(r, 0, &finding.code, &f.body)?;
        sheet.write_string_with_format(r, 1, finding.severity.name(), &f.body)?;
        sheet.write_string_with_format(r, 2, &finding.message, &f.body)?;
        sheet.write_number_with_format(r, 3, finding.span.line as f64, &f.body)?;
        sheet.write_number_with_format(r, 4, finding.span.column as f64, &f.body)?;
        sheet.write_string_with_format(r, 5, &finding.message_en, &f.body)?;
    }
    Ok(())
}
