//! Task tables laid out with TAB-separated cells, one row per line.

use super::lines::{Line, key};
use crate::span::NSpan;

/// What a column holds, found from its header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    /// "TT", "STT", "Số TT".
    Number,
    /// "Nội dung nhiệm vụ", "Nhiệm vụ", "Tên nhiệm vụ" …
    Content,
    /// "Đơn vị chủ trì", "Cơ quan chủ trì" …
    Lead,
    /// "Đơn vị phối hợp", "Cơ quan phối hợp" …
    Coordinating,
    /// "Thời gian thực hiện", "Thời hạn" …
    Timeframe,
    /// "Kết quả", "Sản phẩm".
    Output,
    /// "Ghi chú".
    Note,
    /// "Cá nhân phụ trách".
    Person,
    /// A column whose header says nothing known.
    Other,
}

impl ColumnRole {
    /// The role a header cell names, if any.
    pub fn from_header(text: &str) -> Option<ColumnRole> {
        let k = key(text);
        let k = k.trim_end_matches(['.', ':']);
        let role = if matches!(k, "tt" | "stt" | "so tt" | "so thu tu" | "thu tu") {
            ColumnRole::Number
        } else if k.contains("chu tri") {
            ColumnRole::Lead
        } else if k.contains("phoi hop") {
            ColumnRole::Coordinating
        } else if k.contains("thoi gian") || k.contains("thoi han") || k.contains("tien do") {
            ColumnRole::Timeframe
        } else if k.contains("ket qua") || k.contains("san pham") {
            ColumnRole::Output
        } else if k.contains("ghi chu") {
            ColumnRole::Note
        } else if k.contains("ca nhan") || k.contains("nguoi phu trach") {
            ColumnRole::Person
        } else if k.contains("nhiem vu") || k.contains("noi dung") || k.contains("hoat dong") {
            ColumnRole::Content
        } else {
            return None;
        };
        Some(role)
    }
}

/// One cell: its text without surrounding white space, and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The trimmed text.
    pub text: &'a str,
    /// Span of the trimmed text (empty, at the cell's position, when blank).
    pub span: NSpan,
}

/// One row: a line split at its tabs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// 0-based line index.
    pub line: usize,
    /// The whole line, trimmed.
    pub span: NSpan,
    /// The cells, left to right.
    pub cells: Vec<Cell<'a>>,
}

impl<'a> Row<'a> {
    fn from_line(line: &Line<'a>) -> Row<'a> {
        // A pipe row "| a | b |" drops its outer bars; a TAB row splits at tabs.
        let inner = pipe_inner(line.text);
        let pieces: Vec<&'a str> = match inner {
            Some(inner) => inner.split('|').collect(),
            None => split_at_tabs(line.text).collect(),
        };
        let cells = pieces
            .into_iter()
            .map(|raw| {
                let text = raw.trim();
                let span = if text.is_empty() {
                    line.span_of(raw).within(0..0)
                } else {
                    line.span_of(text)
                };
                Cell { text, span }
            })
            .collect();
        Row {
            line: line.index,
            span: line.trimmed_span(),
            cells,
        }
    }

    /// The text of cell `i`, or "" when the row is shorter.
    pub fn text(&self, i: usize) -> &'a str {
        self.cells.get(i).map_or("", |c| c.text)
    }

    /// Whether every cell is empty.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }
}

/// A table: an optional header row, the column roles and the body rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<'a> {
    /// The header row, when the first row names the columns.
    pub header: Option<Row<'a>>,
    /// What each column holds, by position.
    pub columns: Vec<ColumnRole>,
    /// Rows under the header (blank lines inside the table are left out).
    pub rows: Vec<Row<'a>>,
    /// Rows that only number the columns ("(1) (2) (3)"): not tasks.
    pub column_number_rows: Vec<Row<'a>>,
    /// First and last line index of the table.
    pub first_line: usize,
    /// Last line index of the table (inclusive).
    pub last_line: usize,
}

impl Table<'_> {
    /// Position of the first column with `role`.
    pub fn column(&self, role: ColumnRole) -> Option<usize> {
        self.columns.iter().position(|&r| r == role)
    }

    /// The span from the first to the last row of the table, column-number
    /// rows included (a table may start or end with one, or hold nothing
    /// else).
    pub fn span(&self) -> NSpan {
        self.header
            .iter()
            .chain(&self.rows)
            .chain(&self.column_number_rows)
            .map(|r| r.span)
            .reduce(NSpan::cover)
            .unwrap_or_default()
    }
}

/// `text` cut at every tab, as `split('\t')` cuts it, with a SIMD search
/// (core's char search walks a word at a time; a plan is mostly table rows).
fn split_at_tabs(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    memchr::memchr_iter(b'\t', text.as_bytes())
        .map(Some)
        .chain([None])
        .map(move |tab| {
            let end = tab.unwrap_or(text.len());
            let piece = &text[from..end];
            from = end + 1;
            piece
        })
}

/// Whether a line is laid out as a table row: at least two tabs between text.
/// A paragraph that merely starts with a tab is not a row.
pub fn is_row(line: &Line<'_>) -> bool {
    let t = line.text.trim_end_matches([' ', '\t']);
    memchr::memchr_iter(b'\t', t.as_bytes()).nth(1).is_some()
        || (t.trim_start().contains('\t') && line.text.ends_with('\t'))
        || pipe_inner(line.text).is_some_and(|inner| inner.contains('|'))
}

/// The inside of a pipe row ("| a | b |" → " a | b "), as Markdown and
/// document converters write tables; None for other lines.
fn pipe_inner(text: &str) -> Option<&str> {
    let t = text.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    let at = text.find('|')? + 1;
    Some(&text[at..at + inner.len()])
}

/// "|---|:---:|": the rule under a pipe table's header.
fn is_pipe_rule(row: &Row<'_>) -> bool {
    !row.cells.is_empty()
        && row
            .cells
            .iter()
            .all(|c| !c.text.is_empty() && c.text.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// Whether a line inside a table is one of its rows: a row as [`is_row`]
/// says, or text followed by empty cells only ("I. Nhóm một⇥⇥⇥⇥", a group
/// heading merged across the row in a Word or HTML table).
fn continues_table(line: &Line<'_>) -> bool {
    is_row(line) || line.text.trim_end_matches(' ').ends_with("\t\t")
}

/// Finds the tables among `lines`: runs of row lines, blank lines allowed inside.
pub fn find_tables<'a>(lines: &[Line<'a>]) -> Vec<Table<'a>> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_row(&lines[i]) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < lines.len() {
            if continues_table(&lines[j]) {
                last = j;
            } else if !lines[j].is_blank() {
                break;
            }
            j += 1;
        }
        tables.push(build(&lines[first..=last]));
        i = last + 1;
    }
    tables
}

fn build<'a>(lines: &[Line<'a>]) -> Table<'a> {
    let mut rows: Vec<Row<'a>> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(Row::from_line)
        .collect();
    let header_roles: Vec<Option<ColumnRole>> = rows
        .first()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| ColumnRole::from_header(c.text))
                .collect()
        })
        .unwrap_or_default();
    let named = header_roles.iter().flatten().count();
    let (header, columns) = if named >= 2 {
        let columns = header_roles
            .iter()
            .map(|r| r.unwrap_or(ColumnRole::Other))
            .collect();
        (Some(rows.remove(0)), columns)
    } else {
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        (None, positional_roles(width))
    };
    let (column_number_rows, rows) = rows
        .into_iter()
        .partition(|r| is_column_number_row(r) || is_pipe_rule(r));
    Table {
        header,
        columns,
        rows,
        column_number_rows,
        first_line: lines.first().map_or(0, |l| l.index),
        last_line: lines.last().map_or(0, |l| l.index),
    }
}

/// Column roles for a table without a header, by the usual order of plans.
fn positional_roles(width: usize) -> Vec<ColumnRole> {
    use ColumnRole::*;
    let known: &[ColumnRole] = match width {
        5 => &[Number, Content, Lead, Coordinating, Timeframe],
        4 => &[Number, Content, Lead, Timeframe],
        _ => &[],
    };
    (0..width)
        .map(|i| known.get(i).copied().unwrap_or(Other))
        .collect()
}

/// "(1) (2) (3) …" or "1 2 3 …" across the cells: the row numbers columns.
fn is_column_number_row(row: &Row<'_>) -> bool {
    let nums: Vec<u32> = row
        .cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| {
            c.text
                .trim_start_matches('(')
                .trim_end_matches(')')
                .parse()
                .ok()
        })
        .collect::<Option<Vec<u32>>>()
        .unwrap_or_default();
    nums.len() >= 3 && nums.windows(2).all(|w| w[1] == w[0] + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    #[test]
    fn header_roles_by_name_not_position() {
        assert_eq!(ColumnRole::from_header("Số TT"), Some(ColumnRole::Number));
        assert_eq!(ColumnRole::from_header("STT"), Some(ColumnRole::Number));
        assert_eq!(
            ColumnRole::from_header("Nội dung nhiệm vụ"),
            Some(ColumnRole::Content)
        );
        assert_eq!(
            ColumnRole::from_header("Cơ quan chủ trì"),
            Some(ColumnRole::Lead)
        );
        assert_eq!(
            ColumnRole::from_header("Sở, ngành chủ trì tham mưu"),
            Some(ColumnRole::Lead)
        );
        assert_eq!(
            ColumnRole::from_header("Đơn vị phối hợp thực hiện"),
            Some(ColumnRole::Coordinating)
        );
        assert_eq!(
            ColumnRole::from_header("Thời gian thực hiện/ hoàn thành"),
            Some(ColumnRole::Timeframe)
        );
        assert_eq!(
            ColumnRole::from_header("Thời hạn thực hiện"),
            Some(ColumnRole::Timeframe)
        );
        assert_eq!(
            ColumnRole::from_header("Sản phẩm"),
            Some(ColumnRole::Output)
        );
        assert_eq!(ColumnRole::from_header("Ghi chú"), Some(ColumnRole::Note));
        assert_eq!(ColumnRole::from_header("Xyz"), None);
    }

    #[test]
    fn finds_a_table_across_blank_lines_and_reads_cells() {
        let text = "Intro\n\nTT\tNhiệm vụ\tThời hạn\tCơ quan chủ trì\nI\tNhóm\t\t\n\n1\tViệc một\t2021\tSở Y tế\nAfter";
        let lines = split_lines(text);
        let tables = find_tables(&lines);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.first_line, 2);
        assert_eq!(t.last_line, 5);
        assert_eq!(
            t.columns[3],
            ColumnRole::Lead,
            "columns come from the header"
        );
        assert_eq!(t.column(ColumnRole::Timeframe), Some(2));
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].text(3), "Sở Y tế");
        assert_eq!(&text[t.rows[1].cells[3].span.range()], "Sở Y tế");
        assert_eq!(t.rows[0].text(2), "");
    }

    #[test]
    fn a_paragraph_starting_with_a_tab_is_not_a_row() {
        let lines = split_lines("\tMột đoạn văn bắt đầu bằng tab.");
        assert!(!is_row(&lines[0]));
        assert!(find_tables(&lines).is_empty());
    }

    #[test]
    fn split_at_tabs_is_split_at_tab_chars() {
        for t in [
            "",
            "\t",
            "\t\t",
            "a",
            "a\t",
            "\ta",
            "a\tb\t\tc",
            "é\tđ \t",
            "\t\tx\t",
        ] {
            let want: Vec<&str> = t.split('\t').collect();
            assert_eq!(split_at_tabs(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    /// A row's cells are its line cut at every tab, as `split('\t')` cuts
    /// it, each trimmed and spanned within the line.
    #[test]
    fn cells_are_the_line_cut_at_tabs() {
        let text = "\t\na\t\n\t a \t\tb\né\tđ \n x ";
        for line in &split_lines(text) {
            let row = Row::from_line(line);
            let want: Vec<&str> = line.text.split('\t').map(str::trim).collect();
            let got: Vec<&str> = row.cells.iter().map(|c| c.text).collect();
            assert_eq!(got, want, "{:?}", line.text);
            for cell in &row.cells {
                assert_eq!(&text[cell.span.range()], cell.text);
            }
        }
    }

    #[test]
    fn column_number_rows_are_set_aside() {
        let lines = split_lines("TT\tNội dung\tChủ trì\n(1)\t(2)\t(3)\n1\tViệc\tSở Y tế");
        let t = &find_tables(&lines)[0];
        assert_eq!(t.column_number_rows.len(), 1);
        assert_eq!(t.rows.len(), 1);
    }
}
