#include "sim/sizeclasses.h"
#include "sim/spanlayout.h"

#include "cli/commands.h"

#include <cstdio>
#include <ostream>

namespace gclab::cli {

namespace {

// printGo126Layout: the table with Go 1.26's objects per span and reserved bytes, pointerful and noscan.
void printGo126Layout(std::ostream& out, bool csv) {
    char line[160];
    if (csv)
        out << "class,bytes_per_obj,bytes_per_span,objects_scan,objects_noscan,reserved_scan,reserved_"
               "noscan\n";
    else
        out << "class  bytes/obj  bytes/span  objects (pointers / noscan)  reserved B (pointers / noscan)\n";
    for (int c = 1; c < numSizeClasses; c++) {
        const SpanClass scan = SpanClass::make(c, false), noscan = SpanClass::make(c, true);
        const uintptr nbytes = uintptr{class_to_allocnpages[c]} * pageSize;
        const char* fmt =
            csv ? "%d,%u,%llu,%u,%u,%llu,%llu\n" : "%5d  %9u  %10llu  %12u / %-12u  %14llu / %llu\n";
        std::snprintf(line, sizeof line, fmt, c, unsigned{class_to_size[c]},
                      static_cast<unsigned long long>(nbytes), objectsPerSpan(GoVersion::go1_26, scan),
                      objectsPerSpan(GoVersion::go1_26, noscan),
                      static_cast<unsigned long long>(spanReservedBytes(GoVersion::go1_26, scan, nbytes)),
                      static_cast<unsigned long long>(spanReservedBytes(GoVersion::go1_26, noscan, nbytes)));
        out << line;
    }
}

} // namespace

void printSizeClasses(std::ostream& out, bool csv, GoVersion v) {
    if (v == GoVersion::go1_26) {
        printGo126Layout(out, csv);
        return;
    }
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
