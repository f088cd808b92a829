#include "sim/sizeclasses.h"

namespace gclab {

SizeClassRow sizeClassRow(int c) {
    SIM_CHECK(c >= 1 && c < numSizeClasses, "sizeClassRow: class out of range");
    SizeClassRow r{};
    r.sizeclass = c;
    r.bytesPerObj = class_to_size[c];
    r.bytesPerSpan = class_to_allocnpages[c] * pageSize;
    r.objects = r.bytesPerSpan / r.bytesPerObj;
    r.tailWaste = r.bytesPerSpan - r.objects * r.bytesPerObj;
    uintptr prev = class_to_size[c - 1];
    uintptr worst = (r.bytesPerObj - prev - 1) * r.objects + r.tailWaste;
    r.maxWastePercent = 100.0 * static_cast<double>(worst) / static_cast<double>(r.bytesPerSpan);
    return r;
}

} // namespace gclab
