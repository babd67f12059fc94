// Internal to the SUMO importers: reading tlLogic programs and turning each into one fixed-time
// plan per controlled junction, shared by the .net.xml reader and the additional-file reader.
#pragma once

#include "formats/sumo/sumo_reader.hpp"
#include "formats/sumo/sumo_xml.hpp"

namespace arteria::sumo_signals {

// Reads one <tlLogic> and appends it to network.programs, replacing an earlier program with the
// same light and program id. Checks every phase's state against the light's link indices.
// `must_be_known`: a light the network has no connection for is an error (additional files);
// otherwise the program is skipped.
void add_program(const sumo_xml::XmlFile& xml, pugi::xml_node logic, std::uint32_t file,
                 bool must_be_known, SumoNetwork& network);

// Rebuilds network.spec.signal_plans from network.programs.
void install_plans(SumoNetwork& network);

}  // namespace arteria::sumo_signals
