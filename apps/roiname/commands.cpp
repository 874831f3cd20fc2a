#include "commands.h"

namespace roiname::cli {

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = {
      {"run", "The main job: standardise names, write renamed copies, reports and the audit log", define_run},
      {"scan", "List the RT Structure Sets under files and folders, with their ROIs", define_scan},
      {"rename", "Dry run: site, class and new name of every ROI in RT Structure Sets", define_rename},
      {"classify", "Class and standard name of bare ROI names (one structure set)", define_classify},
      {"check-laterality", "Check that ROIs named left/right lie on that side of the patient",
       define_check_laterality},
      {"validate", "Say whether names are valid under a protocol, and why not", define_validate},
      {"protocol", "Check, show or list naming protocols", define_protocol},
      {"eval", "Accuracy of the engine on a labelled name list (NAMING.md §6)", define_eval},
      {"audit", "List the runs, files and decisions recorded in an audit log", define_audit},
      {"version", "Print the version and the embedded data files", define_version},
  };
  return table;
}

}  // namespace roiname::cli
