#include "core/engine/catalog.h"

#include "core/nomenclature/tg263_table.h"

namespace roiname {

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

NameCatalog NameCatalog::from_csv(std::string_view csv_text) {
  NameCatalog catalog;
  bool header = true;
  std::size_t start = 0;
  while (start < csv_text.size()) {
    std::size_t end = csv_text.find('\n', start);
    if (end == std::string_view::npos) end = csv_text.size();
    std::string_view line = csv_text.substr(start, end - start);
    start = end + 1;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> fields = split_csv_line(line);
    if (fields.size() < 8 || fields[5].empty()) continue;
    CatalogRow row{fields[5], fields[0], fields[3], fields[7], fields[1], fields[2]};
    if (catalog.by_name_.count(row.name) != 0) continue;
    catalog.by_name_.emplace(row.name, catalog.rows_.size());
    catalog.by_lower_name_.emplace(ascii_lower(row.name), catalog.rows_.size());
    catalog.rows_.push_back(std::move(row));
  }
  return catalog;
}

const NameCatalog& NameCatalog::tg263() {
  static const NameCatalog catalog = [] {
    NameCatalog out;
    for (const Tg263Row& row : Tg263Table::embedded().rows()) {
      if (row.placeholder || out.by_name_.count(row.primary_name) != 0) continue;
      out.by_name_.emplace(row.primary_name, out.rows_.size());
      out.by_lower_name_.emplace(ascii_lower(row.primary_name), out.rows_.size());
      out.rows_.push_back({row.primary_name, row.target_type, row.anatomic_group, row.description,
                           row.major_category, row.minor_category});
    }
    return out;
  }();
  return catalog;
}

const CatalogRow* NameCatalog::find(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? nullptr : &rows_[it->second];
}

const CatalogRow* NameCatalog::find_ignoring_case(std::string_view name) const {
  auto it = by_lower_name_.find(ascii_lower(name));
  return it == by_lower_name_.end() ? nullptr : &rows_[it->second];
}

}  // namespace roiname
