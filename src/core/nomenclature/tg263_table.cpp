#include "core/nomenclature/tg263_table.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "core/embedded_data.h"

namespace roiname {

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// Splits RFC 4180 CSV into records of fields; quoted fields may hold commas,
// doubled quotes and line breaks. Each record keeps the line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

Result<std::vector<CsvRecord>> split_csv(std::string_view csv) {
  std::vector<CsvRecord> records;
  CsvRecord record{1, {}};
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1;
  auto end_record = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
    const bool blank = record.fields.size() == 1 && trimmed(record.fields[0]).empty();
    if (!blank) records.push_back(std::move(record));
    record = CsvRecord{line, {}};
  };
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == '"') {
      return Error{"line " + std::to_string(line) + ": quote inside an unquoted field"};
    } else if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      ++line;
      end_record();
    } else if (c != '\r') {
      field += c;
      field_started = true;
    }
  }
  if (quoted) return Error{"line " + std::to_string(record.line) + ": quoted field not closed"};
  if (field_started || !record.fields.empty()) end_record();
  return records;
}

std::optional<std::size_t> column(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (trimmed(header[i]) == name) return i;
  return std::nullopt;
}

// Length of the placeholder run of 'x' starting at `i` (after "PRV", "PTV",
// "_" or at the start, and followed by the end, "_" or "mm"), or 0.
std::size_t placeholder_run_at(std::string_view name, std::size_t i) {
  if (name[i] != 'x') return 0;
  const std::string_view before = name.substr(0, i);
  if (!(before.empty() || before.ends_with("PRV") || before.ends_with("PTV") || before.ends_with('_')))
    return 0;
  std::size_t end = i;
  while (end < name.size() && name[end] == 'x') ++end;
  const std::string_view after = name.substr(end);
  if (after.empty() || after.front() == '_' || after.starts_with("mm")) return end - i;
  return 0;
}

// Does `name` match `pattern`, where each placeholder run of 'x' stands for
// as many digits (a single 'x' for one or two)?
bool matches_pattern(std::string_view pattern, std::string_view name) {
  std::size_t p = 0, n = 0;
  while (p < pattern.size()) {
    if (const std::size_t run = placeholder_run_at(pattern, p); run > 0) {
      std::size_t digits = 0;
      while (n + digits < name.size() && name[n + digits] >= '0' && name[n + digits] <= '9') ++digits;
      if (!(digits == run || (run == 1 && digits == 2))) return false;
      p += run;
      n += digits;
      continue;
    }
    if (n >= name.size() || pattern[p] != name[n]) return false;
    ++p;
    ++n;
  }
  return n == name.size();
}

}  // namespace

bool has_placeholder(std::string_view name) {
  for (std::size_t i = 0; i < name.size(); ++i)
    if (placeholder_run_at(name, i) > 0) return true;
  return false;
}

Result<Tg263Table> Tg263Table::parse_csv(std::string_view csv) {
  auto records = split_csv(csv);
  if (!records) return records.error();
  if (records->empty()) return Error{"line 1: no header row"};
  const auto& header = records->front().fields;
  const auto primary = column(header, "TG263-Primary Name");
  if (!primary) return Error{"line 1: no column 'TG263-Primary Name' in the header"};
  const auto reverse = column(header, "TG-263-Reverse Order Name");
  const auto description = column(header, "Description");
  const auto target_type = column(header, "Target Type");
  const auto major = column(header, "Major Category");
  const auto minor = column(header, "Minor Category");
  const auto group = column(header, "Anatomic Group");
  const auto n_characters = column(header, "N Characters");
  const auto fma = column(header, "FMAID");
  const auto note = column(header, "Note");

  Tg263Table table;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const auto& record = (*records)[r];
    const std::string where = "line " + std::to_string(record.line) + ": ";
    if (record.fields.size() != header.size())
      return Error{where + std::to_string(record.fields.size()) + " fields, the header has " +
                   std::to_string(header.size())};
    auto cell = [&](const std::optional<std::size_t>& index) {
      return index ? trimmed(record.fields[*index]) : std::string();
    };
    Tg263Row row;
    row.line = record.line;
    row.primary_name = cell(primary);
    if (row.primary_name != record.fields[*primary])
      table.corrections_.push_back(where + "spaces trimmed from '" + record.fields[*primary] + "'");
    row.reverse_order_name = cell(reverse);
    row.description = cell(description);
    row.target_type = cell(target_type);
    if (row.target_type == "Non-Anatomic") {
      row.target_type = "Non_Anatomic";
      table.corrections_.push_back(where + "target type 'Non-Anatomic' read as 'Non_Anatomic'");
    }
    row.major_category = cell(major);
    row.minor_category = cell(minor);
    row.anatomic_group = cell(group);
    if (row.anatomic_group == "Limbs") {
      row.anatomic_group = "Limb";
      table.corrections_.push_back(where + "anatomic group 'Limbs' read as 'Limb'");
    }
    row.note = cell(note);
    const std::string count = cell(n_characters);
    if (!count.empty()) {
      if (count.size() > 3 ||
          !std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return Error{where + "N Characters '" + count + "' is not a number"};
      row.n_characters_given = std::stoi(count);
      if (row.n_characters_given != static_cast<int>(row.primary_name.size()))
        table.corrections_.push_back(where + "N Characters " + count + " for '" + row.primary_name + "' (" +
                                     std::to_string(row.primary_name.size()) + " characters); ignored");
    }
    const std::string fma_text = cell(fma);
    if (!fma_text.empty()) {
      if (fma_text.size() > 12 ||
          !std::all_of(fma_text.begin(), fma_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return Error{where + "FMAID '" + fma_text + "' is not a number"};
      row.fma_id = std::stol(fma_text);
    }
    if (row.primary_name.empty()) return Error{where + "empty primary name"};
    row.placeholder = has_placeholder(row.primary_name);
    table.rows_.push_back(std::move(row));
  }
  auto corrections = std::move(table.corrections_);
  auto indexed = from_rows(std::move(table.rows_));
  if (!indexed) return indexed.error();
  indexed->corrections_ = std::move(corrections);
  return indexed;
}

Result<Tg263Table> Tg263Table::from_rows(std::vector<Tg263Row> rows) {
  Tg263Table table;
  table.rows_ = std::move(rows);
  for (std::size_t i = 0; i < table.rows_.size(); ++i) {
    const auto& row = table.rows_[i];
    const std::string where = row.line ? "line " + std::to_string(row.line) + ": " : std::string();
    if (row.primary_name.empty()) return Error{where + "empty primary name"};
    const auto [it, inserted] = table.by_lower_name_.emplace(ascii_lower(row.primary_name), i);
    if (!inserted)
      return Error{where + "primary name '" + row.primary_name + "' repeats '" +
                   table.rows_[it->second].primary_name + "' (names must be unique ignoring case)"};
    table.by_name_.emplace(row.primary_name, i);
    if (!row.reverse_order_name.empty()) table.by_reverse_name_.emplace(row.reverse_order_name, i);
  }
  return table;
}

const Tg263Table& Tg263Table::embedded() {
  static const Tg263Table table = [] {
    const auto csv = embedded_file("tg263/tg263_v20170815.csv");
    if (!csv) {
      std::fputs("roiname: the embedded TG-263 table is missing (build defect)\n", stderr);
      std::abort();
    }
    auto parsed = parse_csv(*csv);
    if (!parsed) {
      std::fprintf(stderr, "roiname: the embedded TG-263 table is malformed (build defect): %s\n",
                   parsed.error().message.c_str());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return table;
}

const Tg263Row* Tg263Table::find(std::string_view primary_name) const {
  const auto it = by_name_.find(std::string(primary_name));
  return it == by_name_.end() ? nullptr : &rows_[it->second];
}

const Tg263Row* Tg263Table::find_ignoring_case(std::string_view name) const {
  const auto it = by_lower_name_.find(ascii_lower(name));
  return it == by_lower_name_.end() ? nullptr : &rows_[it->second];
}

const Tg263Row* Tg263Table::find_reverse(std::string_view reverse_name) const {
  const auto it = by_reverse_name_.find(std::string(reverse_name));
  return it == by_reverse_name_.end() ? nullptr : &rows_[it->second];
}

const Tg263Row* Tg263Table::match_placeholder(std::string_view name) const {
  for (const auto& row : rows_)
    if (row.placeholder && matches_pattern(row.primary_name, name)) return &row;
  return nullptr;
}

const Tg263Row* Tg263Table::match_reverse_placeholder(std::string_view name) const {
  for (const auto& row : rows_)
    if (row.placeholder && has_placeholder(row.reverse_order_name) &&
        matches_pattern(row.reverse_order_name, name))
      return &row;
  return nullptr;
}

}  // namespace roiname
