#include "sim/transit_records.hpp"

namespace arteria {

const char* transit_trip_status_name(TransitTripStatus status) {
  switch (status) {
    case TransitTripStatus::completed: return "completed";
    case TransitTripStatus::en_route: return "en_route";
    case TransitTripStatus::not_started: return "not_started";
    case TransitTripStatus::unplaced: return "unplaced";
  }
  return "unknown";
}

const char* passenger_status_name(PassengerStatus status) {
  switch (status) {
    case PassengerStatus::arrived: return "arrived";
    case PassengerStatus::en_route: return "en_route";
    case PassengerStatus::stranded: return "stranded";
    case PassengerStatus::not_departed: return "not_departed";
  }
  return "unknown";
}

const char* stranded_reason_name(StrandedReason reason) {
  switch (reason) {
    case StrandedReason::none: return "none";
    case StrandedReason::no_journey: return "no_journey";
    case StrandedReason::no_service: return "no_service";
  }
  return "unknown";
}

}  // namespace arteria
