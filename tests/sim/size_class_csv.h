// Test helper: Go 1.19's size-class table as the runtime's mksizeclasses.go prints it
// (../shared/docs/sizeclasses-go1.19.csv, copied to tests/data), read row by row.
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gclab::test {

inline constexpr const char* sizeClassCsvHeader =
    "class,bytes_per_obj,bytes_per_span,objects,tail_waste,max_waste";

// SizeClassCsvRow is one line of the table; maxWaste keeps the CSV's text ("12.50").
struct SizeClassCsvRow {
    int sizeclass = 0;
    unsigned long long bytesPerObj = 0, bytesPerSpan = 0, objects = 0, tailWaste = 0;
    std::string maxWaste;
};

// readSizeClassCsv returns the table's rows, or nothing if the file is missing or its header differs.
inline std::optional<std::vector<SizeClassCsvRow>> readSizeClassCsv() {
    std::ifstream in(std::string(GCLAB_TEST_DATA) + "/sizeclasses-go1.19.csv");
    std::string line;
    if (!std::getline(in, line) || line != sizeClassCsvHeader)
        return std::nullopt;
    std::vector<SizeClassCsvRow> rows;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        std::string f[6];
        for (auto& field : f)
            std::getline(row, field, ',');
        rows.push_back({std::stoi(f[0]), std::stoull(f[1]), std::stoull(f[2]), std::stoull(f[3]),
                        std::stoull(f[4]), f[5]});
    }
    return rows;
}

} // namespace gclab::test
