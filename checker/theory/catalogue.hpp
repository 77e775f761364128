#pragma once
// The one catalogue of names: Adya's anomaly classes and Berenson's
// phenomena, their common names and where they are defined. The loader
// validates expectations against it, the classifier reports by it, the
// reports and docs print it.

#include <optional>
#include <span>
#include <string_view>

namespace isocheck {

enum class AnomalyClass : unsigned char { G0, G1a, G1b, G1c, GSingle, G2Item, G2 };
enum class Phenomenon : unsigned char { P0, P1, P2, P3, P4, A5A, A5B };

struct AnomalyInfo {
    AnomalyClass cls;
    std::string_view name;         ///< "G-single", as in SPEC and expectations
    std::string_view commonName;   ///< "single anti-dependency cycle"
    std::string_view definition;   ///< one sentence
    std::string_view source;       ///< citation
};

struct PhenomenonInfo {
    Phenomenon ph;
    std::string_view name;         ///< "P4"
    std::string_view commonName;   ///< "lost update"
    std::string_view definition;
    std::string_view source;
};

[[nodiscard]] std::span<const AnomalyInfo> anomalyCatalogue();
[[nodiscard]] std::span<const PhenomenonInfo> phenomenonCatalogue();
[[nodiscard]] const AnomalyInfo& info(AnomalyClass c);
[[nodiscard]] const PhenomenonInfo& info(Phenomenon p);
[[nodiscard]] std::optional<AnomalyClass> anomalyByName(std::string_view name);
[[nodiscard]] std::optional<Phenomenon> phenomenonByName(std::string_view name);

}  // namespace isocheck
