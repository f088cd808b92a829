#include "sim/sizeclasses.h"

#include "cli/commands.h"

#include <cstdio>
#include <ostream>

namespace gclab::cli {

void printSizeClasses(std::ostream& out, bool csv) {
    char line[160];
    if (csv)
        out << "class,bytes_per_obj,bytes_per_span,objects,tail_waste,max_waste\n";
    else
        out << "class  bytes/obj  bytes/span  objects  tail waste  max waste\n";
    for (int c = 1; c < numSizeClasses; c++) {
        SizeClassRow r = sizeClassRow(c);
        const char* fmt =
            csv ? "%d,%llu,%llu,%llu,%llu,%.2f\n" : "%5d  %9llu  %10llu  %7llu  %10llu  %8.2f%%\n";
        std::snprintf(line, sizeof line, fmt, r.sizeclass, static_cast<unsigned long long>(r.bytesPerObj),
                      static_cast<unsigned long long>(r.bytesPerSpan),
                      static_cast<unsigned long long>(r.objects),
                      static_cast<unsigned long long>(r.tailWaste), r.maxWastePercent);
        out << line;
    }
}

} // namespace gclab::cli
