// The AAPM TG-263 nomenclature table (version 2017-08-15) as values: one row
// per standard structure name. The shipped table is embedded in the binary;
// a protocol may build its own table of allowed names from the same rows.
// Errata of the 2017 table and how they are handled: docs/tg263-errata.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace roiname {

struct Tg263Row {
  std::string primary_name;        // "Parotid_L": the TG-263 primary name, trimmed
  std::string reverse_order_name;  // "L_Parotid"
  std::string description;
  // Normalised spelling: Anatomic, PRV, Derived, Non_Anatomic, Target, Surgical
  // (the source also writes "Non-Anatomic").
  std::string target_type;
  std::string major_category;
  std::string minor_category;
  // Normalised spelling: Head and Neck, Thorax, Abdomen, Pelvis, Body, Limb
  // (the source also writes "Limbs"); empty in one source row.
  std::string anatomic_group;
  std::optional<long> fma_id;
  int n_characters_given = 0;  // the sheet's "N Characters" (wrong in 5 rows); 0 when absent
  std::string note;            // the sheet's unnamed 10th column
  int line = 0;                // line in the CSV it was read from (0 when built in code)
  // True for rows whose name holds a placeholder run of 'x' for digits
  // ("Bolus_xxmm", "Brainstem_PRVxx", "E-PTV_xxxx"): a pattern, not a name.
  bool placeholder = false;
};

class Tg263Table {
 public:
  // Reads the CSV layout of data/tg263/tg263_v20170815.csv (header row with
  // at least "TG263-Primary Name"; the other known columns are optional).
  // Fails with the line number of the first malformed line, an empty or
  // duplicate (ignoring case) primary name, or a non-numeric FMAID.
  static Result<Tg263Table> parse_csv(std::string_view csv);

  // A table from rows built in code (protocols with their own names).
  // Fails on an empty or duplicate (ignoring case) primary name.
  static Result<Tg263Table> from_rows(std::vector<Tg263Row> rows);

  // The shipped 2017 table, parsed once on first use (thread-safe). The
  // embedded file is tested, so a failure here aborts as a build defect.
  static const Tg263Table& embedded();

  const std::vector<Tg263Row>& rows() const { return rows_; }

  // The row whose primary name is exactly `primary_name`, or null. Rows with
  // placeholders match only their literal spelling ("Bolus_xxmm").
  const Tg263Row* find(std::string_view primary_name) const;
  // Same, ignoring ASCII case ("brainstem" finds "Brainstem").
  const Tg263Row* find_ignoring_case(std::string_view name) const;
  // The row whose reverse-order name is exactly `reverse_name`, or null.
  const Tg263Row* find_reverse(std::string_view reverse_name) const;
  // The placeholder row that `name` instantiates, each run of 'x' replaced by
  // as many digits ("Bolus_05mm" → "Bolus_xxmm"; a single 'x' takes one or
  // two digits), or null. Matching is exact in case.
  const Tg263Row* match_placeholder(std::string_view name) const;
  // Same, against the reverse-order names ("xxmm_Bolus").
  const Tg263Row* match_reverse_placeholder(std::string_view name) const;

  // What was normalised while reading, one line each ("line 207: target type
  // 'Non-Anatomic' read as 'Non_Anatomic'"). Empty for clean input.
  const std::vector<std::string>& corrections() const { return corrections_; }

 private:
  void index();
  std::vector<Tg263Row> rows_;
  std::vector<std::string> corrections_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::unordered_map<std::string, std::size_t> by_lower_name_;
  std::unordered_map<std::string, std::size_t> by_reverse_name_;
};

// ASCII lower case; TG-263 names are ASCII.
std::string ascii_lower(std::string_view text);

// True when `name` contains a placeholder run of 'x' (at the start or after
// "PRV", "PTV" or "_", and followed by the end, "_" or "mm").
bool has_placeholder(std::string_view name);

}  // namespace roiname
