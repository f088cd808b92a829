#include "sim/base.h"

namespace gclab {

void simThrow(const std::string& what) { throw RuntimeThrow("sim: " + what); }

} // namespace gclab
