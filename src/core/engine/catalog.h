// The names the engine may answer with: the TG-263 primary names (embedded
// table), indexed for the lookups composition needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace roiname {

struct CatalogRow {
  std::string name;            // TG-263 primary name, e.g. "Parotid_L"
  std::string target_type;     // "Anatomic", "Derived", "PRV", "Non_Anatomic", ...
  std::string anatomic_group;  // "Head and Neck", "Thorax", ...
  std::string description;
  std::string major_category;  // "Heart" of Ventricle_L, "Brain" of Hippocampus_L
  std::string minor_category;  // "Kidney" of Kidney_Cortex_L, "Brainstem" of Brainstem_Core
};

class NameCatalog {
 public:
  // The embedded TG-263 table (nomenclature's Tg263Table, with its
  // corrections), without placeholder rows.
  static const NameCatalog& tg263();

  // Builds a catalog from TG-263 CSV text (header + rows); bad rows are skipped.
  static NameCatalog from_csv(std::string_view csv_text);

  // The row with exactly this name, or nullptr.
  const CatalogRow* find(std::string_view name) const;
  // The row whose name equals `name` ignoring ASCII case, or nullptr.
  const CatalogRow* find_ignoring_case(std::string_view name) const;
  const std::vector<CatalogRow>& rows() const { return rows_; }

 private:
  std::vector<CatalogRow> rows_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::unordered_map<std::string, std::size_t> by_lower_name_;
};

// Splits one CSV line into fields (RFC 4180 quotes; no embedded newlines).
std::vector<std::string> split_csv_line(std::string_view line);

}  // namespace roiname
